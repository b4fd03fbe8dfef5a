// Scratch measurement of the duplicate check's name query on ~100k generated members: the former query
// (search_keys, LATERAL over the household's members) against the current one (blocking_keys, a
// subquery per member with its own keys). Creates and drops its own database; not part of run-all.
// npm run build && node dist/bench/blocking-keys.measure.js   (HOUSEHOLDS=20000, SAMPLE=30, SHOW=1 prints plans)
import pg from 'pg';
import { blockingKeys, blockingQueryKeys, personSearchKeys, DEFAULT_DOB_TOLERANCE_YEARS, DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS } from '../libs/names/src/index.js';
import { generateHouseholds } from '../libs/shared/testing/src/people/index.js';
import { v7 as uuidv7 } from 'uuid';

const DB = 'awda_blocking_scratch';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
await admin.query(`CREATE DATABASE ${DB}`);
const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${DB}` });
await c.connect();
try {
  await c.query(`CREATE TABLE households (id uuid PRIMARY KEY, camp_id text NOT NULL, closed_reason text)`);
  await c.query(`CREATE TABLE members (id uuid PRIMARY KEY, household_id uuid NOT NULL REFERENCES households(id), full_name_ar text NOT NULL,
    full_name_latin text, sex text NOT NULL, date_of_birth date, estimated_age integer, search_keys text[] NOT NULL DEFAULT '{}',
    blocking_keys text[] NOT NULL DEFAULT '{}', pad text)`);
  const HOUSEHOLDS = Number(process.env['HOUSEHOLDS'] ?? 20000);
  const hs = generateHouseholds('blocking-measure', HOUSEHOLDS, { destinationAreas: ['SY020200'] });
  const ids = hs.map(() => uuidv7());
  let total = 0;
  for (let off = 0; off < hs.length; off += 2000) {
    const chunk = hs.slice(off, off + 2000);
    await c.query(`INSERT INTO households (id, camp_id) SELECT unnest($1::uuid[]), 'mahmoudli'`, [ids.slice(off, off + 2000)]);
    const rows = chunk.flatMap((h, i) => h.members.map((m) => ({ id: uuidv7(), household_id: ids[off + i], full_name_ar: m.fullNameAr,
      full_name_latin: m.fullNameLatin, sex: m.sex, date_of_birth: m.dateOfBirth,
      search_keys: personSearchKeys(m), blocking_keys: blockingKeys(m), pad: 'x'.repeat(200) })));
    total += rows.length;
    await c.query(`INSERT INTO members SELECT id, household_id, full_name_ar, full_name_latin, sex, date_of_birth, NULL, search_keys, blocking_keys, pad
      FROM json_to_recordset($1::json) AS r(id uuid, household_id uuid, full_name_ar text, full_name_latin text, sex text, date_of_birth date,
      search_keys text[], blocking_keys text[], pad text)`, [JSON.stringify(rows)]);
  }
  await c.query(`CREATE INDEX members_household ON members (household_id)`);
  await c.query(`CREATE INDEX members_search_keys ON members USING gin (search_keys)`);
  await c.query(`CREATE INDEX members_blocking_keys ON members USING gin (blocking_keys)`);
  await c.query(`VACUUM ANALYZE households`); await c.query(`VACUUM ANALYZE members`);
  console.log(`members ${total}, households ${HOUSEHOLDS}`);

  const DOB_DAYS = Math.ceil(DEFAULT_DOB_TOLERANCE_YEARS * 365.2425) + 1;
  const AGE_OF = (t: string) => `coalesce(${t}.estimated_age::float8, (current_date - ${t}.date_of_birth) / 365.2425)`;
  const FIELDS = `m.full_name_ar, m.full_name_latin, m.sex, to_char(m.date_of_birth, 'YYYY-MM-DD'), m.estimated_age`;
  const oldQuery = `WITH me AS (SELECT m.* FROM members m WHERE m.household_id = $1)
    SELECT me.id, o.* FROM me CROSS JOIN LATERAL (
      SELECT m.household_id, h.camp_id, ${FIELDS} FROM members m JOIN households h ON h.id = m.household_id
      WHERE m.search_keys && me.search_keys AND m.household_id <> $1 AND m.sex = me.sex
        AND (CASE WHEN m.date_of_birth IS NOT NULL AND me.date_of_birth IS NOT NULL THEN abs(m.date_of_birth - me.date_of_birth) <= ${DOB_DAYS}
          ELSE ${AGE_OF('m')} IS NULL OR ${AGE_OF('me')} IS NULL OR abs(${AGE_OF('m')} - ${AGE_OF('me')}) <= ${DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS + 0.1} END)
        AND h.closed_reason IS DISTINCT FROM 'duplicate' LIMIT 200) o`;
  const newQuery = async (hid: string) => {
    const { rows: me } = await c.query<{ id: string; full_name_ar: string; full_name_latin: string | null; sex: 'female' | 'male'; dob: string | null; estimated_age: number | null }>(`SELECT id, full_name_ar, full_name_latin, sex, to_char(date_of_birth, 'YYYY-MM-DD') dob, estimated_age FROM members WHERE household_id = $1`, [hid]);
    const params: unknown[] = [hid];
    const p = (v: unknown) => `$${params.push(v)}`;
    const subs = me.map((r) => {
      const [id, keys, sex, dob, age] = [p(r.id), p(blockingQueryKeys({ fullNameAr: r.full_name_ar, fullNameLatin: r.full_name_latin ?? undefined, sex: r.sex, dateOfBirth: r.dob ?? undefined })), p(r.sex), p(r.dob), p(r.estimated_age)];
      const ageMe = `coalesce(${age}::float8, (current_date - ${dob}::date) / 365.2425)`;
      return `(SELECT ${id}::uuid, m.household_id, (SELECT h.camp_id FROM households h WHERE h.id = m.household_id), ${FIELDS} FROM members m
        WHERE m.blocking_keys && ${keys}::text[] AND m.household_id <> $1 AND m.sex = ${sex}::text
        AND (CASE WHEN m.date_of_birth IS NOT NULL AND ${dob}::date IS NOT NULL THEN abs(m.date_of_birth - ${dob}::date) <= ${DOB_DAYS}
          ELSE ${AGE_OF('m')} IS NULL OR ${ageMe} IS NULL OR abs(${AGE_OF('m')} - ${ageMe}) <= ${DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS + 0.1} END)
        AND (SELECT h.closed_reason FROM households h WHERE h.id = m.household_id) IS DISTINCT FROM 'duplicate' LIMIT 200)`;
    });
    return { sql: subs.join(' UNION ALL '), params, members: me.length };
  };
  interface PlanNode { 'Node Type': string; 'Actual Rows': number; 'Actual Loops': number; 'Rows Removed by Filter'?: number; 'Rows Removed by Index Recheck'?: number; Plans?: PlanNode[] }
  const indexRows = (plan: PlanNode) => {
    let rows = 0, removed = 0;
    const walk = (n: PlanNode): void => {
      if (n['Node Type'] === 'Bitmap Index Scan') rows += n['Actual Rows'] * n['Actual Loops'];
      if (n['Rows Removed by Filter']) removed += n['Rows Removed by Filter'] * (n['Actual Loops'] ?? 1);
      if (n['Rows Removed by Index Recheck']) removed += n['Rows Removed by Index Recheck'] * (n['Actual Loops'] ?? 1);
      (n.Plans ?? []).forEach(walk);
    };
    walk(plan);
    return { rows, removed };
  };
  const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)] ?? NaN; };
  const sample: string[] = Array.from({ length: Number(process.env['SAMPLE'] ?? 30) }, (_, i) => ids[(i * 7919) % ids.length] ?? '');
  const results: Record<'old' | 'new', { ms: number[]; rows: number[]; removed: number[]; found: number }> = { old: { ms: [], rows: [], removed: [], found: 0 }, new: { ms: [], rows: [], removed: [], found: 0 } };
  let membersTotal = 0;
  for (const hid of sample) {
    const q = await newQuery(hid);
    membersTotal += q.members;
    for (const [kind, sql, params] of [['old', oldQuery, [hid]], ['new', q.sql, q.params]] as const) {
      const times: number[] = [];
      let last: { Plan: PlanNode; 'Execution Time': number } | undefined;
      for (let r = 0; r < 5; r++) {
        const { rows } = await c.query<{ 'QUERY PLAN': { Plan: PlanNode; 'Execution Time': number }[] }>(`EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`, [...params]);
        last = rows[0]?.['QUERY PLAN'][0];
        if (last === undefined) throw new Error('no plan');
        times.push(last['Execution Time']);
      }
      if (last === undefined) throw new Error('no plan');
      const ir = indexRows(last.Plan);
      results[kind].ms.push(median(times));
      results[kind].rows.push(ir.rows / q.members);
      results[kind].removed.push(ir.removed / q.members);
      results[kind].found += last.Plan['Actual Rows'];
    }
  }
  if (process.env['SHOW']) { const q = await newQuery(sample[0] ?? ''); const { rows } = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q.sql}`, q.params); console.log(rows.map((r) => r['QUERY PLAN']).join('\n')); const o = await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${oldQuery}`, [sample[0]]); console.log(o.rows.map((r) => r['QUERY PLAN']).join('\n')); }
  for (const kind of ['old', 'new'] as const) {
    const r = results[kind];
    console.log(`${kind}: median exec ${median(r.ms).toFixed(2)} ms/household (mean ${(r.ms.reduce((a, b) => a + b) / r.ms.length).toFixed(2)}), index rows/member median ${median(r.rows).toFixed(0)} (mean ${(r.rows.reduce((a, b) => a + b) / r.rows.length).toFixed(0)}), removed by filter/recheck per member median ${median(r.removed).toFixed(0)}, candidate rows returned ${r.found} for ${membersTotal} members of ${sample.length} households`);
  }
} finally {
  await c.end();
  await admin.query(`DROP DATABASE IF EXISTS ${DB}`);
  await admin.end();
}
