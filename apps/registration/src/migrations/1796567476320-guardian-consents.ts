import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent for a household with no adult: a guardian's decision (name, relationship and phone; the
 * phone encrypted like the household's, AAD = household id) or a best-interests decision by a case
 * worker or supervisor (reference and date, with an optional contact phone for the family's messages).
 * The latest row not superseded is the household's. households.travel_contact remembers whom the last
 * contact.changed named, so that only a change of it sends another.
 */
export class GuardianConsents1796567476320 implements MigrationInterface {
  name = 'GuardianConsents1796567476320';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE guardian_consents (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL REFERENCES households (id) ON DELETE CASCADE,
        basis text NOT NULL CHECK (basis IN ('guardian', 'best_interests')),
        decision text NOT NULL CHECK (decision IN ('consent', 'decline', 'withdraw')),
        decided_on date NOT NULL,
        method text,
        guardian_name text,
        guardian_relationship text,
        best_interests_reference text,
        contact_phone_encrypted text,
        recorded_by text NOT NULL,
        recorded_by_role text NOT NULL,
        recorded_at timestamptz NOT NULL,
        superseded boolean NOT NULL DEFAULT false,
        CHECK (basis <> 'guardian' OR (guardian_name IS NOT NULL AND guardian_relationship IS NOT NULL AND contact_phone_encrypted IS NOT NULL)),
        CHECK (basis <> 'best_interests' OR best_interests_reference IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX guardian_consents_household ON guardian_consents (household_id, recorded_at)`);
    // Whom the last contact.changed told notifications to reach: 'household' (its own phone), or for a
    // child-headed household 'guardian', 'case_worker' or 'none'. A change that alters it sends a new one.
    await q.query(`ALTER TABLE households ADD COLUMN travel_contact text NOT NULL DEFAULT 'household'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE households DROP COLUMN IF EXISTS travel_contact`);
    await q.query(`DROP TABLE IF EXISTS guardian_consents`);
  }
}
