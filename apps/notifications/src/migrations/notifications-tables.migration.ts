import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Recipients, templates, messages with their history, the provider rate ledger, receipts and inbound SMS. */
export class NotificationsTables1764400000000 implements MigrationInterface {
  name = 'NotificationsTables1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Projection of registration, eligibility and transport facts a message needs; phone encrypted.
    await queryRunner.query(`
      CREATE TABLE recipients (
        household_id uuid PRIMARY KEY,
        camp_id text NOT NULL,
        case_number text,
        language text NOT NULL DEFAULT 'ar',
        destination_area text,
        phone_encrypted text,
        phone_hash text,
        contact_version integer NOT NULL DEFAULT 0,
        household_version integer NOT NULL DEFAULT 0,
        assessment_version integer NOT NULL DEFAULT 0,
        assessment_status text,
        assessment_signature text,
        schedule_version integer NOT NULL DEFAULT 0,
        convoy_id uuid,
        withdrawn boolean NOT NULL DEFAULT false,
        opted_out boolean NOT NULL DEFAULT false,
        opted_out_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX recipients_phone_hash ON recipients (phone_hash) WHERE phone_hash IS NOT NULL`);
    await queryRunner.query(`
      CREATE TABLE convoys (
        convoy_id uuid PRIMARY KEY,
        departure_date text NOT NULL,
        departure_time text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE template_overrides (
        template text NOT NULL,
        language text NOT NULL,
        body text NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (template, language)
      )`);
    await queryRunner.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY,
        household_id uuid NOT NULL,
        camp_id text NOT NULL,
        template text NOT NULL,
        cause_event_id uuid NOT NULL,
        cause_subject text NOT NULL,
        convoy_id uuid,
        params jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL,
        due_at timestamptz NOT NULL,
        expires_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        attempt_id uuid,
        sending_at timestamptz,
        language text,
        body text,
        encoding text,
        segments integer,
        provider text,
        provider_message_id text,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        delivered_at timestamptz,
        CONSTRAINT messages_once UNIQUE (household_id, cause_event_id, template)
      )`);
    await queryRunner.query(`CREATE INDEX messages_due ON messages (due_at) WHERE status = 'queued'`);
    await queryRunner.query(`CREATE INDEX messages_sending ON messages (sending_at) WHERE status = 'sending'`);
    await queryRunner.query(`CREATE INDEX messages_household ON messages (household_id, created_at)`);
    await queryRunner.query(`CREATE INDEX messages_created ON messages (created_at)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX messages_provider_ref ON messages (provider, provider_message_id) WHERE provider_message_id IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE message_status_history (
        id bigserial PRIMARY KEY,
        message_id uuid NOT NULL REFERENCES messages (id),
        status text NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        detail text
      )`);
    await queryRunner.query(`CREATE INDEX message_status_history_message ON message_status_history (message_id, id)`);
    // One row per provider, locked while a dispatcher reserves capacity in the ledger.
    await queryRunner.query(`CREATE TABLE sms_rate_limits (provider text PRIMARY KEY)`);
    await queryRunner.query(`
      CREATE TABLE sms_rate_ledger (
        id bigserial PRIMARY KEY,
        provider text NOT NULL,
        at timestamptz NOT NULL,
        segments integer NOT NULL,
        message_id uuid NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX sms_rate_ledger_window ON sms_rate_ledger (provider, at)`);
    // Receipts that arrived before the provider's message id was stored wait here.
    await queryRunner.query(`
      CREATE TABLE sms_receipts (
        id bigserial PRIMARY KEY,
        provider text NOT NULL,
        provider_message_id text NOT NULL,
        status text NOT NULL,
        detail text,
        received_at timestamptz NOT NULL DEFAULT now(),
        applied_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX sms_receipts_waiting ON sms_receipts (provider, provider_message_id) WHERE applied_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE inbound_sms (
        id uuid PRIMARY KEY,
        provider text NOT NULL,
        provider_message_id text NOT NULL,
        phone_hash text NOT NULL,
        keyword text,
        households integer NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inbound_sms_once UNIQUE (provider, provider_message_id)
      )`);
    // What the development provider "sent": readable by a person, keyed by message id.
    await queryRunner.query(`
      CREATE TABLE dev_sms_outbox (
        message_id uuid PRIMARY KEY,
        to_masked text NOT NULL,
        body text NOT NULL,
        encoding text NOT NULL,
        segments integer NOT NULL,
        written_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'dev_sms_outbox',
      'inbound_sms',
      'sms_receipts',
      'sms_rate_ledger',
      'sms_rate_limits',
      'message_status_history',
      'messages',
      'template_overrides',
      'convoys',
      'recipients',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
