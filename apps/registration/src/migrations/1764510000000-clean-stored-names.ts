import type { MigrationInterface, QueryRunner } from 'typeorm';
import { cleanName } from '../households/name-text.js';

const BATCH = 2000;
// Rows worth a look: a name with a format character (Cf, as cleanName removes them), a control or an unusual space.
const SUSPECT = `[\\u00AD\\u0600-\\u0605\\u061C\\u06DD\\u070F\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2064\\u2066-\\u206F\\uFEFF\\uFFF9-\\uFFFB[:cntrl:]\\u00A0\\u2028\\u2029]`;

/**
 * Names stored before registration cleaned them on input (see name-text.ts): the same cleaning for
 * every member whose name holds an invisible format character, so that what GET /households and the
 * manifest show is what was meant. Search tokens and blocking keys do not change (matching already
 * ignored these characters).
 */
export class CleanStoredNames1764510000000 implements MigrationInterface {
  name = 'CleanStoredNames1764510000000';

  async up(q: QueryRunner): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; full_name_ar: string; full_name_latin: string | null }[] = await q.query(
        `SELECT id, full_name_ar, full_name_latin FROM members
         WHERE id > $1 AND (full_name_ar ~ '${SUSPECT}' OR full_name_latin ~ '${SUSPECT}')
         ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      await q.query(
        `UPDATE members m SET full_name_ar = u.ar, full_name_latin = nullif(u.latin, '')
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, ar, latin) WHERE m.id = u.id`,
        [
          rows.map((r) => r.id),
          // A name that was nothing but invisible characters keeps its stored form rather than become empty.
          rows.map((r) => cleanName(r.full_name_ar) || r.full_name_ar),
          rows.map((r) => (r.full_name_latin === null ? null : cleanName(r.full_name_latin))),
        ],
      );
      after = rows[rows.length - 1]?.id ?? after;
      if (rows.length < BATCH) break;
    }
  }

  async down(): Promise<void> {
    // The removed characters were invisible and meant nothing: nothing to restore.
  }
}
