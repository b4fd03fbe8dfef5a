import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z, type SqlRunner } from '@awda/persistence';
import type { FactUpdate, ReadModel } from '../projection/fact-updates.js';
import { FACT_KINDS, type AreaFact, type BoardingFact, type ConvoyFact, type Fact, type HouseholdFact, type SmsFact, type SurveyFact } from '../projection/facts.js';

/** jsonb written by `apply` from the projection's facts; its shape is the projection's (facts.ts). */
const factBody = z.custom<Fact>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), 'expected a fact object');
const factRow = z.object({ kind: z.enum(FACT_KINDS), body: factBody });

/** Every query of the read model's facts table, and the rebuild's lock. */
@Injectable()
export class FactsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies an event's updates inside the inbox transaction; each fact is locked while it is merged. */
  async apply(manager: EntityManager, updates: FactUpdate[]): Promise<void> {
    // In key order, so two events touching the same facts cannot deadlock.
    const ordered = [...updates].sort((a, b) => (`${a.kind}/${a.key}` < `${b.kind}/${b.key}` ? -1 : 1));
    for (const update of ordered) {
      // A transaction-scoped lock on the fact, taken even when its row does not exist yet: two
      // replicas merging into the same new fact otherwise both start from nothing.
      await execute(manager, `SELECT pg_advisory_xact_lock(hashtext($1))`, [`reporting/${update.kind}/${update.key}`]);
      const row = await queryRow(manager, 'FactsRepository.apply', z.object({ body: factBody }), `SELECT body FROM facts WHERE kind = $1 AND key = $2`, [
        update.kind,
        update.key,
      ]);
      const current = row?.body ?? null;
      const next = update.apply(current);
      if (current !== null && JSON.stringify(current) === JSON.stringify(next)) continue;
      await execute(
        manager,
        `INSERT INTO facts (kind, key, camp_id, body) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (kind, key) DO UPDATE SET camp_id = EXCLUDED.camp_id, body = EXCLUDED.body, updated_at = now()`,
        [update.kind, update.key, update.campId, JSON.stringify(next)],
      );
    }
  }

  /** The facts of some camps (areas always), as the report tables read them. */
  async load(camps: string[] | 'all'): Promise<ReadModel> {
    const rows =
      camps === 'all'
        ? await queryRows(this.dataSource, 'FactsRepository.load', factRow, `SELECT kind, body FROM facts ORDER BY kind, key`)
        : await queryRows(this.dataSource, 'FactsRepository.load', factRow, `SELECT kind, body FROM facts WHERE camp_id IS NULL OR camp_id = ANY($1) ORDER BY kind, key`, [
            camps,
          ]);
    const model: ReadModel = { households: [], convoys: [], boardings: [], sms: [], areas: [], surveys: [] };
    for (const row of rows) {
      if (row.kind === 'household') model.households.push(row.body as HouseholdFact);
      else if (row.kind === 'convoy') model.convoys.push(row.body as ConvoyFact);
      else if (row.kind === 'boarding') model.boardings.push(row.body as BoardingFact);
      else if (row.kind === 'sms') model.sms.push(row.body as SmsFact);
      else if (row.kind === 'survey') model.surveys.push(row.body as SurveyFact);
      else model.areas.push(row.body as AreaFact);
    }
    return model;
  }

  /** Empties the read model and the inbox in one statement, so a replay applies every event again. */
  async truncate(): Promise<void> {
    await execute(this.dataSource, `TRUNCATE facts, processed_events`);
  }

  async count(): Promise<number> {
    const row = await queryRow(this.dataSource, 'FactsRepository.count', z.object({ n: pg.bigint() }), `SELECT count(*) AS n FROM facts`);
    return row?.n ?? 0;
  }

  /** A session lock on the runner's connection (one rebuild at a time across replicas); false when another holds it. */
  async tryRebuildLock(runner: SqlRunner, lock: string): Promise<boolean> {
    const row = await queryRow(runner, 'FactsRepository.tryRebuildLock', z.object({ ok: pg.bool() }), `SELECT pg_try_advisory_lock(hashtext($1)) AS ok`, [lock]);
    return row?.ok ?? false;
  }

  async rebuildUnlock(runner: SqlRunner, lock: string): Promise<void> {
    await execute(runner, `SELECT pg_advisory_unlock(hashtext($1))`, [lock]);
  }
}
