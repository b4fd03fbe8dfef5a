import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  blockingQueryKeys,
  DEFAULT_DOB_TOLERANCE_YEARS,
  DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS,
  isPersonCandidate,
  matchPerson,
  mayBeSamePerson,
} from '@awda/names';
import type { RegistrationConfig } from '../config.js';

interface Finding {
  otherHouseholdId: string;
  otherCampId: string;
  reasons: Set<string>;
  score: number;
}

const DOCUMENT_REASON = 'same identity document number';

// A very common pair of names must not make hundreds of candidates to compare; the best are enough.
const MAX_NAME_CANDIDATES = 200;

const MATCH_FIELDS = (t: string) => `${t}.full_name_ar AS "fullNameAr", ${t}.full_name_latin AS "fullNameLatin", ${t}.sex,
  to_char(${t}.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", ${t}.estimated_age AS "estimatedAge"`;
const MATCH_COLUMNS = (t: string) => `${t}.id AS "memberId", ${MATCH_FIELDS(t)}`;
const NO_MEMBER = `NULL::uuid, NULL::text, NULL::text, NULL::text, NULL::text, NULL::integer`;

// Ages the way matchPerson compares them (an estimated age as given, else the age from the date of
// birth today), so that the database drops namesakes whose ages rule them out before they count
// against MAX_NAME_CANDIDATES or cost a name comparison. A little looser than matchPerson (one day,
// a tenth of a year): mayBeSamePerson then decides exactly.
const DOB_TOLERANCE_DAYS = Math.ceil(DEFAULT_DOB_TOLERANCE_YEARS * 365.2425) + 1;
const AGE_OF = (t: string) => `coalesce(${t}.estimated_age::float8, (current_date - ${t}.date_of_birth) / 365.2425)`;
/** The same with the searching member's date of birth and estimated age as parameters $dob::date and $age::integer. */
const AGES_PLAUSIBLE = (dob: string, age: string) => {
  const ageOfMe = `coalesce(${age}::float8, (current_date - ${dob}::date) / 365.2425)`;
  return `(
  CASE WHEN m.date_of_birth IS NOT NULL AND ${dob}::date IS NOT NULL
    THEN abs(m.date_of_birth - ${dob}::date) <= ${DOB_TOLERANCE_DAYS}
    ELSE ${AGE_OF('m')} IS NULL OR ${ageOfMe} IS NULL
      OR abs(${AGE_OF('m')} - ${ageOfMe}) <= ${DEFAULT_ESTIMATED_AGE_TOLERANCE_YEARS + 0.1}
  END)`;
};

/**
 * Finds households that may be the same family as a given one, by identity document (keyed hash),
 * phone (keyed hash) or alike names with close ages (search keys overlap, then matchPerson), and
 * queues them for a supervisor. Never merges. Uses indexes only: no scan of everyone.
 */
@Injectable()
export class DuplicateFinder {
  /** Name comparisons (matchPerson calls) made since start: for tests and profiles, not business logic. */
  comparisons = 0;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig) {}

  /**
   * Queues new candidates; returns the ids of the other households whose open count changed.
   * Three round trips whatever the household's size: one query gathers the household's members and
   * the candidates by document and by phone; one gathers the candidates by name, a subquery per
   * member through the GIN index on blocking_keys (its own array of query keys, so PostgreSQL plans
   * with the actual keys), at most MAX_NAME_CANDIDATES per member; one INSERT queues the findings.
   * A household has at most DUPLICATE_MAX_CANDIDATES candidates, the strongest (documents, then
   * phones, then the closest names): hundreds of namesakes of a very common name are not hundreds of
   * questions for a supervisor. Pairs a supervisor already decided are not asked again and take no place.
   */
  async queueFor(manager: EntityManager, householdId: string, campId: string): Promise<string[]> {
    const findings = new Map<string, Finding>();
    const note = (otherHouseholdId: string, otherCampId: string, reason: string, score: number) => {
      const finding = findings.get(otherHouseholdId) ?? { otherHouseholdId, otherCampId, reasons: new Set<string>(), score: 0 };
      finding.reasons.add(reason);
      finding.score = Math.max(finding.score, score);
      findings.set(otherHouseholdId, finding);
    };

    // The household's own hashes are looked up first (ARRAY(...), a scalar subquery): with the
    // hashes as parameters of the outer scan the plan is an index lookup by hash whatever the
    // statistics say. Joined instead, stale statistics (tables grow all day) made PostgreSQL walk the
    // whole phone index filtering on the household's id, or scan every document (bench auto_explain).
    const rows: CandidateRow[] = await manager.query(
      `SELECT 'self' AS kind, NULL::uuid AS "otherHouseholdId", NULL::text AS "otherCampId", ${MATCH_COLUMNS('me')}
       FROM members me WHERE me.household_id = $1
       UNION ALL
       SELECT DISTINCT 'document', d.household_id, h.camp_id, ${NO_MEMBER}
       FROM identity_documents d JOIN households h ON h.id = d.household_id
       WHERE d.number_hash = ANY (ARRAY(SELECT number_hash FROM identity_documents WHERE household_id = $1))
         AND d.household_id <> $1 AND h.closed_reason IS DISTINCT FROM 'duplicate'
       UNION ALL
       SELECT 'phone', o.id, o.camp_id, ${NO_MEMBER}
       FROM households o
       WHERE o.phone_hash = (SELECT phone_hash FROM households WHERE id = $1)
         AND o.id <> $1 AND o.closed_reason IS DISTINCT FROM 'duplicate'
       UNION ALL
       SELECT CASE WHEN c.status = 'open' THEN 'queued' ELSE 'decided' END, c.other_household_id, c.other_camp_id, ${NO_MEMBER}
       FROM duplicate_candidates c WHERE c.household_id = $1
       UNION ALL
       SELECT CASE WHEN c.status = 'open' THEN 'queued' ELSE 'decided' END, c.household_id, c.camp_id, ${NO_MEMBER}
       FROM duplicate_candidates c WHERE c.other_household_id = $1`,
      [householdId],
    );
    const members = rows.filter((r) => r.kind === 'self');
    if (members.length > 0) {
      const params: unknown[] = [householdId];
      const param = (value: unknown) => `$${params.push(value)}`;
      const subqueries = members.map((me) => {
        const [id, keys, sex, dob, age] = [
          param(me.memberId),
          param(blockingQueryKeys(toPerson(me))),
          param(me.sex),
          param(me.dateOfBirth),
          param(me.estimatedAge),
        ];
        // The household by its key for each namesake (subplans): a join made PostgreSQL hash every
        // household once per member, costing more than the namesakes themselves.
        return `(SELECT 'name' AS kind, m.household_id AS "otherHouseholdId",
            (SELECT h.camp_id FROM households h WHERE h.id = m.household_id) AS "otherCampId", ${id}::uuid AS "memberId", ${MATCH_FIELDS('m')}
          FROM members m
          WHERE m.blocking_keys && ${keys}::text[] AND m.household_id <> $1 AND m.sex = ${sex}::text
            AND ${AGES_PLAUSIBLE(dob, age)}
            AND (SELECT h.closed_reason FROM households h WHERE h.id = m.household_id) IS DISTINCT FROM 'duplicate'
          LIMIT ${MAX_NAME_CANDIDATES})`;
      });
      rows.push(...((await manager.query(subqueries.join('\n UNION ALL\n'), params)) as CandidateRow[]));
    }
    const self = new Map(rows.filter((r) => r.kind === 'self').map((r) => [r.memberId, r]));
    for (const row of rows) {
      if (row.kind === 'document') note(row.otherHouseholdId, row.otherCampId, DOCUMENT_REASON, 1);
      else if (row.kind === 'phone') note(row.otherHouseholdId, row.otherCampId, 'same phone number', 0.9);
      else if (row.kind === 'name') {
        const member = self.get(row.memberId);
        if (member === undefined) continue;
        const [person, other] = [toPerson(member), toPerson(row)];
        // Ages first: far cheaper than the names, and a conflicting age is never a candidate.
        if (!mayBeSamePerson(person, other)) continue;
        this.comparisons++;
        // The full match (score, reasons) only for the few that are candidates.
        if (!isPersonCandidate(person, other)) continue;
        const match = matchPerson(person, other);
        if (match.isCandidate) {
          note(row.otherHouseholdId, row.otherCampId, `a member with alike names and close age (score ${match.score.toFixed(2)})`, match.score);
        }
      }
    }
    const decided = new Set(rows.filter((r) => r.kind === 'decided').map((r) => r.otherHouseholdId));
    const queued = new Set(rows.filter((r) => r.kind === 'queued').map((r) => r.otherHouseholdId));
    const strongest = [...findings.values()]
      .filter((f) => !decided.has(f.otherHouseholdId))
      .sort((a, b) => strength(b) - strength(a) || Number(queued.has(b.otherHouseholdId)) - Number(queued.has(a.otherHouseholdId))
        || a.otherHouseholdId.localeCompare(b.otherHouseholdId))
      .slice(0, this.config.DUPLICATE_MAX_CANDIDATES)
      .filter((f) => !queued.has(f.otherHouseholdId));
    if (strongest.length === 0) return [];

    const params: unknown[] = [householdId, campId];
    const values = strongest.map((finding) => {
      const n = params.length;
      params.push(uuidv7(), finding.otherHouseholdId, finding.otherCampId, [...finding.reasons].sort(), finding.score);
      return `($${n + 1}::uuid, $1::uuid, $${n + 2}::uuid, $2, $${n + 3}, $${n + 4}::text[], $${n + 5}::real)`;
    });
    const inserted: { other: string }[] = await manager.query(
      `INSERT INTO duplicate_candidates (id, household_id, other_household_id, camp_id, other_camp_id, reasons, score)
       VALUES ${values.join(', ')} ON CONFLICT DO NOTHING RETURNING other_household_id AS other`,
      params,
    );
    return inserted.map((r) => r.other).sort();
  }
}

/** Ranks findings: a shared identity document first, then the match score, then how many reasons agree. */
function strength(finding: Finding): number {
  return (finding.reasons.has(DOCUMENT_REASON) ? 10 : 0) + finding.score + finding.reasons.size / 100;
}

interface CandidateRow {
  kind: 'self' | 'document' | 'phone' | 'name' | 'queued' | 'decided';
  otherHouseholdId: string;
  otherCampId: string;
  memberId: string;
  fullNameAr: string;
  fullNameLatin: string | null;
  sex: 'female' | 'male';
  dateOfBirth: string | null;
  estimatedAge: number | null;
}

function toPerson(m: Pick<CandidateRow, 'fullNameAr' | 'fullNameLatin' | 'sex' | 'dateOfBirth' | 'estimatedAge'>) {
  return {
    fullNameAr: m.fullNameAr,
    fullNameLatin: m.fullNameLatin ?? undefined,
    dateOfBirth: m.dateOfBirth ?? undefined,
    estimatedAge: m.estimatedAge ?? undefined,
    sex: m.sex,
  };
}
