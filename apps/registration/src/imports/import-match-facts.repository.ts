import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pg, queryRows } from '@awda/persistence';
import type { HouseholdMatchFacts } from '../duplicates/duplicate.finder.js';
import {
  factRow,
  linksOf,
  namesakeRow,
  namesakeSubqueries,
  selfMembersOf,
  type MatchLink,
  type MatchMember,
  type NamesakeRow,
  type NamesakeSearch,
} from '../duplicates/duplicates.repository.js';

// The statements of DuplicatesRepository.matchFacts and .namesakes (the same SQL, from the same
// builders), for many households in one round trip each instead of two per household: an import's
// group of households is checked with a few statements, and the finder reads the same rows.

const householdFactRow = factRow.extend({ householdId: pg.uuid() });

/** Members searched per namesakes statement (six parameters each; one subquery each). */
const MEMBERS_PER_STATEMENT = 100;

/** What the duplicate finder reads, for many households at once (an import's group). */
@Injectable()
export class ImportMatchFactsRepository {
  /** Each household's members and links, then its members' namesakes: DuplicateFinder's facts. */
  async gather(manager: EntityManager, householdIds: string[], search: (member: MatchMember) => NamesakeSearch): Promise<Map<string, HouseholdMatchFacts>> {
    const facts = new Map<string, HouseholdMatchFacts>(householdIds.map((id) => [id, { members: [], links: [], namesakes: [] }]));
    if (householdIds.length === 0) return facts;
    for (const row of await this.matchFacts(manager, householdIds)) {
      const mine = facts.get(row.householdId);
      if (mine === undefined) continue;
      if (row.kind === 'self') {
        if (row.memberId === null || row.fullNameAr === null || row.sex === null) throw new Error('ImportMatchFactsRepository.matchFacts: a member row without its member');
        mine.members.push({ memberId: row.memberId, fullNameAr: row.fullNameAr, fullNameLatin: row.fullNameLatin, sex: row.sex, dateOfBirth: row.dateOfBirth, estimatedAge: row.estimatedAge });
      } else {
        if (row.otherHouseholdId === null || row.otherCampId === null) throw new Error('ImportMatchFactsRepository.matchFacts: a link row without its household');
        mine.links.push({ kind: row.kind, otherHouseholdId: row.otherHouseholdId, otherCampId: row.otherCampId } satisfies MatchLink);
      }
    }
    const searches = [...facts].flatMap(([householdId, f]) => f.members.map((member) => ({ householdId, ...search(member) })));
    const householdOfMember = new Map(searches.map((s) => [s.memberId, s.householdId]));
    for (let i = 0; i < searches.length; i += MEMBERS_PER_STATEMENT) {
      for (const row of await this.namesakes(manager, searches.slice(i, i + MEMBERS_PER_STATEMENT))) {
        const householdId = householdOfMember.get(row.memberId);
        if (householdId !== undefined) facts.get(householdId)?.namesakes.push(row satisfies NamesakeRow);
      }
    }
    return facts;
  }

  /** DuplicatesRepository.matchFacts for each household (a LATERAL subquery each), rows tagged with the household. */
  private async matchFacts(manager: EntityManager, householdIds: string[]) {
    return queryRows(
      manager,
      'ImportMatchFactsRepository.matchFacts',
      householdFactRow,
      `SELECT q.id AS "householdId", f.* FROM unnest($1::uuid[]) AS q(id) CROSS JOIN LATERAL (
         ${selfMembersOf('q.id')}
         UNION ALL
         ${linksOf('q.id')}
       ) f`,
      [householdIds],
    );
  }

  /** DuplicatesRepository.namesakes for members of several households: each member's subquery leaves out its own household. */
  private async namesakes(manager: EntityManager, members: (NamesakeSearch & { householdId: string })[]) {
    if (members.length === 0) return [];
    const params: unknown[] = [];
    const subqueries = namesakeSubqueries(members, params, (me, param) => `${param(me.householdId)}::uuid`);
    return queryRows(manager, 'ImportMatchFactsRepository.namesakes', namesakeRow, subqueries.join('\n UNION ALL\n'), params);
  }
}
