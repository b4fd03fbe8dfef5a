import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AreaState, AreaStatus } from '@awda/eligibility-rules';

/**
 * Areas nobody has set are open: Awda starts with every area open and an admin closes or restricts
 * them. Registration validates area codes; eligibility cannot tell a real code from a typo.
 */
export const DEFAULT_AREA_STATUS: AreaStatus = 'open';

@Injectable()
export class AreaRepository {
  /** The state of each code, the default for codes never set. */
  async states(manager: EntityManager, codes: readonly string[]): Promise<Map<string, AreaState>> {
    const unique = [...new Set(codes)];
    const rows: { code: string; status: AreaStatus; reason: string | null }[] = unique.length
      ? await manager.query('SELECT code, status, reason FROM areas WHERE code = ANY($1::text[])', [unique])
      : [];
    const states = new Map<string, AreaState>(unique.map((code) => [code, { code, status: DEFAULT_AREA_STATUS, reason: null }]));
    for (const row of rows) states.set(row.code, { code: row.code, status: row.status, reason: row.reason });
    return states;
  }
}
