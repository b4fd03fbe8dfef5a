// The gateway in front of the real services, each its own process (the built dist/): a case
// worker signs in, registers a family and uploads an import through /api; another camp sees nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GatewayClient, generateHouseholds, waitFor, type GeneratedHousehold } from '@awda/testing';
import { AwdaSystem } from './harness.js';

function registrationBody(h: GeneratedHousehold): Record<string, unknown> {
  return {
    campId: h.campId,
    caseNumber: h.caseNumber,
    destinationArea: h.destinationArea,
    language: h.language,
    ...(h.phone ? { phone: h.phone } : {}),
    members: h.members.map((m) => ({
      fullNameAr: m.fullNameAr,
      fullNameLatin: m.fullNameLatin,
      sex: m.sex,
      dateOfBirth: m.dateOfBirth,
      relationship: m.relationship,
      needs: [...m.needs],
      documents: m.document ? [{ type: m.document.type, number: m.document.number }] : [],
      ...(m.needs.includes('SMC') ? { hasMedicalClearance: true } : {}),
      ...(m.needs.includes('UASC') ? { hasBestInterestsDetermination: true } : {}),
    })),
  };
}

describe('the gateway in front of the services', () => {
  let system: AwdaSystem;
  let caseworker: GatewayClient;

  beforeAll(async () => {
    system = await AwdaSystem.start({ services: ['registration', 'eligibility'], gateway: true });
    caseworker = await system.signedInClient({ roles: ['caseworker'], camps: ['mahmoudli'] });
  });

  afterAll(async () => {
    await system?.stop();
  });

  it('should let a case worker register a family through /api and show it to no one of another camp', async () => {
    const [family] = generateHouseholds('gateway-e2e', 1, { campId: 'mahmoudli', destinationAreas: ['SY110000'] });
    const created = await caseworker.post<{ id: string; campId: string }>('/api/registration/households', registrationBody(family!), {
      headers: { 'idempotency-key': `gw-${randomUUID()}` },
    });
    expect(created.status).toBe(201);
    expect(created.body.campId).toBe('mahmoudli');
    expect((await caseworker.get(`/api/registration/households/${created.body.id}`)).status).toBe(200);
    // Eligibility hears of it through the events and answers through the gateway too.
    await waitFor('the assessment', async () => (await caseworker.get(`/api/eligibility/assessments/${created.body.id}`)).status === 200, { timeoutMs: 30_000 });

    const other = await system.signedInClient({ roles: ['caseworker', 'supervisor'], camps: ['areesha'] });
    expect((await other.get(`/api/registration/households/${created.body.id}`)).status).toBe(404);
    expect((await other.get(`/api/eligibility/assessments/${created.body.id}`)).status).toBe(404);
    const list = await other.get<{ items: { id: string }[] }>('/api/registration/households');
    expect(list.status).toBe(200);
    expect(list.body.items.map((h) => h.id)).not.toContain(created.body.id);
  });

  it('should carry an import upload to registration and its progress back', async () => {
    const families = generateHouseholds('gateway-e2e-import', 2, { campId: 'mahmoudli', destinationAreas: ['SY110000'] });
    const lines = ['household_key,destination_area,language,phone,full_name_ar,full_name_latin,sex,date_of_birth,relationship,document_type,document_number,needs'];
    for (const h of families) {
      h.members.forEach((m, i) =>
        lines.push([h.caseNumber, i === 0 ? h.destinationArea : '', i === 0 ? h.language : '', '', m.fullNameAr, m.fullNameLatin, m.sex, m.dateOfBirth, m.relationship, '', '', ''].join(',')),
      );
    }
    const started = await caseworker.post<{ id: string }>('/api/registration/imports?campId=mahmoudli&format=csv&dryRun=true', new TextEncoder().encode(`${lines.join('\n')}\n`), {
      headers: { 'content-type': 'text/csv' },
    });
    expect(started.status).toBe(202);
    const done = await waitFor(
      'the dry run to finish',
      async () => {
        const view = await caseworker.get<{ status: string; rowsTotal: number }>(`/api/registration/imports/${started.body.id}`);
        return view.body.status === 'completed' || view.body.status === 'failed' ? view.body : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(done).toMatchObject({ status: 'completed', rowsTotal: lines.length - 1 });
  });

  it('should answer 503 for a service that is not running, and keep serving the others', async () => {
    const res = await caseworker.get('/api/transport/convoys');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ code: 'GATEWAY.SERVICE_UNAVAILABLE' });
    expect((await caseworker.get('/api/registration/households')).status).toBe(200);
  });

  it("should proxy the services' OpenAPI documents", async () => {
    const doc = await caseworker.get<{ openapi: string; info: { title: string } }>('/api/registration/docs/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.info.title).toBe('Awda registration');
  });
});
