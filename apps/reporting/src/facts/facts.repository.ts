import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FactUpdate, ReadModel } from '../projection/fact-updates.js';
import type { AreaFact, BoardingFact, ConvoyFact, Fact, FactKind, HouseholdFact, SmsFact, SurveyFact } from '../projection/facts.js';

interface FactRow {
  kind: FactKind;
  body: Fact;
}

/** Every query of the read model's facts table. */
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
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`reporting/${update.kind}/${update.key}`]);
      const rows: { body: Fact }[] = await manager.query(`SELECT body FROM facts WHERE kind = $1 AND key = $2`, [update.kind, update.key]);
      const current = rows[0]?.body ?? null;
      const next = update.apply(current);
      if (current !== null && JSON.stringify(current) === JSON.stringify(next)) continue;
      await manager.query(
        `INSERT INTO facts (kind, key, camp_id, body) VALUES ($1, $2, $3, $4::jsonb)
         ON CONFLICT (kind, key) DO UPDATE SET camp_id = EXCLUDED.camp_id, body = EXCLUDED.body, updated_at = now()`,
        [update.kind, update.key, update.campId, JSON.stringify(next)],
      );
    }
  }

  /** The facts of some camps (areas always), as the report tables read them. */
  async load(camps: string[] | 'all'): Promise<ReadModel> {
    const rows: FactRow[] =
      camps === 'all'
        ? await this.dataSource.query(`SELECT kind, body FROM facts ORDER BY kind, key`)
        : await this.dataSource.query(`SELECT kind, body FROM facts WHERE camp_id IS NULL OR camp_id = ANY($1) ORDER BY kind, key`, [camps]);
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
    await this.dataSource.query(`TRUNCATE facts, processed_events`);
  }

  async count(): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(`SELECT count(*) AS n FROM facts`);
    return Number(rows[0]?.n ?? 0);
  }
}
