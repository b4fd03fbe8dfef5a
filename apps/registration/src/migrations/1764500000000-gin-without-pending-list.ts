import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The GIN indexes on members (blocking_keys for the duplicate check, name_tokens for search by name)
 * were built with fastupdate on, PostgreSQL's default: new entries go to an unsorted pending list that
 * every search reads in full, and only VACUUM (or the list reaching gin_pending_list_limit, 4 MB) moves
 * them into the index. Registration inserts members all day and reads these indexes on every
 * registration, so each duplicate check scanned megabytes of pending entries: the registration bench's
 * PostgreSQL log (auto_explain) showed 4–50 ms per bitmap index scan over ~160 buffers, 135–390 ms per
 * household. Without the pending list each insert pays its index update at once and searches read the
 * index alone. gin_clean_pending_list moves what an existing list holds.
 */
export class GinWithoutPendingList1764500000000 implements MigrationInterface {
  name = 'GinWithoutPendingList1764500000000';

  async up(q: QueryRunner): Promise<void> {
    for (const index of ['members_blocking_keys', 'members_name_tokens']) {
      await q.query(`ALTER INDEX ${index} SET (fastupdate = off)`);
      await q.query(`SELECT gin_clean_pending_list($1::regclass)`, [index]);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['members_blocking_keys', 'members_name_tokens']) {
      await q.query(`ALTER INDEX ${index} RESET (fastupdate)`);
    }
  }
}
