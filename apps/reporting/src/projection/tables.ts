import { SURVEY_QUESTIONS, surveyAnswerCode } from '@awda/sms-text';
import type { ReadModel } from './fact-updates.js';
import type { ConvoyFact, HouseholdFact, SmsFact } from './facts.js';
import { suppressSmallCounts, type Row, type SuppressionRule } from './suppression.js';

export const REPORT_TABLES = [
  'returns-by-week',
  'returns-by-camp',
  'returns-by-area',
  'waiting-by-status',
  'waiting-reasons',
  'convoys',
  'seats-by-week',
  'sms',
  'survey-answers',
  'survey-answers-by-area',
] as const;
export type ReportTableName = (typeof REPORT_TABLES)[number];

/** key: a label of the row; number: a count that identifies nobody; count: suppressed when small; cost: money. */
export type ColumnKind = 'key' | 'number' | 'count' | 'cost';

export interface ReportColumn {
  key: string;
  kind: ColumnKind;
}

export interface ReportTable {
  name: ReportTableName;
  columns: ReportColumn[];
  rows: Row[];
}

/** Where a waiting family stands. */
export const WAITING_STATUSES = ['scheduled', 'eligible', 'pending', 'ineligible', 'not_assessed'] as const;

/** ISO 8601 week of a date (YYYY-MM-DD or an instant, read in UTC), e.g. 2026-W49. */
export function isoWeek(date: string): string {
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const firstThursday = new Date(Date.UTC(year, 0, 4));
  const firstWeekday = (firstThursday.getUTCDay() + 6) % 7;
  const week1Monday = firstThursday.getTime() - firstWeekday * 86_400_000;
  const week = Math.floor((thursday.getTime() - week1Monday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

const cols = (spec: Record<string, ColumnKind>): ReportColumn[] => Object.entries(spec).map(([key, kind]) => ({ key, kind }));
const byKey = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function increment(map: Map<string, Row>, key: string, init: () => Row, add: Record<string, number>): void {
  let row = map.get(key);
  if (!row) {
    row = init();
    map.set(key, row);
  }
  for (const [column, value] of Object.entries(add)) row[column] = ((row[column] as number | undefined) ?? 0) + value;
}

const RETURNS_RULE: SuppressionRule = { counts: ['families', 'people'], follows: { families: ['people'] } };

function returnsTables(model: ReadModel, households: Map<string, HouseholdFact>): ReportTable[] {
  const byWeek = new Map<string, Row>();
  const byCamp = new Map<string, Row>();
  const byArea = new Map<string, Row>();
  const areas = new Map(model.areas.map((area) => [area.code, area]));
  for (const boarding of model.boardings) {
    const add = { families: 1, people: boarding.people };
    const week = isoWeek(boarding.departedAt);
    increment(byWeek, week, () => ({ week }), add);
    increment(byCamp, boarding.campId, () => ({ campId: boarding.campId }), add);
    const code = households.get(boarding.householdId)?.destinationArea ?? null;
    const area = code ? areas.get(code) : undefined;
    increment(byArea, code ?? '', () => ({ areaCode: code, areaNameAr: area?.nameAr ?? null, areaNameEn: area?.nameEn ?? null }), add);
  }
  const sorted = (map: Map<string, Row>): Row[] => [...map.entries()].sort(([a], [b]) => byKey(a, b)).map(([, row]) => row);
  const counts = { families: 'count', people: 'count' } as const;
  return [
    { name: 'returns-by-week', columns: cols({ week: 'key', ...counts }), rows: suppressSmallCounts(sorted(byWeek), RETURNS_RULE) },
    { name: 'returns-by-camp', columns: cols({ campId: 'key', ...counts }), rows: suppressSmallCounts(sorted(byCamp), RETURNS_RULE) },
    {
      name: 'returns-by-area',
      columns: cols({ areaCode: 'key', areaNameAr: 'key', areaNameEn: 'key', ...counts }),
      rows: suppressSmallCounts(sorted(byArea), RETURNS_RULE),
    },
  ];
}

function waitingStatus(household: HouseholdFact): (typeof WAITING_STATUSES)[number] | null {
  const open = household.status === 'registered' || household.status === 'scheduled' || (household.status === null && household.assessment !== null);
  if (!open) return null;
  if (household.convoyId !== null || household.status === 'scheduled') return 'scheduled';
  if (household.assessment === 'eligible' || household.assessment === 'pending' || household.assessment === 'ineligible') return household.assessment;
  return 'not_assessed';
}

function waitingTables(model: ReadModel): ReportTable[] {
  const boarded = new Set(model.boardings.map((boarding) => boarding.householdId));
  const byStatus = new Map<string, Row>(WAITING_STATUSES.map((status) => [status, { status, families: 0 }]));
  const byReason = new Map<string, Row>();
  for (const household of model.households) {
    if (boarded.has(household.householdId)) continue;
    const status = waitingStatus(household);
    if (status === null) continue;
    increment(byStatus, status, () => ({ status }), { families: 1 });
    if (status !== 'pending' && status !== 'ineligible') continue;
    for (const reason of household.reasons) {
      increment(byReason, `${reason.outcome}:${reason.code}`, () => ({ outcome: reason.outcome, reason: reason.code }), { families: 1 });
    }
  }
  const rule: SuppressionRule = { counts: ['families'] };
  const reasons = [...byReason.entries()].sort(([a], [b]) => byKey(a, b)).map(([, row]) => row);
  return [
    { name: 'waiting-by-status', columns: cols({ status: 'key', families: 'count' }), rows: suppressSmallCounts([...byStatus.values()], rule) },
    { name: 'waiting-reasons', columns: cols({ outcome: 'key', reason: 'key', families: 'count' }), rows: suppressSmallCounts(reasons, rule) },
  ];
}

function convoyState(convoy: ConvoyFact): string {
  if (convoy.arrivedAt) return 'arrived';
  if (convoy.departedAt) return 'departed';
  if (convoy.cancelled) return 'cancelled';
  return convoy.plannedHouseholdIds ? 'confirmed' : 'unknown';
}

const SEATS_RULE: SuppressionRule = {
  counts: ['familiesPlanned', 'seatsPlanned', 'familiesBoarded', 'seatsUsed'],
  follows: { familiesPlanned: ['seatsPlanned'], familiesBoarded: ['seatsUsed'] },
};

function convoyTables(model: ReadModel, households: Map<string, HouseholdFact>): ReportTable[] {
  const boardingsOf = new Map<string, { families: number; people: number }>();
  for (const boarding of model.boardings) {
    const sum = boardingsOf.get(boarding.convoyId) ?? { families: 0, people: 0 };
    sum.families += 1;
    sum.people += boarding.people;
    boardingsOf.set(boarding.convoyId, sum);
  }
  const rows: Row[] = [];
  const byWeek = new Map<string, Row>();
  const convoys = [...model.convoys].sort((a, b) => byKey(b.departureDate ?? b.departedAt ?? '', a.departureDate ?? a.departedAt ?? '') || byKey(a.convoyId, b.convoyId));
  for (const convoy of convoys) {
    const planned = convoy.plannedHouseholdIds ?? [];
    // A seat is a person here: the planner's seat units (children weighted) are not in the events.
    const seatsPlanned = planned.reduce((sum, id) => sum + (households.get(id)?.members ?? 0), 0);
    const boarded = boardingsOf.get(convoy.convoyId) ?? { families: 0, people: 0 };
    const counts = { familiesPlanned: planned.length, seatsPlanned, familiesBoarded: boarded.families, seatsUsed: boarded.people };
    rows.push({
      convoyId: convoy.convoyId,
      campId: convoy.campId,
      departureDate: convoy.departureDate,
      state: convoyState(convoy),
      destinations: convoy.destinations.join(' '),
      ...counts,
      noShows: convoy.noShows,
    });
    const day = convoy.departureDate ?? convoy.departedAt;
    if (day === null || convoy.cancelled && !convoy.departedAt) continue;
    const week = isoWeek(day);
    increment(byWeek, week, () => ({ week }), { convoys: 1, ...counts });
  }
  const weeks = [...byWeek.entries()].sort(([a], [b]) => byKey(a, b)).map(([, row]) => row);
  return [
    {
      name: 'convoys',
      columns: cols({
        convoyId: 'key', campId: 'key', departureDate: 'key', state: 'key', destinations: 'key',
        familiesPlanned: 'count', seatsPlanned: 'count', familiesBoarded: 'count', seatsUsed: 'count', noShows: 'number',
      }),
      rows: suppressSmallCounts(rows, SEATS_RULE),
    },
    {
      name: 'seats-by-week',
      columns: cols({ week: 'key', convoys: 'number', familiesPlanned: 'count', seatsPlanned: 'count', familiesBoarded: 'count', seatsUsed: 'count' }),
      rows: suppressSmallCounts(weeks, SEATS_RULE),
    },
  ];
}

/**
 * SMS per template and language: sent, delivered, failed, and the parts and cost of those sent (what the
 * provider accepted), in minor units of one currency per row. A row's messages priced in several
 * currencies (the price list changed currency) get one row per currency; messages whose events carry
 * no cost (before costs were carried) count in the row but not in its parts or cost.
 */
function smsTable(model: ReadModel, households: Map<string, HouseholdFact>): ReportTable {
  const currencies = new Map<string, Set<string>>();
  const groupOf = (message: SmsFact) => `${message.template}\u0000${households.get(message.householdId)?.language ?? ''}`;
  for (const message of model.sms) {
    if (message.sent && message.currency !== undefined) currencies.set(groupOf(message), (currencies.get(groupOf(message)) ?? new Set()).add(message.currency));
  }
  const byTemplate = new Map<string, Row>();
  for (const message of model.sms) {
    const language = households.get(message.householdId)?.language ?? null;
    const group = groupOf(message);
    const known = [...(currencies.get(group) ?? [])].sort();
    const priced = message.sent && message.currency !== undefined;
    // An unpriced message joins the group's first currency row, so that one currency keeps one row.
    const currency = priced ? (message.currency ?? null) : (known[0] ?? null);
    increment(
      byTemplate,
      `${group}\u0000${currency ?? ''}`,
      () => ({ template: message.template, language, segments: 0, cost: 0, currency }),
      {
        sent: message.sent ? 1 : 0,
        delivered: message.delivered ? 1 : 0,
        failed: message.status === 'failed' ? 1 : 0,
        segments: priced ? (message.segments ?? 0) : 0,
        cost: priced ? (message.costMinor ?? 0) : 0,
      },
    );
  }
  const rows = [...byTemplate.entries()]
    .sort(([a], [b]) => byKey(a, b))
    .map(([, row]) => (row['currency'] === null ? { ...row, segments: null, cost: null } : row));
  return {
    name: 'sms',
    columns: cols({ template: 'key', language: 'key', sent: 'count', delivered: 'count', failed: 'count', segments: 'number', cost: 'cost', currency: 'key' }),
    // Parts and cost of a hidden number of messages would give the number back: hidden with it.
    rows: suppressSmallCounts(rows, { counts: ['sent', 'delivered', 'failed'], follows: { sent: ['segments', 'cost'] } }),
  };
}

const SURVEY_RULE: SuppressionRule = { counts: ['families'] };

/**
 * Follow-up survey answers: families per question and answer (every answer of every question, zeros
 * included), and per question, answer and destination area. Small counts are suppressed question by
 * question: the families answering one question add up to that question's respondents.
 */
function surveyTables(model: ReadModel, households: Map<string, HouseholdFact>): ReportTable[] {
  const order = new Map<string, number>(SURVEY_QUESTIONS.map((q, i) => [q.code, i]));
  const rank = (code: string): string => `${String(order.get(code) ?? SURVEY_QUESTIONS.length).padStart(3, '0')}:${code}`;
  const byAnswer = new Map<string, Row>();
  for (const question of SURVEY_QUESTIONS) {
    question.answers.forEach((answerCode, i) => byAnswer.set(`${rank(question.code)}\u0000${i + 1}`, { question: question.code, answer: i + 1, answerCode, families: 0 }));
  }
  const byArea = new Map<string, Row>();
  const areas = new Map(model.areas.map((area) => [area.code, area]));
  for (const fact of model.surveys) {
    const answerCode = surveyAnswerCode(fact.questionCode, fact.answer);
    increment(byAnswer, `${rank(fact.questionCode)}\u0000${fact.answer}`, () => ({ question: fact.questionCode, answer: fact.answer, answerCode }), { families: 1 });
    const code = fact.destinationArea ?? households.get(fact.householdId)?.destinationArea ?? null;
    const area = code ? areas.get(code) : undefined;
    increment(
      byArea,
      `${rank(fact.questionCode)}\u0000${fact.answer}\u0000${code ?? ''}`,
      () => ({ question: fact.questionCode, answer: fact.answer, answerCode, areaCode: code, areaNameAr: area?.nameAr ?? null, areaNameEn: area?.nameEn ?? null }),
      { families: 1 },
    );
  }
  // Suppressed within each question, rows in question order, then answer, then area.
  const perQuestion = (map: Map<string, Row>): Row[] => {
    const groups = new Map<string, Row[]>();
    for (const [key, row] of [...map.entries()].sort(([a], [b]) => byKey(a, b))) {
      const question = key.slice(0, key.indexOf('\u0000'));
      groups.set(question, [...(groups.get(question) ?? []), row]);
    }
    return [...groups.values()].flatMap((rows) => suppressSmallCounts(rows, SURVEY_RULE));
  };
  return [
    { name: 'survey-answers', columns: cols({ question: 'key', answer: 'key', answerCode: 'key', families: 'count' }), rows: perQuestion(byAnswer) },
    {
      name: 'survey-answers-by-area',
      columns: cols({ question: 'key', answer: 'key', answerCode: 'key', areaCode: 'key', areaNameAr: 'key', areaNameEn: 'key', families: 'count' }),
      rows: perQuestion(byArea),
    },
  ];
}

/** Every report table of a read model, small counts suppressed (see suppression.ts). */
export function reportTables(model: ReadModel): ReportTable[] {
  const households = new Map(model.households.map((household) => [household.householdId, household]));
  return [
    ...returnsTables(model, households),
    ...waitingTables(model),
    ...convoyTables(model, households),
    smsTable(model, households),
    ...surveyTables(model, households),
  ];
}
