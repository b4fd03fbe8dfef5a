import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { waitFor, type TestBroker } from '@awda/testing';
import { ScriptedProvider, TestClock, areasPublished, contact, newPhone, publish, scheduled, FAST_MESSAGING, startNotifications, type RunningNotifications } from './fixtures.js';

describe('destination names in messages, from areas.published', () => {
  let running: RunningNotifications;
  let broker: TestBroker;
  let dataSource: DataSource;
  const provider = new ScriptedProvider();
  const clock = new TestClock();
  // 12:00 in Damascus (UTC+3); departures two days later.
  const noon = new Date('2026-03-02T09:00:00Z');
  const departure = '2026-03-04';

  const deirEzZor = { code: 'SY09', level: 'governorate' as const, parentCode: null, nameAr: 'دير الزور', nameEn: 'Deir-ez-Zor' };
  const city = { code: 'SY0901', level: 'district' as const, parentCode: 'SY09', nameAr: 'مدينة دير الزور', nameEn: 'Deir-ez-Zor city' };
  const first = areasPublished([deirEzZor, city], '2026-03-01T08:00:00.000Z');

  beforeAll(async () => {
    clock.set(noon);
    running = await startNotifications(
      { SMS_DISPATCH_POLL_MS: '50', SMS_HANDOFF_MARGIN_MS: '200' },
      { database: 'notifications_areas', provider, clock, messaging: FAST_MESSAGING },
    );
    ({ broker, dataSource } = running);
  });

  afterAll(async () => {
    await running?.stop();
  });

  type Row = { status: string; body: string | null };
  const scheduledMessage = (householdId: string, status: string) => async () => {
    const rows: Row[] = await dataSource.query(`SELECT status, body FROM messages WHERE household_id = $1 AND template = 'scheduled'`, [householdId]);
    return rows.find((r) => r.status === status);
  };
  const areaNames = async () =>
    (await dataSource.query(`SELECT code, name_ar, name_en FROM areas ORDER BY code`)) as { code: string; name_ar: string; name_en: string }[];
  const processed = async (eventId: string) =>
    ((await dataSource.query(`SELECT count(*)::int AS n FROM processed_events WHERE event_id = $1`, [eventId])) as { n: number }[])[0]?.n ?? 0;

  /** A family scheduled to `area`, its message queued; `send()` gives its phone (and language), which lets it go. */
  async function family(language: string, area: string) {
    const id = uuidv7();
    const phone = newPhone();
    const caseNumber = `MAH-${id.slice(-6)}`;
    await publish(broker, scheduled(id, departure, 1, uuidv7(), area));
    await waitFor('the scheduled message', scheduledMessage(id, 'queued'));
    return { id, phone, send: () => publish(broker, contact(id, phone, caseNumber, language)) };
  }

  it('should name the destination in the family’s script, even for a message created before the list arrived', async () => {
    // Created while the list was unknown and the phone missing: named when it is rendered.
    const arabic = await family('ar', 'SY0901');
    const kurmanji = await family('kmr', 'SY0901');
    await publish(broker, first);
    await waitFor('the area names', async () => ((await areaNames()).length === 2 ? true : undefined));
    await arabic.send();
    await kurmanji.send();
    const ar = await waitFor('the Arabic SMS', scheduledMessage(arabic.id, 'sent'));
    const kmr = await waitFor('the Kurmanji SMS', scheduledMessage(kurmanji.id, 'sent'));
    expect(ar.body).toContain('سفركم إلى مدينة دير الزور يوم');
    expect(kmr.body).toContain('veger bo Deir-ez-Zor city roja');
    for (const body of [ar.body, kmr.body]) expect(body).not.toContain('SY0901');
    expect(provider.sendsTo(arabic.phone)[0]?.text).toBe(ar.body);
    expect(provider.sendsTo(kurmanji.phone)[0]?.text).toBe(kmr.body);
  });

  it('should change nothing when a list is delivered again or an older list arrives late, and keep areas a newer list drops', async () => {
    const renamed = { ...city, nameAr: 'دير الزور المدينة', nameEn: 'Deir ez-Zor' };
    const newer = areasPublished([renamed], '2026-03-02T08:00:00.000Z');
    await publish(broker, newer);
    await waitFor('the newer names', async () => ((await areaNames()).some((a) => a.name_en === 'Deir ez-Zor') ? true : undefined));

    const older = areasPublished([{ ...city, nameAr: 'قديم', nameEn: 'Old name' }], '2026-02-01T08:00:00.000Z');
    await publish(broker, first); // a redelivery: same event id, new message id
    await publish(broker, older);
    await waitFor('the older list handled', async () => ((await processed(older.id)) === 1 ? true : undefined));
    expect(await processed(first.id)).toBe(1);
    expect(await areaNames()).toEqual([
      { code: 'SY09', name_ar: 'دير الزور', name_en: 'Deir-ez-Zor' },
      { code: 'SY0901', name_ar: 'دير الزور المدينة', name_en: 'Deir ez-Zor' },
    ]);

    const arabic = await family('ar', 'SY0901');
    await arabic.send();
    const ar = await waitFor('the Arabic SMS', scheduledMessage(arabic.id, 'sent'));
    expect(ar.body).toContain('سفركم إلى دير الزور المدينة يوم');
  });

  it('should send a message whose destination is not in the list with the code', async () => {
    const english = await family('en', 'SY9999');
    await english.send();
    const en = await waitFor('the English SMS', scheduledMessage(english.id, 'sent'));
    expect(en.body).toContain('your return to SY9999 is on');
  });
});
