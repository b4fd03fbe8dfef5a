import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z, type Row } from '@awda/persistence';

const convoyRow = z.object({ departure_date: pg.text(), departure_time: pg.text() });
export type ConvoyDepartureRow = Row<typeof convoyRow>;

/** The convoys table: each convoy's departure date and time (local), from convoy.confirmed. */
@Injectable()
export class ConvoysRepository {
  async find(manager: EntityManager, convoyId: string): Promise<ConvoyDepartureRow | undefined> {
    return queryRow(manager, 'ConvoysRepository.find', convoyRow, `SELECT departure_date, departure_time FROM convoys WHERE convoy_id = $1`, [convoyId]);
  }

  /**
   * Up to 240 households' schedules name the same convoy and are handled in parallel. An upsert
   * (ON CONFLICT DO UPDATE) locks the convoy's row even when nothing changes, until the handler's
   * transaction ends: every household of a convoy then waited for the one before it (pipeline bench:
   * 379 ms per call on average). The row is written, and so locked, only when it is new or its date
   * or time really changes.
   */
  async remember(manager: EntityManager, convoyId: string, date: string, time: string): Promise<void> {
    const inserted = await queryRows(
      manager,
      'ConvoysRepository.remember',
      z.object({ convoy_id: pg.uuid() }),
      `INSERT INTO convoys (convoy_id, departure_date, departure_time) VALUES ($1, $2, $3) ON CONFLICT (convoy_id) DO NOTHING RETURNING convoy_id`,
      [convoyId, date, time],
    );
    if (inserted.length > 0) return;
    // Its own statement, so that it sees a row another transaction inserted since the one above began.
    await execute(
      manager,
      `UPDATE convoys SET departure_date = $2, departure_time = $3
       WHERE convoy_id = $1 AND (departure_date, departure_time) IS DISTINCT FROM ($2::text, $3::text)`,
      [convoyId, date, time],
    );
  }
}
