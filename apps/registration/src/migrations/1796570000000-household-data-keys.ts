import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Crypto-shredding. household_keys: each household's random data key, wrapped by a field key (key_id
 * names which, for rotation); erasure sets wrapped_key to null and leaves the row as a tombstone.
 * erasures: who erased which household, when and why (never what). households.erased_at marks it.
 * Households registered before this migration have no key yet: their values stay readable with the
 * field key; the first change of such a household gives it a key (what it writes from then on is
 * encrypted with it), and its erasure blanks every column either way.
 */
export class HouseholdDataKeys1796570000000 implements MigrationInterface {
  name = 'HouseholdDataKeys1796570000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE household_keys (
        household_id uuid PRIMARY KEY,
        wrapped_key text,
        key_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        erased_at timestamptz,
        CHECK ((wrapped_key IS NULL) = (key_id IS NULL))
      )`);
    await q.query(`CREATE INDEX household_keys_key_id ON household_keys (key_id) WHERE wrapped_key IS NOT NULL`);
    await q.query(`
      CREATE TABLE erasures (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        camp_id text NOT NULL,
        erased_by text NOT NULL,
        reason text NOT NULL,
        source text NOT NULL CHECK (source IN ('request', 'retention')),
        erased_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX erasures_household ON erasures (household_id)`);
    await q.query(`ALTER TABLE households ADD COLUMN erased_at timestamptz`);
    // A stored idempotent answer can be a household's whole record: its erasure deletes it.
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN household_id uuid`);
    await q.query(`CREATE INDEX idempotency_keys_household ON idempotency_keys (household_id) WHERE household_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN IF EXISTS household_id`);
    await q.query(`ALTER TABLE households DROP COLUMN IF EXISTS erased_at`);
    await q.query(`DROP TABLE erasures`);
    await q.query(`DROP TABLE household_keys`);
  }
}
