import { isPersonCandidate, matchPerson, mayBeSamePerson, type PersonToMatch } from '@awda/names';
import type { MatchMember, MatchPerson, NamesakeRow } from './duplicates.repository.js';

/** A household found by a member's alike names and close age. */
export interface NameNote {
  otherHouseholdId: string;
  otherCampId: string;
  reason: string;
  score: number;
}

/** What comparing a household's members with their namesakes found, and how many names it compared. */
export interface NameFindings {
  notes: NameNote[];
  comparisons: number;
}

/**
 * Compares each member with the namesakes found for it: ages first, then the names, and the full
 * match (score, reasons) only for candidates. Pure: the duplicate finder runs it in its own thread,
 * an import in a worker thread.
 */
export function nameFindings(members: MatchMember[], namesakes: NamesakeRow[]): NameFindings {
  const notes: NameNote[] = [];
  let comparisons = 0;
  const self = new Map(members.map((m) => [m.memberId, m]));
  for (const row of namesakes) {
    const member = self.get(row.memberId);
    if (member === undefined) continue;
    const [person, other] = [toPerson(member), toPerson(row)];
    // Ages first: far cheaper than the names, and a conflicting age is never a candidate.
    if (!mayBeSamePerson(person, other)) continue;
    comparisons++;
    // The full match (score, reasons) only for the few that are candidates.
    if (!isPersonCandidate(person, other)) continue;
    const match = matchPerson(person, other);
    if (match.isCandidate) {
      notes.push({
        otherHouseholdId: row.otherHouseholdId,
        otherCampId: row.otherCampId,
        reason: `a member with alike names and close age (score ${match.score.toFixed(2)})`,
        score: match.score,
      });
    }
  }
  return { notes, comparisons };
}

/** A member as the name match reads it. */
export function toPerson(m: MatchPerson): PersonToMatch & { sex: MatchPerson['sex'] } {
  return {
    fullNameAr: m.fullNameAr,
    fullNameLatin: m.fullNameLatin ?? undefined,
    dateOfBirth: m.dateOfBirth ?? undefined,
    estimatedAge: m.estimatedAge ?? undefined,
    sex: m.sex,
  };
}
