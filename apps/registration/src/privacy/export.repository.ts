import { Injectable } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { pg, queryRows, z } from '@awda/persistence';

const consentRow = z.object({
  memberId: pg.uuid(),
  decision: pg.text(),
  decidedOn: pg.text(),
  method: pg.text(),
  recordedAt: pg.timestamp(),
  superseded: pg.bool(),
});
export type ConsentRecordRow = z.output<typeof consentRow>;

/** The SQL of the subject access export that the households' own reads do not already give. */
@Injectable()
export class HouseholdExportRepository {
  /** Every consent decision recorded for the household's members, superseded ones included, oldest first. */
  consents(db: DataSource, householdId: string): Promise<ConsentRecordRow[]> {
    return queryRows(
      db,
      'HouseholdExportRepository.consents',
      consentRow,
      `SELECT member_id AS "memberId", decision, to_char(decided_on, 'YYYY-MM-DD') AS "decidedOn", method,
              recorded_at AS "recordedAt", superseded
       FROM consents WHERE household_id = $1 ORDER BY recorded_at, id`,
      [householdId],
    );
  }
}
