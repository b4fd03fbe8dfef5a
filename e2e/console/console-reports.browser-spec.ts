// The reports page in Chromium (Arabic, right to left) against the gateway and the reporting
// service: domain events go into the stream, and the page shows the counts the API returns, a count
// of 1–4 as "fewer than 5", charts of returns per week and destination and of the follow-up survey's
// answers, and CSV/XLSX downloads.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import type { Browser, Page } from 'playwright-core';
import { SURVEY_ANSWERED_V1, type EventEnvelope } from '@awda/contracts';
import { ensureEventStream, wireSubject } from '@awda/messaging';
import { waitFor } from '@awda/testing';
import { v7 as uuidv7 } from 'uuid';
import { areasPublished, campHistory, envelopeOf } from '../../apps/reporting/test/reporting-events.js';
import { AwdaSystem } from '../harness.js';
import { launchChromium, newContext, screenshot, type RunningBrowser } from './browser.js';
import { AR, signIn, visible } from './console-pages.js';

type Cell = string | number | null | { suppressed: true };
interface Table {
  name: string;
  columns: { key: string; kind: string }[];
  rows: Record<string, Cell>[];
}

const PASSWORD = 'olive-tree-by-the-river-7';
const FEWER = AR.reports.fewerThan5;

async function apiTables(page: Page, baseUrl: string): Promise<Map<string, Table>> {
  const res = await page.request.get(`${baseUrl}/api/reporting/reports`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { tables: Table[] };
  return new Map(body.tables.map((table) => [table.name, table]));
}

/** What a count cell must read on the page: the number, or "fewer than 5". */
function expectedText(cell: Cell | undefined): string {
  if (typeof cell === 'number') return String(cell);
  if (cell && typeof cell === 'object' && cell.suppressed) return FEWER;
  return '—';
}

describe('the reports page in Chromium', () => {
  let system: AwdaSystem;
  let chromium: RunningBrowser;
  let browser: Browser;
  let nc: NatsConnection;
  let supervisor: { username: string; password: string };

  beforeAll(async () => {
    // Only what the page needs: the gateway and the reporting service (the others answer 503).
    system = await AwdaSystem.start({ services: ['reporting'], gateway: true, gatewayEnv: { SESSION_COOKIE_SECURE: 'false' } });
    chromium = await launchChromium();
    browser = chromium.browser;
    supervisor = await system.createUser({ roles: ['supervisor'], camps: ['mahmoudli'], password: PASSWORD });
    nc = await connect({ servers: system.natsUrl });
    await ensureEventStream(await jetstreamManager(nc), system.namespace);
    // Three departures from mahmoudli (12, 8 and 3 families, one destination each) and one from
    // another camp this supervisor does not see.
    const events: EventEnvelope[] = [
      areasPublished([
        { code: 'C1001', nameAr: 'الطبقة', nameEn: 'Tabqa' },
        { code: 'C2002', nameAr: 'الرقة', nameEn: 'Raqqa' },
        { code: 'C3003', nameAr: 'منبج', nameEn: 'Manbij' },
      ]),
      ...campHistory({ campId: 'mahmoudli', returning: 12, waiting: 6, departedAt: '2026-11-03T05:00:00.000Z', area: 'C1001' }),
      ...campHistory({ campId: 'mahmoudli', returning: 8, waiting: 0, departedAt: '2026-11-10T05:00:00.000Z', area: 'C3003' }),
      ...campHistory({ campId: 'mahmoudli', returning: 3, waiting: 0, departedAt: '2026-11-17T05:00:00.000Z', area: 'C2002' }),
      ...campHistory({ campId: 'areesha', returning: 40, waiting: 0, departedAt: '2026-11-03T05:00:00.000Z', area: 'C1001' }),
      // Follow-up survey: 17 families answer "shelter", 8 with 1 (good), 6 with 2, 3 with 3 (no proper shelter).
      ...Array.from({ length: 17 }, (_, i) =>
        envelopeOf(SURVEY_ANSWERED_V1, {
          householdId: uuidv7(), campId: 'mahmoudli', conversationId: uuidv7(), destinationArea: 'C1001',
          questionCode: 'shelter', answer: i < 8 ? 1 : i < 14 ? 2 : 3, at: '2026-12-01T10:00:00.000Z',
        }),
      ),
    ];
    const js = jetstream(nc);
    for (const envelope of events) {
      const h = natsHeaders();
      h.set('Nats-Msg-Id', envelope.id);
      await js.publish(wireSubject(system.namespace, envelope.type), JSON.stringify(envelope), { headers: h });
    }
  }, 400_000);

  afterAll(async () => {
    await nc?.close();
    await chromium?.close();
    await system?.stop();
  });

  it('should show the counts the API returns, "fewer than 5" where suppressed, charts and downloads, right to left', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, supervisor.username, supervisor.password);
    // The service has read every departure (its own camp only: three weeks).
    const tables = await waitFor('the reporting service to count the three departures', async () => {
      const found = await apiTables(page, system.gatewayUrl);
      return found.get('returns-by-week')?.rows.length === 3 && found.get('sms')?.rows.length === 2 && found.get('survey-answers-by-area')?.rows.length === 3
        ? found
        : undefined;
    }, { timeoutMs: 60_000 });
    const byWeek = tables.get('returns-by-week')!;
    expect(byWeek.rows.map((row) => row['families'])).toEqual([12, { suppressed: true }, { suppressed: true }]);

    await page.getByRole('navigation').getByRole('link', { name: AR.reports.nav }).first().click();
    await visible(page.getByRole('heading', { name: AR.reports.title, level: 1 }));
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');

    for (const name of ['returns-by-week', 'returns-by-area', 'returns-by-camp', 'waiting-by-status', 'waiting-reasons', 'seats-by-week', 'sms', 'survey-answers', 'survey-answers-by-area']) {
      const table = tables.get(name)!;
      const counts = table.columns.filter((c) => c.kind === 'count').map((c) => c.key);
      const shown = table.columns.map((c) => c.key).filter((k) => k !== 'areaNameAr' && k !== 'areaNameEn');
      const rows = page.locator(`table[data-table="${name}"] tbody tr`);
      await visible(rows);
      expect({ name, rows: await rows.count() }).toEqual({ name, rows: table.rows.length });
      for (const [i, row] of table.rows.entries()) {
        const cells = rows.nth(i).locator('td');
        for (const key of counts) {
          expect({ name, i, key, text: (await cells.nth(shown.indexOf(key)).innerText()).trim() }).toEqual({ name, i, key, text: expectedText(row[key]) });
        }
      }
    }
    // The SMS cost, in its currency (Arabic, Latin or Arabic-Indic digits by the user's choice); the note says what it counts.
    const smsTable = tables.get('sms')!;
    const smsShown = smsTable.columns.map((c) => c.key);
    const smsRows = page.locator('table[data-table="sms"] tbody tr');
    let priced = 0;
    for (const [i, row] of smsTable.rows.entries()) {
      const cost = row['cost'];
      const currency = row['currency'];
      if (typeof cost !== 'number' || typeof currency !== 'string') continue;
      priced += 1;
      const text = (await smsRows.nth(i).locator('td').nth(smsShown.indexOf('cost')).innerText()).replace(/\s/g, '');
      const options = { style: 'currency', currency } as const;
      const expected = ['ar-u-nu-latn', 'ar-u-nu-arab'].map((locale) => new Intl.NumberFormat(locale, options).format(cost / 100).replace(/\s/g, ''));
      expect(expected).toContain(text);
    }
    expect(priced).toBeGreaterThan(0);
    await visible(page.getByText(AR.logisticsEdit.costNote));

    // The destinations by name, in Arabic; the week as words.
    const areaTable = page.locator('table[data-table="returns-by-area"]');
    await visible(areaTable.getByText('الطبقة'));
    expect(await areaTable.getByText(FEWER).count()).toBe(4); // Raqqa (3) and Manbij (8): families and people
    await visible(page.locator('table[data-table="returns-by-week"]').getByText(AR.reports.week.replace('{{week}}', '45').replace('{{year}}', '2026')));

    // Two charts, one bar per row, labelled for screen readers.
    const weekChart = page.getByRole('figure', { name: AR.reports.chartLabel.replace('{{title}}', AR.reports.tables.returnsByWeek) });
    await visible(weekChart);
    expect(await weekChart.locator('[data-bar]').count()).toBe(3);
    expect(await weekChart.getByText(FEWER).count()).toBe(2);
    // Bars grow from the start of the line: the right, in Arabic.
    const svg = await weekChart.locator('svg').first().boundingBox();
    const bar = await weekChart.locator('svg rect[rx]').first().boundingBox();
    expect(Math.abs(bar!.x + bar!.width - (svg!.x + svg!.width))).toBeLessThan(2);
    expect(bar!.width).toBeGreaterThan(svg!.width / 2);
    const areaChart = page.getByRole('figure', { name: AR.reports.chartLabel.replace('{{title}}', AR.reports.tables.returnsByArea) });
    expect(await areaChart.locator('[data-bar]').count()).toBe(3);

    // Every table downloads as CSV and XLSX; the files hide what the page hides.
    const csvLink = page.getByRole('link', { name: AR.reports.downloadLabel.replace('{{format}}', AR.reports.csv).replace('{{table}}', AR.reports.tables.returnsByWeek) });
    const csv = await page.request.get(new URL((await csvLink.getAttribute('href'))!, system.gatewayUrl).toString());
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toBe('\uFEFFweek,families,people\n2026-W45,12,48\n2026-W46,<5,<5\n2026-W47,<5,<5\n');
    expect(await page.getByRole('link', { name: new RegExp(AR.reports.xlsx) }).count()).toBe(10);
    expect(await page.getByRole('link', { name: new RegExp(AR.reports.csv) }).count()).toBe(10);

    // The survey: its section, a chart per question (one bar per answer), answers in words.
    await visible(page.getByRole('heading', { name: AR.survey.reports.section, level: 2 }));
    const shelterChart = page.getByRole('figure', { name: AR.reports.chartLabel.replace('{{title}}', AR.survey.questions.shelter) });
    expect(await shelterChart.locator('[data-bar]').count()).toBe(3);
    // The 3 is hidden, and so the 6: the question's total would give the 3 back.
    expect(await shelterChart.getByText(FEWER).count()).toBe(2);
    const surveyTable = page.locator('table[data-table="survey-answers"]');
    await visible(surveyTable.getByText(AR.survey.answerWords.shelter.no_shelter));
    expect(tables.get('survey-answers')!.rows.slice(0, 3).map((row) => row['families'])).toEqual([8, { suppressed: true }, { suppressed: true }]);
    const xlsx = await page.request.get(`${system.gatewayUrl}/api/reporting/reports/sms/export?format=xlsx`);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    await screenshot(page, 'reports-ar');
    await page.screenshot({ path: '/tmp/reporting-reports-ar.png', fullPage: true });
    await context.close();
  }, 240_000);

  it('should show logistics of two camps the reports in English, left to right, bars from the left', async () => {
    const logistics = await system.createUser({ roles: ['logistics'], camps: ['mahmoudli', 'areesha'], password: PASSWORD });
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, system.gatewayUrl, logistics.username, logistics.password);
    await page.getByRole('button', { name: AR.prefs.title }).click();
    const prefs = await visible(page.getByRole('dialog'));
    await prefs.getByLabel(AR.prefs.language).selectOption('en');
    await prefs.getByRole('button', { name: AR.common.save }).click();
    // A locator, not waitForFunction: polling a string needs eval, which the console's CSP refuses.
    await page.locator('html[dir="ltr"][lang="en"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Reports' }).click();
    await visible(page.getByRole('heading', { name: 'Reports', level: 1 }));
    const tables = await apiTables(page, system.gatewayUrl);
    expect(tables.get('returns-by-camp')!.rows).toEqual([
      { campId: 'areesha', families: 40, people: 160 },
      { campId: 'mahmoudli', families: 23, people: 92 },
    ]);
    const byWeek = page.locator('table[data-table="returns-by-week"] tbody tr');
    expect(await byWeek.nth(0).innerText()).toMatch(/Week 45, 2026\s+52\s+208/);
    expect(await byWeek.nth(2).innerText()).toMatch(/Week 47, 2026\s+fewer than 5\s+fewer than 5/);
    await visible(page.locator('table[data-table="returns-by-area"]').getByText('Tabqa'));
    const weekChart = page.getByRole('figure', { name: 'Returns per week, bar chart. The numbers are in the table below.' });
    const svg = await weekChart.locator('svg').first().boundingBox();
    const bar = await weekChart.locator('svg rect[rx]').first().boundingBox();
    expect(Math.abs(bar!.x - svg!.x)).toBeLessThan(2);
    await screenshot(page, 'reports-en');
    await page.screenshot({ path: '/tmp/reporting-reports-en.png', fullPage: true });
    await context.close();
  }, 240_000);
});
