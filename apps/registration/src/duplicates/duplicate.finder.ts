import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { EntityManager } from 'typeorm';
import {
  blockingQueryKeys,
  isPersonCandidate,
  matchPerson,
  mayBeSamePerson,
} from '@awda/names';
import type { RegistrationConfig } from '../config.js';
import { DuplicatesRepository, type MatchLink, type MatchMember, type MatchPerson, type NamesakeRow } from './duplicates.repository.js';

interface Finding {
  otherHouseholdId: string;
  otherCampId: string;
  reasons: Set<string>;
  score: number;
}

const DOCUMENT_REASON = 'same identity document number';

/**
 * Finds households that may be the same family as a given one, by identity document (keyed hash),
 * phone (keyed hash) or alike names with close ages (search keys overlap, then matchPerson), and
 * queues them for a supervisor. Never merges. Uses indexes only: no scan of everyone.
 */
@Injectable()
export class DuplicateFinder {
  /** Name comparisons (matchPerson calls) made since start: for tests and profiles, not business logic. */
  comparisons = 0;

  constructor(
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
    private readonly candidates: DuplicatesRepository,
  ) {}

  /**
   * Queues new candidates; returns the ids of the other households whose open count changed.
   * inserted: the household's members as just inserted (what the name match compares), when the
   * caller knows them: the first two round trips below are then one.
   * Three round trips whatever the household's size: one query gathers the household's members and
   * the candidates by document and by phone; one gathers the candidates by name, a subquery per
   * member through the GIN index on blocking_keys (its own array of query keys, so PostgreSQL plans
   * with the actual keys), at most MAX_NAME_CANDIDATES per member; one INSERT queues the findings.
   * A household has at most DUPLICATE_MAX_CANDIDATES candidates, the strongest (documents, then
   * phones, then the closest names): hundreds of namesakes of a very common name are not hundreds of
   * questions for a supervisor. Pairs a supervisor already decided are not asked again and take no place.
   */
  async queueFor(manager: EntityManager, householdId: string, campId: string, inserted?: MatchMember[]): Promise<string[]> {
    const findings = new Map<string, Finding>();
    const note = (otherHouseholdId: string, otherCampId: string, reason: string, score: number) => {
      const finding = findings.get(otherHouseholdId) ?? { otherHouseholdId, otherCampId, reasons: new Set<string>(), score: 0 };
      finding.reasons.add(reason);
      finding.score = Math.max(finding.score, score);
      findings.set(otherHouseholdId, finding);
    };

    const search = (members: MatchMember[]) =>
      members.map((me) => ({ memberId: me.memberId, keys: blockingQueryKeys(toPerson(me)), sex: me.sex, dateOfBirth: me.dateOfBirth, estimatedAge: me.estimatedAge }));
    let members: MatchMember[];
    let links: MatchLink[];
    let namesakes: NamesakeRow[];
    if (inserted !== undefined) {
      // Members the caller has just inserted: the links and the namesakes in one round trip.
      members = inserted;
      ({ links, namesakes } = await this.candidates.linksAndNamesakes(manager, householdId, search(members)));
    } else {
      ({ members, links } = await this.candidates.matchFacts(manager, householdId));
      namesakes = await this.candidates.namesakes(manager, householdId, search(members));
    }
    for (const link of links) {
      if (link.kind === 'document') note(link.otherHouseholdId, link.otherCampId, DOCUMENT_REASON, 1);
      else if (link.kind === 'phone') note(link.otherHouseholdId, link.otherCampId, 'same phone number', 0.9);
    }
    const self = new Map(members.map((m) => [m.memberId, m]));
    for (const row of namesakes) {
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
    const decided = new Set(links.filter((r) => r.kind === 'decided').map((r) => r.otherHouseholdId));
    const queued = new Set(links.filter((r) => r.kind === 'queued').map((r) => r.otherHouseholdId));
    const strongest = [...findings.values()]
      .filter((f) => !decided.has(f.otherHouseholdId))
      .sort((a, b) => strength(b) - strength(a) || Number(queued.has(b.otherHouseholdId)) - Number(queued.has(a.otherHouseholdId))
        || a.otherHouseholdId.localeCompare(b.otherHouseholdId))
      .slice(0, this.config.DUPLICATE_MAX_CANDIDATES)
      .filter((f) => !queued.has(f.otherHouseholdId));
    if (strongest.length === 0) return [];

    return this.candidates.queue(manager, householdId, campId, strongest.map((f) => ({ ...f, reasons: [...f.reasons].sort() })));
  }
}

/** Ranks findings: a shared identity document first, then the match score, then how many reasons agree. */
function strength(finding: Finding): number {
  return (finding.reasons.has(DOCUMENT_REASON) ? 10 : 0) + finding.score + finding.reasons.size / 100;
}

function toPerson(m: MatchPerson) {
  return {
    fullNameAr: m.fullNameAr,
    fullNameLatin: m.fullNameLatin ?? undefined,
    dateOfBirth: m.dateOfBirth ?? undefined,
    estimatedAge: m.estimatedAge ?? undefined,
    sex: m.sex,
  };
}
