import type { MigrationInterface, QueryRunner } from 'typeorm';
import { memberBlockingKeys, nameSearchTokens } from '../households/member-keys.js';

const BATCH = 2000;

interface MemberNames {
  id: string;
  full_name_ar: string;
  full_name_latin: string | null;
  sex: 'female' | 'male';
  date_of_birth: string | null;
}

/** A text[] literal PostgreSQL reads back as the same strings. */
function textArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

/**
 * Recomputes every member's stored name keys (blocking_keys for the duplicate check, name_tokens for
 * search) with the current @awda/names: its word skeletons changed (a lone Latin c is j as in
 * Kurmanji, نور الهدى and سيف الإسلام are one name), and a key computed the old way would miss the new
 * one. Only rows whose keys change are written. Safe to run again.
 */
export class RecomputeNameKeys1764530000000 implements MigrationInterface {
  name = 'RecomputeNameKeys1764530000000';

  async up(q: QueryRunner): Promise<void> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: MemberNames[] = await q.query(
        `SELECT id, full_name_ar, full_name_latin, sex, to_char(date_of_birth, 'YYYY-MM-DD') AS date_of_birth
         FROM members WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [after],
      );
      if (rows.length === 0) break;
      await q.query(
        `UPDATE members m SET blocking_keys = u.keys::text[], name_tokens = u.tokens::text[]
         FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, keys, tokens)
         WHERE m.id = u.id AND (m.blocking_keys IS DISTINCT FROM u.keys::text[] OR m.name_tokens IS DISTINCT FROM u.tokens::text[])`,
        [
          rows.map((r) => r.id),
          rows.map((r) => textArray(memberBlockingKeys({ fullNameAr: r.full_name_ar, fullNameLatin: r.full_name_latin, sex: r.sex, dateOfBirth: r.date_of_birth }))),
          rows.map((r) => textArray(nameSearchTokens(r.full_name_ar, r.full_name_latin))),
        ],
      );
      after = rows[rows.length - 1]?.id ?? after;
      if (rows.length < BATCH) break;
    }
  }

  async down(): Promise<void> {
    // The keys of the previous library cannot be recomputed here; the columns stay as they are.
  }
}
