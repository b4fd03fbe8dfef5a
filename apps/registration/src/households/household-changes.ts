import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { HOUSEHOLD_REGISTERED_V1, HOUSEHOLD_UPDATED_V1, type EventMap, type EventSubject } from '@awda/contracts';
import { Outbox } from '@awda/messaging';
import { householdSnapshot } from './household-snapshot.js';
import { HouseholdStore } from './household.store.js';
import type { HouseholdRecord } from './household.types.js';

export type SpecificEvent = { [S in EventSubject]: { subject: S; data: EventMap[S] } }[EventSubject];

export interface HouseholdChange {
  /** Timeline kind, e.g. registered, updated, consent, withdrawn, scheduled. */
  kind: string;
  /** What changed, as sent in household.updated: members, consent, destination, status, duplicates... */
  changes: string[];
  actor: string;
  /** Shown on the timeline; never names, phones or document numbers. */
  detail?: Record<string, unknown>;
  /** Events sent before the snapshot, e.g. consent.recorded. */
  events?: SpecificEvent[];
  /** First snapshot: household.registered instead of household.updated. */
  registered?: boolean;
}

/**
 * After every change of a household: bump nothing itself (the caller has saved the new version),
 * then send the specific events and the full snapshot through the outbox and add a timeline row,
 * all in the caller's transaction.
 */
@Injectable()
export class HouseholdChanges {
  constructor(
    private readonly store: HouseholdStore,
    private readonly outbox: Outbox,
  ) {}

  /** Raises the version by one and saves the given columns; returns the saved record. */
  async save(
    manager: EntityManager,
    household: HouseholdRecord,
    columns: Record<string, unknown> = {},
  ): Promise<HouseholdRecord> {
    const names = Object.keys(columns);
    const sets = names.map((name, i) => `${name} = $${i + 2}`);
    const rows: { version: number; updated_at: Date }[][] | { version: number; updated_at: Date }[] = await manager.query(
      `UPDATE households SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')}
       WHERE id = $1 RETURNING version, updated_at`,
      [household.id, ...names.map((n) => columns[n])],
    );
    const saved = (Array.isArray(rows[0]) ? rows[0][0] : rows[0]) as { version: number; updated_at: Date } | undefined;
    if (saved === undefined) throw new Error(`household ${household.id} vanished during an update`);
    const fresh = await this.store.find(manager, household.id);
    if (fresh === undefined) throw new Error(`household ${household.id} vanished during an update`);
    return fresh;
  }

  async publish(manager: EntityManager, household: HouseholdRecord, change: HouseholdChange): Promise<void> {
    const aggregate = await this.store.aggregate(manager, household);
    const snapshot = householdSnapshot(aggregate);
    const events: SpecificEvent[] = [...(change.events ?? [])];
    events.push(
      change.registered
        ? { subject: HOUSEHOLD_REGISTERED_V1, data: { household: snapshot } }
        : { subject: HOUSEHOLD_UPDATED_V1, data: { household: snapshot, changes: change.changes } },
    );
    await this.outbox.enqueueMany(manager, events as { subject: EventSubject; data: EventMap[EventSubject] }[]);
    await this.timeline(manager, household.id, change.kind, household.version, change.actor, change.changes, change.detail ?? {});
  }

  async timeline(
    manager: EntityManager,
    householdId: string,
    kind: string,
    version: number | null,
    actor: string | null,
    changes: string[],
    detail: Record<string, unknown>,
    occurredAt: Date = new Date(),
  ): Promise<void> {
    await manager.query(
      `INSERT INTO household_timeline (id, household_id, occurred_at, kind, version, actor, changes, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
      [uuidv7(), householdId, occurredAt, kind, version, actor, changes, JSON.stringify(detail)],
    );
  }
}
