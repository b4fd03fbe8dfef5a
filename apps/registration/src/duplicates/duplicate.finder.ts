import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import type { EntityManager } from 'typeorm';
import { blockingQueryKeys } from '@awda/names';
import type { RegistrationConfig } from '../config.js';
import { DuplicatesRepository, type MatchLink, type MatchMember, type NamesakeRow, type NamesakeSearch } from './duplicates.repository.js';
import { nameFindings, toPerson, type NameFindings } from './name-findings.js';

interface Finding {
  otherHouseholdId: string;
  otherCampId: string;
  reasons: Set<string>;
  score: number;
}

const DOCUMENT_REASON = 'same identity document number';

/** What the finder reads of a household before deciding: its members, its links, its members' namesakes. */
export interface HouseholdMatchFacts {
  members: MatchMember[];
  links: MatchLink[];
  namesakes: NamesakeRow[];
  /** nameFindings(members, namesakes) when the caller has worked it out already (an import, in a worker thread). */
  names?: NameFindings;
}

/** The namesakes search of a household's member, as queueFor makes it. */
export function namesakeSearch(member: MatchMember): NamesakeSearch {
  return { memberId: member.memberId, keys: blockingQueryKeys(toPerson(member)), sex: member.sex, dateOfBirth: member.dateOfBirth, estimatedAge: member.estimatedAge };
}

/**
 * Finds households that may be the same family as a given one, by identity document (keyed hash),
 * phone (keyed hash) or alike names with close ages (search keys overlap, then matchPerson), and
 * queues them for a supervisor. Never merges. Uses indexes only: no scan of everyone.
 */
@Injectable()
export class DuplicateFinder {
  /** Name comparisons (matchPerson calls) made since start: for tests and profiles, not business logic. */
  comparisons = 0;
  /** Facts gathered in bulk by the caller, per transaction, until each household's check uses them. */
  private readonly gathered = new WeakMap<EntityManager, Map<string, HouseholdMatchFacts>>();

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
    const facts = this.takeGathered(manager, householdId) ?? (await this.gather(manager, householdId, inserted));
    const findings = new Map<string, Finding>();
    const note = (otherHouseholdId: string, otherCampId: string, reason: string, score: number) => {
      const finding = findings.get(otherHouseholdId) ?? { otherHouseholdId, otherCampId, reasons: new Set<string>(), score: 0 };
      finding.reasons.add(reason);
      finding.score = Math.max(finding.score, score);
      findings.set(otherHouseholdId, finding);
    };

    const { members, links, namesakes } = facts;
    for (const link of links) {
      if (link.kind === 'document') note(link.otherHouseholdId, link.otherCampId, DOCUMENT_REASON, 1);
      else if (link.kind === 'phone') note(link.otherHouseholdId, link.otherCampId, 'same phone number', 0.9);
    }
    const names = facts.names ?? nameFindings(members, namesakes);
    this.comparisons += names.comparisons;
    for (const { otherHouseholdId, otherCampId, reason, score } of names.notes) note(otherHouseholdId, otherCampId, reason, score);
    const decided = new Set(links.filter((r) => r.kind === 'decided').map((r) => r.otherHouseholdId));
    const queued = new Set(links.filter((r) => r.kind === 'queued').map((r) => r.otherHouseholdId));
    const strongest = [...findings.values()]
      .filter((f) => !decided.has(f.otherHouseholdId))
      .sort((a, b) => strength(b) - strength(a) || Number(queued.has(b.otherHouseholdId)) - Number(queued.has(a.otherHouseholdId))
        || a.otherHouseholdId.localeCompare(b.otherHouseholdId))
      .slice(0, this.config.DUPLICATE_MAX_CANDIDATES)
      .filter((f) => !queued.has(f.otherHouseholdId));
    if (strongest.length === 0) return [];

    const others = await this.candidates.queue(manager, householdId, campId, strongest.map((f) => ({ ...f, reasons: [...f.reasons].sort() })));
    // A household just paired has a new link: facts gathered for it before are stale.
    const gathered = this.gathered.get(manager);
    for (const other of others) gathered?.delete(other);
    return others;
  }

  /**
   * Hands over facts the caller gathered in bulk in this transaction (the import, for a group of
   * households none of which can be a candidate of another): each household's next queueFor in
   * this transaction uses them instead of its two queries, and they are dropped once used or once
   * the household is paired by another's check. Only for households whose members, documents,
   * phone and pairs nothing else changes before their check.
   */
  provideGathered(manager: EntityManager, facts: Map<string, HouseholdMatchFacts>): void {
    const gathered = this.gathered.get(manager) ?? new Map<string, HouseholdMatchFacts>();
    for (const [householdId, householdFacts] of facts) gathered.set(householdId, householdFacts);
    this.gathered.set(manager, gathered);
  }

  /** Drops facts provided for this transaction and not used. */
  forgetGathered(manager: EntityManager): void {
    this.gathered.delete(manager);
  }

  private takeGathered(manager: EntityManager, householdId: string): HouseholdMatchFacts | undefined {
    const gathered = this.gathered.get(manager);
    const facts = gathered?.get(householdId);
    gathered?.delete(householdId);
    return facts;
  }

  /** The household's members and links (one round trip) and its members' namesakes (one more). */
  /** `inserted`: members the caller has just inserted; then the links and the namesakes come in one round trip. */
  private async gather(manager: EntityManager, householdId: string, inserted?: MatchMember[]): Promise<HouseholdMatchFacts> {
    if (inserted !== undefined) {
      const { links, namesakes } = await this.candidates.linksAndNamesakes(manager, householdId, inserted.map(namesakeSearch));
      return { members: inserted, links, namesakes };
    }
    const { members, links } = await this.candidates.matchFacts(manager, householdId);
    const namesakes = await this.candidates.namesakes(manager, householdId, members.map(namesakeSearch));
    return { members, links, namesakes };
  }
}

/** Ranks findings: a shared identity document first, then the match score, then how many reasons agree. */
function strength(finding: Finding): number {
  return (finding.reasons.has(DOCUMENT_REASON) ? 10 : 0) + finding.score + finding.reasons.size / 100;
}
