// The import checks a group of households with facts gathered in bulk (ImportMatchFactsRepository):
// it must queue exactly the duplicate candidates that registering the same households one at a
// time through POST /households queues, on the real PostgreSQL.
import { afterAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createRng, generateHouseholds, introduceDuplicate, waitFor, type GeneratedHousehold } from '@awda/testing';
import { namesakeSearch } from '../src/duplicates/duplicate.finder.js';
import { DuplicatesRepository } from '../src/duplicates/duplicates.repository.js';
import { ImportMatchFactsRepository } from '../src/imports/import-match-facts.repository.js';
import type { ImportView } from '../src/imports/imports.service.js';
import { bearer, newKey, startHarness, token, type Harness } from './harness.js';

const HEADER = 'household_key,destination_area,language,phone,full_name_ar,full_name_latin,sex,date_of_birth,relationship,document_type,document_number,needs';
const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function csvOf(households: GeneratedHousehold[]): string {
  const lines = [HEADER];
  for (const h of households) {
    h.members.forEach((m, i) => {
      lines.push([
        h.caseNumber, i === 0 ? h.destinationArea : '', i === 0 ? h.language : '', i === 0 ? (h.phone ?? '') : '',
        m.fullNameAr, m.fullNameLatin, m.sex, m.dateOfBirth, m.relationship, m.document?.type ?? '', m.document?.number ?? '',
        m.needs.join(';'),
      ].map(cell).join(','));
    });
  }
  return `${lines.join('\n')}\n`;
}

function bodyOf(h: GeneratedHousehold): Record<string, unknown> {
  return {
    campId: h.campId, caseNumber: h.caseNumber, destinationArea: h.destinationArea, language: h.language,
    ...(h.phone ? { phone: h.phone } : {}),
    members: h.members.map((m) => ({
      fullNameAr: m.fullNameAr, fullNameLatin: m.fullNameLatin, sex: m.sex, dateOfBirth: m.dateOfBirth, relationship: m.relationship,
      needs: [...m.needs], ...(m.document ? { documents: [{ type: m.document.type, number: m.document.number }] } : {}),
    })),
  };
}

// Families, and second registrations of some of them spelt another way: one right after its
// original (a new group in the same batch), others further on.
function familiesWithDuplicates(): GeneratedHousehold[] {
  const rng = createRng('import-duplicates-int-spec');
  const families = generateHouseholds('import-duplicates-int-spec', 40, { destinationAreas: ['SY110000', 'SY090000'], campId: 'mahmoudli' })
    .map((g, i) => ({ ...g, caseNumber: `IMPD-${i + 1}` }));
  const out: GeneratedHousehold[] = [];
  families.forEach((family, i) => {
    out.push(family);
    if (i % 5 === 1) out.push({ ...introduceDuplicate(rng, family), caseNumber: `IMPD-${i + 1}-again` });
  });
  for (const i of [0, 3, 7, 12]) {
    const family = families[i];
    if (family) out.push({ ...introduceDuplicate(rng, family), caseNumber: `IMPD-${i + 1}-later` });
  }
  return out;
}

interface Pair {
  household: string;
  other: string;
  reasons: string[];
}

/** The queued pairs by case number, in a stable order. */
async function pairsByCase(db: DataSource): Promise<Pair[]> {
  const rows: Pair[] = await db.query(
    `SELECT h.case_number AS household, o.case_number AS other, c.reasons
     FROM duplicate_candidates c JOIN households h ON h.id = c.household_id JOIN households o ON o.id = c.other_household_id
     ORDER BY 1, 2`,
  );
  return rows;
}

const harnesses: Harness[] = [];
afterAll(async () => {
  for (const h of harnesses) await h.close();
});

describe('duplicate check of an import', () => {
  const households = familiesWithDuplicates();
  let imported: Harness;
  let oneByOne: Pair[];

  it('should queue the same candidates as registering the households one at a time', async () => {
    const http = await startHarness();
    harnesses.push(http);
    const caseworker = await token(['caseworker'], ['mahmoudli'], 'cw-import-dup');
    for (const h of households) {
      await http.http().post('/households').set(bearer(caseworker)).set('Idempotency-Key', newKey()).send(bodyOf(h)).expect(201);
    }
    oneByOne = await pairsByCase(http.service.app.get(DataSource));
    // The test means something only if the file holds candidates of several kinds.
    expect(oneByOne.length).toBeGreaterThanOrEqual(5);
    expect(oneByOne.some((p) => p.reasons.some((r) => r.startsWith('a member with alike names')))).toBe(true);

    imported = await startHarness();
    harnesses.push(imported);
    const res = await imported.http().post('/imports').query({ campId: 'mahmoudli', format: 'csv' })
      .set(bearer(caseworker)).set('Content-Type', 'application/octet-stream').send(Buffer.from(csvOf(households))).expect(202);
    const id = (res.body as { id: string }).id;
    const result = await waitFor('the import to finish', async () => {
      const view = (await imported.http().get(`/imports/${id}`).set(bearer(caseworker)).expect(200)).body as ImportView;
      return view.status === 'completed' || view.status === 'failed' ? view : undefined;
    }, { timeoutMs: 60_000 });
    expect(result).toMatchObject({ status: 'completed', householdsCreated: households.length, rowsFailed: 0 });
    expect(await pairsByCase(imported.service.app.get(DataSource))).toEqual(oneByOne);
  });

  it('should gather for many households what the finder reads for each one', async () => {
    const db = imported.service.app.get(DataSource);
    const one = imported.service.app.get(DuplicatesRepository);
    const ids = ((await db.query(`SELECT id FROM households ORDER BY id`)) as { id: string }[]).map((r) => r.id);
    const many = await new ImportMatchFactsRepository().gather(db.manager, ids, namesakeSearch);
    const sorted = <T extends object>(rows: T[]) => rows.map((r) => JSON.stringify(r, Object.keys(r).sort())).sort();
    let namesakes = 0;
    for (const id of ids) {
      const { members, links } = await one.matchFacts(db.manager, id);
      const expected = await one.namesakes(db.manager, id, members.map(namesakeSearch));
      const got = many.get(id);
      expect(sorted(got?.members ?? [])).toEqual(sorted(members));
      expect(sorted(got?.links ?? [])).toEqual(sorted(links));
      expect(sorted(got?.namesakes ?? [])).toEqual(sorted(expected));
      namesakes += expected.length;
    }
    expect(namesakes).toBeGreaterThan(0);
  });
});
