import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Two-way SMS. A conversation is a question we wait for a household to answer (seat confirmation,
 * arrival check), open until answered, expired or closed; at most one open per household. Each
 * inbound SMS that reached a household is kept (text encrypted) for a case worker to read.
 */
export class Conversations1796600000000 implements MigrationInterface {
  name = 'Conversations1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE conversations (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        camp_id text NOT NULL,
        purpose text NOT NULL CHECK (purpose IN ('seat_confirmation', 'arrival_check', 'follow_up_survey')),
        convoy_id uuid,
        cause_event_id uuid NOT NULL,
        state text NOT NULL CHECK (state IN ('open', 'answered', 'expired', 'closed')),
        outcome text,
        answer smallint,
        departure_at timestamptz,
        expires_at timestamptz NOT NULL,
        help_sent boolean NOT NULL DEFAULT false,
        flagged boolean NOT NULL DEFAULT false,
        flag_reason text,
        flagged_at timestamptz,
        flag_cleared_by text,
        flag_cleared_at timestamptz,
        opened_at timestamptz NOT NULL,
        ended_at timestamptz,
        CONSTRAINT conversations_once UNIQUE (household_id, purpose, cause_event_id)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX conversations_one_open ON conversations (household_id) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX conversations_expiry ON conversations (expires_at) WHERE state = 'open'`);
    await queryRunner.query(`CREATE INDEX conversations_flagged ON conversations (camp_id, flagged_at) WHERE flagged AND flag_cleared_at IS NULL`);
    await queryRunner.query(`CREATE INDEX conversations_household ON conversations (household_id, opened_at)`);
    await queryRunner.query(`
      CREATE TABLE conversation_replies (
        id uuid PRIMARY KEY,
        inbound_sms_id uuid NOT NULL REFERENCES inbound_sms (id),
        household_id uuid NOT NULL,
        camp_id text NOT NULL,
        conversation_id uuid REFERENCES conversations (id),
        outcome text NOT NULL CHECK (outcome IN ('answer', 'unrecognised', 'late', 'no_conversation')),
        answer smallint,
        text_encrypted text NOT NULL,
        received_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX conversation_replies_household ON conversation_replies (household_id, received_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE conversation_replies`);
    await queryRunner.query(`DROP TABLE conversations`);
  }
}
