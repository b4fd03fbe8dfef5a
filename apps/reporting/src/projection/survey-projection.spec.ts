import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { v7 as uuidv7 } from 'uuid';
import { AREAS_PUBLISHED_V1, SURVEY_ANSWERED_V1 } from '@awda/contracts';
import { MemoryReadModel } from './fact-updates.js';
import { mergeSurvey } from './facts.js';
import { SUPPRESSED } from './suppression.js';
import { reportTables, type ReportTable } from './tables.js';

type Envelope = { id: string; type: string; data: unknown };
const envelope = (type: string, data: unknown): Envelope => ({ id: uuidv7(), type, data });

function answered(conversationId: string, questionCode: string, answer: number, area: string | null, at = '2027-01-05T10:00:00Z') {
  return envelope(SURVEY_ANSWERED_V1, { householdId: uuidv7(), campId: 'mahmoudli', conversationId, destinationArea: area, questionCode, answer, at });
}

/** 12 families answer "shelter": 7 good (Raqqa), 5 no shelter (3 Raqqa, 2 Tabqa); 6 of them "safety": all safe. */
function history(): Envelope[] {
  const events: Envelope[] = [
    envelope(AREAS_PUBLISHED_V1, {
      areas: [
        { code: 'C1001', level: 'community', parentCode: null, nameAr: 'الرقة', nameEn: 'Raqqa' },
        { code: 'C1002', level: 'community', parentCode: null, nameAr: 'الطبقة', nameEn: 'Tabqa' },
      ],
      publishedAt: '2026-11-01T00:00:00Z',
    }),
  ];
  for (let i = 0; i < 12; i += 1) {
    const conversationId = uuidv7();
    const area = i < 10 ? 'C1001' : 'C1002';
    events.push(answered(conversationId, 'shelter', i < 7 ? 1 : 3, area));
    if (i < 6) events.push(answered(conversationId, 'safety', 1, area, '2027-01-05T10:05:00Z'));
  }
  return events;
}

function tablesOf(events: Envelope[]): ReportTable[] {
  const model = new MemoryReadModel();
  for (const event of events) model.apply(event);
  return reportTables(model.snapshot());
}

const table = (tables: ReportTable[], name: string): ReportTable => {
  const found = tables.find((t) => t.name === name);
  if (!found) throw new Error(`no table ${name}`);
  return found;
};

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const j = Math.abs(state) % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('follow-up survey report tables', () => {
  it('should count families per question and answer, every answer shown, small counts hidden question by question', () => {
    const rows = table(tablesOf(history()), 'survey-answers').rows;
    expect(rows).toEqual([
      { question: 'shelter', answer: 1, answerCode: 'adequate', families: 7 },
      { question: 'shelter', answer: 2, answerCode: 'damaged_or_crowded', families: 0 },
      { question: 'shelter', answer: 3, answerCode: 'no_shelter', families: 5 },
      { question: 'services', answer: 1, answerCode: 'all', families: 0 },
      { question: 'services', answer: 2, answerCode: 'some', families: 0 },
      { question: 'services', answer: 3, answerCode: 'none', families: 0 },
      { question: 'safety', answer: 1, answerCode: 'safe', families: 6 },
      { question: 'safety', answer: 2, answerCode: 'somewhat', families: 0 },
      { question: 'safety', answer: 3, answerCode: 'unsafe', families: 0 },
    ]);
  });

  it('should count per destination area with the area names, hiding 1–4 and the cell that would give one back', () => {
    const rows = table(tablesOf(history()), 'survey-answers-by-area').rows;
    expect(rows.filter((r) => r['question'] === 'shelter')).toEqual([
      { question: 'shelter', answer: 1, answerCode: 'adequate', areaCode: 'C1001', areaNameAr: 'الرقة', areaNameEn: 'Raqqa', families: 7 },
      { question: 'shelter', answer: 3, answerCode: 'no_shelter', areaCode: 'C1001', areaNameAr: 'الرقة', areaNameEn: 'Raqqa', families: SUPPRESSED },
      { question: 'shelter', answer: 3, answerCode: 'no_shelter', areaCode: 'C1002', areaNameAr: 'الطبقة', areaNameEn: 'Tabqa', families: SUPPRESSED },
    ]);
    expect(rows.filter((r) => r['question'] === 'safety')).toEqual([
      { question: 'safety', answer: 1, answerCode: 'safe', areaCode: 'C1001', areaNameAr: 'الرقة', areaNameEn: 'Raqqa', families: 6 },
    ]);
  });

  it('should give the same tables when every event is delivered twice', () => {
    const events = history();
    expect(tablesOf(events.flatMap((event) => [event, { ...event }]))).toEqual(tablesOf(events));
  });

  it('should give the same tables whatever order the events arrive in', () => {
    const events = history();
    const expected = tablesOf(events);
    for (const seed of [1, 7, 42, 1234]) expect(tablesOf(shuffled(events, seed))).toEqual(expected);
    expect(tablesOf([...events].reverse())).toEqual(expected);
  });

  it('should keep one answer per (conversation, question), the earliest, whichever comes first', () => {
    const first = answered('01a24d34-0000-7000-8000-000000000001', 'shelter', 2, 'C1001', '2027-01-05T10:00:00Z');
    const second = { ...answered('01a24d34-0000-7000-8000-000000000001', 'shelter', 1, 'C1001', '2027-01-05T11:00:00Z') };
    const a = new MemoryReadModel();
    a.apply(first);
    a.apply(second);
    const b = new MemoryReadModel();
    b.apply(second);
    b.apply(first);
    expect(a.snapshot().surveys).toEqual(b.snapshot().surveys);
    expect(a.snapshot().surveys).toMatchObject([{ answer: 2 }]);
    expect(mergeSurvey(null, first.data as never)).toMatchObject({ questionCode: 'shelter', answer: 2, destinationArea: 'C1001' });
  });
});
