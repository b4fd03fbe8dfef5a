// Camp scoping's audit must not depend on clean input, and a camp named outside the token is 403.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { signToken } from '@awda/auth';
import { createServiceApp, type ServiceApp } from '@awda/bootstrap';
import { DEV_JWT_SECRET } from '@awda/config';
import { createTestBroker, createTestDatabase, type TestBroker, type TestDatabase } from '@awda/testing';
import { AuditLogRepository } from '../src/audit/audit-log.repository.js';
import type { EligibilityConfig } from '../src/config.js';
import { eligibilityService } from '../src/eligibility.definition.js';

describe('eligibility camp scoping', () => {
  let db: TestDatabase;
  let broker: TestBroker;
  let service: ServiceApp<EligibilityConfig>;
  let supervisor: string;
  const sub = 'supervisor-of-areesha';

  beforeAll(async () => {
    db = await createTestDatabase('eligibility_scope');
    broker = await createTestBroker();
    service = await createServiceApp(
      eligibilityService,
      { NODE_ENV: 'test', DATABASE_URL: db.url, NATS_URL: broker.url, AWDA_NAMESPACE: broker.namespace, LOG_LEVEL: 'warn' },
      { logger: false },
    );
    supervisor = await signToken({ sub, roles: ['supervisor'], camps: ['areesha'], ttlSeconds: 600 }, { secret: DEV_JWT_SECRET, issuer: 'awda-local', audience: 'awda' });
  });

  afterAll(async () => {
    await service?.app.close();
    await broker?.cleanup();
    await db?.drop();
  });

  const denials = async (): Promise<{ details: { campId?: string } }[]> =>
    service.app.get(DataSource).query(`SELECT details FROM audit_log WHERE actor = $1 AND action = 'camp_scope.denied' ORDER BY id`, [sub]);

  it('should answer 403 to a camp named outside the token, and audit it', async () => {
    for (const path of ['/overrides?campId=mahmoudli', '/assessments?campId=mahmoudli']) {
      const res = await request(service.app.getHttpServer()).get(path).set('authorization', `Bearer ${supervisor}`);
      expect({ path, status: res.status, code: (res.body as { code: string }).code }).toEqual({ path, status: 403, code: 'ELIGIBILITY.CAMP_NOT_ALLOWED' });
    }
    expect((await denials()).map((d) => d.details.campId)).toEqual(['mahmoudli', 'mahmoudli']);
  });

  it('should answer 400 to a camp id with a NUL or of 5,000 characters, before any audit write can fail on it', async () => {
    for (const campId of ['mahmoudli%00', 'x'.repeat(5000)]) {
      const res = await request(service.app.getHttpServer()).get(`/overrides?campId=${campId}`).set('authorization', `Bearer ${supervisor}`);
      expect(res.status).toBe(400);
      expect((res.body as { errors: { field: string }[] }).errors.map((e) => e.field)).toEqual(['campId']);
    }
  });

  it('should record a denial whatever the attempt carried (NUL, control characters, 5,000 characters)', async () => {
    const audit = service.app.get(AuditLogRepository);
    await audit.record(service.app.get(DataSource).manager, {
      actor: sub,
      action: 'camp_scope.denied',
      details: { attempted: 'GET /overrides', campId: `mahmoudli\u0000${'y'.repeat(5000)}` },
    });
    const stored = (await denials()).at(-1)?.details.campId ?? '';
    expect(stored.startsWith('mahmoudli\ufffdyyy')).toBe(true);
    expect(stored.length).toBeLessThanOrEqual(121);
  });
});
