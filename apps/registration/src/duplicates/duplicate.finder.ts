import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { matchPerson, personSearchKeys } from '@awda/names';

interface MemberForMatch {
  id: string;
  householdId: string;
  fullNameAr: string;
  fullNameLatin: string | null;
  sex: 'female' | 'male';
  dateOfBirth: string | null;
  estimatedAge: number | null;
}

interface Finding {
  otherHouseholdId: string;
  otherCampId: string;
  reasons: Set<string>;
  score: number;
}

// A very common pair of names must not make hundreds of candidates to compare; the best are enough.
const MAX_NAME_CANDIDATES = 200;

const MEMBER_FOR_MATCH = `m.id, m.household_id AS "householdId", m.full_name_ar AS "fullNameAr", m.full_name_latin AS "fullNameLatin",
  m.sex, to_char(m.date_of_birth, 'YYYY-MM-DD') AS "dateOfBirth", m.estimated_age AS "estimatedAge"`;

/**
 * Finds households that may be the same family as a given one, by identity document (keyed hash),
 * phone (keyed hash) or alike names with close ages (search keys overlap, then matchPerson), and
 * queues them for a supervisor. Never merges. Uses indexes only: no scan of everyone.
 */
@Injectable()
export class DuplicateFinder {
  /** Queues new candidates; returns the ids of the other households whose open count changed. */
  async queueFor(manager: EntityManager, householdId: string, campId: string): Promise<string[]> {
    const findings = new Map<string, Finding>();
    const note = (otherHouseholdId: string, otherCampId: string, reason: string, score: number) => {
      const finding = findings.get(otherHouseholdId) ?? { otherHouseholdId, otherCampId, reasons: new Set<string>(), score: 0 };
      finding.reasons.add(reason);
      finding.score = Math.max(finding.score, score);
      findings.set(otherHouseholdId, finding);
    };

    const byDocument: { household_id: string; camp_id: string }[] = await manager.query(
      `SELECT DISTINCT d.household_id, h.camp_id FROM identity_documents d JOIN households h ON h.id = d.household_id
       WHERE d.number_hash IN (SELECT number_hash FROM identity_documents WHERE household_id = $1)
         AND d.household_id <> $1 AND h.closed_reason IS DISTINCT FROM 'duplicate'`,
      [householdId],
    );
    for (const row of byDocument) note(row.household_id, row.camp_id, 'same identity document number', 1);

    const byPhone: { id: string; camp_id: string }[] = await manager.query(
      `SELECT o.id, o.camp_id FROM households h JOIN households o ON o.phone_hash = h.phone_hash
       WHERE h.id = $1 AND h.phone_hash IS NOT NULL AND o.id <> $1 AND o.closed_reason IS DISTINCT FROM 'duplicate'`,
      [householdId],
    );
    for (const row of byPhone) note(row.id, row.camp_id, 'same phone number', 0.9);

    const members: MemberForMatch[] = await manager.query(`SELECT ${MEMBER_FOR_MATCH} FROM members m WHERE m.household_id = $1`, [householdId]);
    for (const member of members) {
      const keys = personSearchKeys({ fullNameAr: member.fullNameAr, fullNameLatin: member.fullNameLatin ?? undefined });
      const others: (MemberForMatch & { campId: string })[] = await manager.query(
        `SELECT ${MEMBER_FOR_MATCH}, h.camp_id AS "campId" FROM members m JOIN households h ON h.id = m.household_id
         WHERE m.search_keys && $1::text[] AND m.household_id <> $2 AND m.sex = $3
           AND h.closed_reason IS DISTINCT FROM 'duplicate'
         LIMIT ${MAX_NAME_CANDIDATES}`,
        [keys, householdId, member.sex],
      );
      for (const other of others) {
        const match = matchPerson(toPerson(member), toPerson(other));
        if (match.isCandidate) {
          note(other.householdId, other.campId, `a member with alike names and close age (score ${match.score.toFixed(2)})`, match.score);
        }
      }
    }

    const changed: string[] = [];
    for (const finding of findings.values()) {
      const inserted: unknown[] = await manager.query(
        `INSERT INTO duplicate_candidates (id, household_id, other_household_id, camp_id, other_camp_id, reasons, score)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [uuidv7(), householdId, finding.otherHouseholdId, campId, finding.otherCampId, [...finding.reasons].sort(), finding.score],
      );
      if (inserted.length > 0) changed.push(finding.otherHouseholdId);
    }
    return changed.sort();
  }
}

function toPerson(m: MemberForMatch) {
  return {
    fullNameAr: m.fullNameAr,
    fullNameLatin: m.fullNameLatin ?? undefined,
    dateOfBirth: m.dateOfBirth ?? undefined,
    estimatedAge: m.estimatedAge ?? undefined,
    sex: m.sex,
  };
}
