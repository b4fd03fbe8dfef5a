import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { auditText } from '@awda/bootstrap';
import { execute } from '@awda/persistence';

export type AuditOutcome = 'read' | 'denied';

/** Who read which household's seat, when and through which endpoint (as registration audits its reads). Never the data. */
@Injectable()
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(actor: string, householdId: string, endpoint: string, outcome: AuditOutcome): Promise<void> {
    await execute(this.dataSource, `INSERT INTO audit_log (id, actor, household_id, endpoint, outcome) VALUES ($1, $2, $3, $4, $5)`, [
      uuidv7(),
      auditText(actor),
      householdId,
      auditText(endpoint, 200),
      outcome,
    ]);
  }
}
