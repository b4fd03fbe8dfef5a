import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { pg, queryRows, z } from '@awda/persistence';

const memberAgeRow = z.object({
  id: pg.uuid(),
  updated_at: pg.timestamp(),
  date_of_birth: pg.text().nullable(),
  estimated_age: pg.int().nullable(),
  age_recorded_on: pg.text(),
});

export type MemberAgeRow = z.output<typeof memberAgeRow>;

/**
 * The SQL of AgeChanges. A household's last snapshot was sent when it was last saved (updated_at: every
 * save bumps it and publishes); a member whose age in whole years may have moved since then puts the
 * household on the list. The test is a day wider on each side than ageOn's (time zones, 29 February),
 * so the exact decision is taken in code by agesSince.
 */
@Injectable()
export class AgeChangesRepository {
  /**
   * Up to `limit` open households after `afterId` (id order) where a member may have had a birthday
   * since the household's last snapshot, locked (others' locked rows skipped), with all their members'
   * age facts (one row per member).
   */
  due(manager: EntityManager, limit: number, afterId: string): Promise<MemberAgeRow[]> {
    return queryRows(
      manager,
      'AgeChangesRepository.due',
      memberAgeRow,
      `WITH due AS (
         SELECT h.id, h.updated_at FROM households h
         WHERE h.status IN ('registered', 'scheduled') AND h.erased_at IS NULL AND h.merged_into IS NULL AND h.id > $2
           AND EXISTS (
             SELECT 1 FROM members m WHERE m.household_id = h.id AND CASE
               WHEN m.date_of_birth IS NOT NULL THEN
                 date_part('year', age(current_date + 1, m.date_of_birth)) <> date_part('year', age(h.updated_at::date - 1, m.date_of_birth))
               ELSE
                 floor((current_date + 1 - m.age_recorded_on) / 365.2425) <> floor((h.updated_at::date - 1 - m.age_recorded_on) / 365.2425)
             END)
         ORDER BY h.id
         LIMIT $1
         FOR UPDATE OF h SKIP LOCKED
       )
       SELECT due.id, due.updated_at, to_char(m.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, m.estimated_age,
              to_char(m.age_recorded_on, 'YYYY-MM-DD') AS age_recorded_on
       FROM due JOIN members m ON m.household_id = due.id
       ORDER BY due.id`,
      [limit, afterId],
    );
  }
}
