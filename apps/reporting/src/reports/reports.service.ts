import { Injectable } from '@nestjs/common';
import { DomainError } from '@awda/bootstrap';
import { campScope, canAccessCamp, type AuthUser } from '@awda/auth';
import { FactsRepository } from '../facts/facts.repository.js';
import { SUPPRESSION_THRESHOLD } from '../projection/suppression.js';
import { reportTables, type ReportTable, type ReportTableName } from '../projection/tables.js';

export const ReportingErrors = {
  campNotAllowed: (campId: string) => new DomainError('REPORTING.CAMP_NOT_ALLOWED', `Your account does not give you access to camp ${campId}.`, 403),
};

/** The report tables of the camps a user may read. */
@Injectable()
export class ReportsService {
  constructor(private readonly facts: FactsRepository) {}

  async report(user: AuthUser, campId?: string): Promise<{ suppressionThreshold: number; tables: ReportTable[] }> {
    if (campId !== undefined && !canAccessCamp(user, campId)) throw ReportingErrors.campNotAllowed(campId);
    const model = await this.facts.load(campId !== undefined ? [campId] : campScope(user));
    return { suppressionThreshold: SUPPRESSION_THRESHOLD, tables: reportTables(model) };
  }

  async table(user: AuthUser, name: ReportTableName, campId?: string): Promise<ReportTable> {
    const { tables } = await this.report(user, campId);
    const table = tables.find((t) => t.name === name);
    if (!table) throw new Error(`report table ${name} missing`);
    return table;
  }
}
