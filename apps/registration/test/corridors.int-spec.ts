// A destination no convoy route serves is flagged where it is entered: transport's corridors.published
// tells registration which areas a road reaches (a corridor naming an area serves every place inside
// it), GET /areas says so per area, and a registration or a change of destination to an area without a
// road is accepted with a warning.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { CORRIDORS_PUBLISHED_V1 } from '@awda/contracts';
import { waitFor } from '@awda/testing';
import { bearer, family, newKey, publishEvent, startHarness, token, type Harness } from './harness.js';

interface Answer {
  id: string;
  version: number;
  warnings?: { code: string; field: string; message: string }[];
}
interface AreaView {
  code: string;
  served: boolean | null;
}

let h: Harness;
let caseworker: string;

const roads = [
  { id: 'deir-ez-zor', name: 'Deir ez-Zor road', areaCodes: ['SY09'] },
  { id: 'raqqa-tabqa', name: 'Raqqa / Tabqa road', areaCodes: ['SY11'] },
];

beforeAll(async () => {
  h = await startHarness();
  caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-corridors');
});

afterAll(async () => {
  await h?.close();
});

const areas = async (): Promise<Map<string, boolean | null>> => {
  const res = await h.http().get('/areas').set(bearer(caseworker)).expect(200);
  return new Map((res.body as AreaView[]).map((a) => [a.code, a.served]));
};
const register = async (caseNumber: string, destinationArea: string): Promise<Answer> =>
  (await h.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(family(caseNumber, { destinationArea })).expect(201))
    .body as Answer;

describe('destinations no convoy route serves, flagged in registration', () => {
  it('should warn of nothing while no corridor list has arrived', async () => {
    expect((await areas()).get('SY020100')).toBeNull();
    expect((await register('MHM-COR-000001', 'SY020100')).warnings).toBeUndefined();
  });

  it('should say per area whether a road reaches it, through the area hierarchy', async () => {
    await publishEvent(h.broker, CORRIDORS_PUBLISHED_V1, { corridors: roads, publishedAt: new Date().toISOString() }, 'corridors');
    const served = await waitFor('the corridor list applied', async () => {
      const list = await areas();
      return list.get('SY11') === true ? list : undefined;
    });
    // A community is served through its sub-district, district and governorate; Aleppo has no road.
    expect([served.get('C5901'), served.get('SY110200'), served.get('C5001')]).toEqual([true, true, true]);
    expect([served.get('SY02'), served.get('SY0201'), served.get('SY020100'), served.get('C2101')]).toEqual([false, false, false, false]);
  });

  it('should register a family bound where no road goes, with a warning, and warn again on a change of destination there', async () => {
    const noRoad = await register('MHM-COR-000002', 'C2101');
    expect(noRoad.warnings).toEqual([expect.objectContaining({ code: 'REGISTRATION.DESTINATION_NOT_SERVED', field: 'destinationArea' })]);
    expect(noRoad.warnings?.[0]?.message).toContain('No convoy route goes to C2101 yet');

    const tabqa = await register('MHM-COR-000003', 'C5901');
    expect(tabqa.warnings).toBeUndefined();
    const moved = await h
      .http()
      .patch(`/households/${tabqa.id}`)
      .set(bearer(caseworker))
      .set('If-Match', `"${tabqa.version}"`)
      .send({ destinationArea: 'SY020100' })
      .expect(200);
    expect((moved.body as Answer).warnings?.map((w) => w.code)).toEqual(['REGISTRATION.DESTINATION_NOT_SERVED']);
  });

  it('should follow a newer corridor list and ignore an older one arriving late', async () => {
    const withAleppo = [...roads, { id: 'aleppo', name: 'Aleppo road', areaCodes: ['SY02'] }];
    await publishEvent(h.broker, CORRIDORS_PUBLISHED_V1, { corridors: withAleppo, publishedAt: new Date().toISOString() }, 'corridors');
    await waitFor('the newer corridor list applied', async () => ((await areas()).get('SY020100') === true ? true : undefined));
    const late = await publishEvent(h.broker, CORRIDORS_PUBLISHED_V1, { corridors: roads, publishedAt: '2025-01-01T00:00:00.000Z' }, 'corridors');
    await waitFor('the late list handled', async () => {
      const rows: unknown[] = await h.service.app.get(DataSource).query('SELECT 1 FROM registration.processed_events WHERE event_id = $1', [late]);
      return rows.length > 0;
    });
    expect((await areas()).get('SY020100')).toBe(true);
  });
});
