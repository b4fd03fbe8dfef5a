import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CONVOY_CONFIRMED_V1, HOUSEHOLD_SCHEDULED_V1, SMS_STATUS_CHANGED_V1, type SmsStatusChangedV1 } from '@awda/contracts';
import { readDeadLetters } from '@awda/messaging';
import { waitFor } from '@awda/testing';
import { v7 as uuidv7 } from 'uuid';
import {
  CAMP,
  DATE,
  LOGISTICS,
  RAQQA,
  SUPERVISOR,
  TABQA_CITY,
  addVehicle,
  feedEligible,
  household,
  nameOf,
  publish,
  startTransport,
  waitForEvents,
  type TestHousehold,
  type TransportFixture,
} from './transport-fixture.js';

const TEXTS = { ar: 'البوابة الرئيسية للمخيم', ckb: 'دەروازەی سەرەکیی کەمپ', kmr: 'Deriyê sereke yê kampê', en: 'Camp main gate' };

interface ManifestJson {
  convoy: { assemblyPointTexts: Record<string, string> | null; destinationAreas: { code: string; nameAr: string | null; nameEn: string | null }[] };
  totals: { families: number; people: number; seats: number; cargo: number; stretcherPlaces: number; ambulanceSeats: number };
  vehicles: {
    kind: string;
    totals: { families: number; people: number; seats: number; cargo: number; stretcherPlaces: number; ambulanceSeats: number };
    households: {
      householdId: string;
      destination: { code: string; nameAr: string | null; nameEn: string | null };
      people: number;
      head: { fullNameAr: string | null } | null;
      notInformed: { status: string | null; reason: string | null } | null;
      members: unknown[];
    }[];
  }[];
  notInformed: { householdId: string; status: string | null; reason: string | null }[];
}

describe('manifests: area names, totals per vehicle, cargo sheets, the assembly point per language, families not told', () => {
  let fixture: TransportFixture;
  let told: TestHousehold;
  let noPhone: TestHousehold;
  let late: TestHousehold;
  let convoyId: string;

  beforeAll(async () => {
    fixture = await startTransport();
    told = household(RAQQA, [40, 35, 8]);
    noPhone = household(TABQA_CITY, [30, 28]);
    late = household(RAQQA, [50, 45, 20, 17]);
    await feedEligible(fixture, [told, noPhone, late]);
    await addVehicle(fixture, { type: 'bus', seats: 45 });
    await addVehicle(fixture, { type: 'cargo_truck', cargoCapacity: 3 });
  });

  afterAll(async () => {
    await fixture?.close();
  });

  async function manifest(): Promise<ManifestJson> {
    return (await fixture.http().get(`/convoys/${convoyId}/manifest`).set('Authorization', SUPERVISOR).expect(200)).body as ManifestJson;
  }

  function smsChange(test: TestHousehold, change: Partial<SmsStatusChangedV1> & Pick<SmsStatusChangedV1, 'template' | 'status'>): SmsStatusChangedV1 {
    return { messageId: uuidv7(), householdId: test.snapshot.householdId, campId: CAMP, at: new Date().toISOString(), ...change };
  }

  /** Publishes as notifications' outbox relay does, and waits until transport has processed it. */
  async function sms(change: SmsStatusChangedV1): Promise<void> {
    const before = await processedCount();
    await publish(fixture.broker, SMS_STATUS_CHANGED_V1, change, change.householdId);
    await waitFor('transport to process the SMS status change', async () => (await processedCount()) > before, { timeoutMs: 60_000 });
  }

  async function processedCount(): Promise<number> {
    const rows: { n: number }[] = await fixture.dataSource.query(
      `SELECT count(*)::int AS n FROM transport.processed_events WHERE subject = $1`,
      [SMS_STATUS_CHANGED_V1],
    );
    return rows[0]?.n ?? 0;
  }

  it('should refuse assembly point texts longer than 200 characters or in an unknown language, naming the field', async () => {
    const base = { campId: CAMP, departureDate: DATE, departureTime: '07:00', assemblyPoint: 'Gate 2' };
    const long = await fixture.http().post('/plans').set('Authorization', LOGISTICS).send({ ...base, assemblyPointTexts: { ar: 'ب'.repeat(201) } }).expect(400);
    expect(JSON.stringify(long.body)).toContain('assemblyPointTexts.ar');
    const unknown = await fixture.http().post('/plans').set('Authorization', LOGISTICS).send({ ...base, assemblyPointTexts: { fr: 'Porte 2' } }).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('fr');
    const notText = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', LOGISTICS)
      .send({ ...base, corridorId: 'raqqa-tabqa', destinations: ['SY11'], assemblyPointTexts: { en: 42 } })
      .expect(400);
    expect(JSON.stringify(notText.body)).toContain('assemblyPointTexts.en');
  });

  it('should keep a hand-made convoy\'s texts per language', async () => {
    const res = await fixture
      .http()
      .post('/convoys')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, corridorId: 'raqqa-tabqa', departureDate: DATE, departureTime: '11:00', assemblyPoint: 'Gate 3', destinations: ['SY11'], assemblyPointTexts: { ar: 'البوابة 3', kmr: 'Derî 3' } })
      .expect(201);
    expect((res.body as { assemblyPointTexts: unknown }).assemblyPointTexts).toEqual({ ar: 'البوابة 3', kmr: 'Derî 3' });
  });

  it('should plan with the assembly point per language and carry it on household.scheduled and convoy.confirmed', async () => {
    const dry = await fixture
      .http()
      .post('/plans')
      .set('Authorization', LOGISTICS)
      .send({ campId: CAMP, departureDate: DATE, departureTime: '07:00', assemblyPoint: 'Gate 2', assemblyPointTexts: TEXTS, corridorIds: ['raqqa-tabqa'] })
      .expect(201);
    const committed = (await fixture.http().post(`/plans/${(dry.body as { planId: string }).planId}/commit`).set('Authorization', LOGISTICS).expect(200)).body as {
      convoys: { convoyId: string; householdIds: string[] }[];
    };
    expect(committed.convoys).toHaveLength(1);
    convoyId = committed.convoys[0]?.convoyId ?? '';
    const ids = [told, noPhone, late].map((test) => test.snapshot.householdId);
    const scheduled = await waitForEvents(fixture.broker, HOUSEHOLD_SCHEDULED_V1, (event) => ids.includes(event.householdId), 3);
    expect(scheduled.map((event) => event.assemblyPointTexts)).toEqual([TEXTS, TEXTS, TEXTS]);
    await fixture.http().post(`/convoys/${convoyId}/confirm`).set('Authorization', LOGISTICS).expect(200);
    const [confirmed] = await waitForEvents(fixture.broker, CONVOY_CONFIRMED_V1, (event) => event.convoyId === convoyId);
    expect(confirmed?.assemblyPointTexts).toEqual(TEXTS);
    expect(confirmed?.assemblyPoint).toBe('Gate 2');
  });

  it('should name destinations, total each vehicle, and give the cargo truck the families whose belongings it carries', async () => {
    const body = await manifest();
    expect(body.convoy.assemblyPointTexts).toEqual(TEXTS);
    expect(body.convoy.destinationAreas).toEqual(expect.arrayContaining([{ code: RAQQA, nameAr: `منطقة ${RAQQA}`, nameEn: `Area ${RAQQA}` }]));
    const bus = body.vehicles.find((vehicle) => vehicle.kind === 'seats');
    const truck = body.vehicles.find((vehicle) => vehicle.kind === 'cargo');
    const community = bus?.households.find((h) => h.householdId === noPhone.snapshot.householdId);
    expect(community?.destination).toEqual({ code: TABQA_CITY, nameAr: `منطقة ${TABQA_CITY}`, nameEn: `Area ${TABQA_CITY}` });
    expect(bus?.totals).toMatchObject({ families: 3, people: 9, cargo: 0 });
    expect(bus?.totals.seats).toBeGreaterThan(0);
    // Belongings by family size (0.5 + 0.1 a person): three families of nine people take 2.4 truck shares.
    expect(truck?.totals).toEqual({ families: 3, people: 0, seats: 0, cargo: 2.4, stretcherPlaces: 0, ambulanceSeats: 0 });
    expect(truck?.households.every((h) => h.members.length === 0)).toBe(true);
    expect(truck?.households.find((h) => h.householdId === late.snapshot.householdId)).toMatchObject({
      people: 4,
      head: { fullNameAr: nameOf(late.snapshot.householdId) },
    });
    expect(body.totals).toMatchObject({ families: 3, people: 9, cargo: 2.4 });

    const html = (await fixture.http().get(`/convoys/${convoyId}/manifest?format=html`).set('Authorization', LOGISTICS).expect(200)).text;
    expect(html).toContain(`منطقة ${TABQA_CITY}`);
    expect(html).toContain(`<bdi dir="auto">${nameOf(told.snapshot.householdId) ?? 'missing'}</bdi>`);
    expect(html).toContain(TEXTS.ckb);
    const truckSheet = html.slice(html.indexOf('vehicle-cargo'), html.indexOf('</section>', html.indexOf('vehicle-cargo')));
    expect(truckSheet).toContain(nameOf(late.snapshot.householdId) ?? 'missing');
    expect(truckSheet).not.toContain('☐');
  });

  it('should mark every family not informed while no travel message was sent', async () => {
    const body = await manifest();
    expect(body.notInformed.map((row) => row.householdId).sort()).toEqual([told, noPhone, late].map((test) => test.snapshot.householdId).sort());
    expect(body.notInformed.every((row) => row.status === null && row.reason === null)).toBe(true);
  });

  it('should follow notifications\' outcomes: sent is informed, expired for lack of a phone is not, with its reason', async () => {
    const scheduledToTold = smsChange(told, { template: 'scheduled', status: 'queued' });
    await sms(scheduledToTold);
    await sms({ ...scheduledToTold, status: 'sent', at: new Date(Date.now() + 1000).toISOString() });
    // A status message delivered does not tell a family when and where to board.
    // (Not a travel message: transport drops it without recording it, so there is nothing to wait for.)
    await publish(fixture.broker, SMS_STATUS_CHANGED_V1, smsChange(noPhone, { template: 'assessed_eligible', status: 'delivered' }), noPhone.snapshot.householdId);
    await sms(smsChange(noPhone, { template: 'scheduled', status: 'expired', reason: 'no_phone' }));
    // Out of order: "sent" arrives before the older "queued"; the older one changes nothing.
    const toLate = smsChange(late, { template: 'scheduled', status: 'sent', at: new Date(Date.now() + 2000).toISOString() });
    await sms(toLate);
    await sms({ ...toLate, status: 'queued', at: new Date(Date.now() + 1000).toISOString() });

    const body = await manifest();
    expect(body.notInformed).toEqual([{ householdId: noPhone.snapshot.householdId, caseNumber: noPhone.snapshot.caseNumber, status: 'expired', reason: 'no_phone' }]);
    const onBus = body.vehicles.find((vehicle) => vehicle.kind === 'seats')?.households ?? [];
    expect(onBus.find((h) => h.householdId === noPhone.snapshot.householdId)?.notInformed).toEqual({ status: 'expired', reason: 'no_phone' });
    expect(onBus.find((h) => h.householdId === told.snapshot.householdId)?.notInformed).toBeNull();
    expect(onBus.find((h) => h.householdId === late.snapshot.householdId)?.notInformed).toBeNull();

    const html = (await fixture.http().get(`/convoys/${convoyId}/manifest?format=html`).set('Authorization', LOGISTICS).expect(200)).text;
    expect(html).toContain('عائلات لم تُبلَّغ بموعد السفر — اتصلوا بها (1)');
    expect(html).toContain('لا يوجد رقم هاتف');
    const csv = (await fixture.http().get(`/convoys/${convoyId}/manifest?format=csv`).set('Authorization', LOGISTICS).expect(200)).text;
    expect(csv.split('\r\n').filter((line) => line.includes(noPhone.snapshot.householdId)).every((line) => line.endsWith(',true,no_phone'))).toBe(true);
  });

  it('should dead-letter a status change that breaks the contract, changing nothing', async () => {
    const rows = async () =>
      (await fixture.dataSource.query(`SELECT count(*)::int AS n FROM transport.travel_messages`)) as { n: number }[];
    const before = (await rows())[0]?.n;
    const malformed = { ...smsChange(told, { template: 'scheduled', status: 'sent' }), reason: 'lost_in_space' } as unknown as SmsStatusChangedV1;
    await publish(fixture.broker, SMS_STATUS_CHANGED_V1, malformed, told.snapshot.householdId);
    const letters = await waitFor('the dead letter', async () => {
      const found = (await readDeadLetters(fixture.broker.jsm, fixture.broker.namespace, 'transport')).filter((l) => l.originalSubject === SMS_STATUS_CHANGED_V1);
      return found.length > 0 ? found : undefined;
    }, { timeoutMs: 60_000 });
    expect(letters[0]?.reason).toBe('contract');
    expect((await rows())[0]?.n).toBe(before);
  });
});
