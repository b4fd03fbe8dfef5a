import type { MigrationInterface, QueryRunner } from 'typeorm';
import { blockingKeys } from '@awda/names';

const BATCH = 2000;

/**
 * Blocking keys for the duplicate check: the search keys narrowed by sex and a five-year band of birth
 * years (see blockingKeys), so that the GIN posting list of a common pair of names holds the namesakes
 * who can be candidates rather than 4% of the members. Filled in JS for the members already registered.
 */
export class BlockingKeys1764480000000 implements MigrationInterface {
  name = 'BlockingKeys1764480000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE members ADD COLUMN blocking_keys text[] NOT NULL DEFAULT '{}'`);
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; full_name_ar: string; full_name_latin: string | null; sex: 'female' | 'male'; date_of_birth: string | null }[] =
        await q.query(
          `SELECT id, full_name_ar, full_name_latin, sex, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth
           FROM members WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
          [after],
        );
      if (rows.length === 0) break;
      const keys = rows.map((r) =>
        `{${blockingKeys({
          fullNameAr: r.full_name_ar,
          fullNameLatin: r.full_name_latin ?? undefined,
          sex: r.sex,
          dateOfBirth: r.date_of_birth ?? undefined,
        })
          .map((k) => `"${k.replace(/["\\]/g, '\\$&')}"`)
          .join(',')}}`,
      );
      await q.query(
        `UPDATE members m SET blocking_keys = u.keys::text[]
         FROM unnest($1::uuid[], $2::text[]) AS u(id, keys) WHERE m.id = u.id`,
        [rows.map((r) => r.id), keys],
      );
      after = rows[rows.length - 1]?.id ?? after;
      if (rows.length < BATCH) break;
    }
    await q.query(`CREATE INDEX members_blocking_keys ON members USING gin (blocking_keys)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS members_blocking_keys`);
    await q.query(`ALTER TABLE members DROP COLUMN IF EXISTS blocking_keys`);
  }
}
