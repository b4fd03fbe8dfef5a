import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { auditText } from '@awda/bootstrap';
import { execute } from '@awda/persistence';

export type AuditOutcome = 'read' | 'denied' | 'rpc_read' | 'rpc_refused' | 'erased' | 'exported';

/** Who read which household's personal data, when and through which endpoint. Never the data itself. */
@Injectable()
export class AuditLogRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(
    actor: string,
    householdIds: (string | null)[],
    endpoint: string,
    outcome: AuditOutcome,
    manager?: EntityManager,
  ): Promise<void> {
    if (householdIds.length === 0) return;
    const params: unknown[] = [];
    const rows = householdIds.map((householdId) => {
      const n = params.length;
      // Actor and endpoint are made storable and bounded: the audit must not fail on what a caller sent.
      params.push(uuidv7(), auditText(actor), householdId, auditText(endpoint, 200), outcome);
      return `($${n + 1}, $${n + 2}, $${n + 3}, $${n + 4}, $${n + 5})`;
    });
    await execute(manager ?? this.dataSource, `INSERT INTO audit_log (id, actor, household_id, endpoint, outcome) VALUES ${rows.join(', ')}`, params);
  }
}
