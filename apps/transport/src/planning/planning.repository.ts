import { Injectable } from '@nestjs/common';
// Planning's SQL: stored plan proposals, the pool of families to plan, and the recheck of the
// vehicles a proposal counted on. Rows checked at this edge.
import type { EntityManager } from 'typeorm';
import { execute, pg, queryRow, queryRows, z } from '@awda/persistence';
import type { ConvoyPlan } from '@awda/convoy-planner';
import type { ProposePlanDto } from './dto/plan.dto.js';
import type { PlanProposal } from './planning.service.js';

const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;

/** jsonb written by insertProposal from the request, the planned households and vehicles, and the plan. */
const proposalRow = z.object({
  id: pg.uuid(),
  status: z.enum(['proposed', 'committed']),
  request: z.custom<ProposePlanDto>(isObject, 'expected the plan request object'),
  households: z.object({
    households: z.array(z.custom<PlanProposal['households'][number]>(isObject, 'expected a planned household object')),
    vehicles: z.array(z.custom<PlanProposal['vehicles'][number]>(isObject, 'expected a planned vehicle object')),
  }),
  plan: z.custom<ConvoyPlan>(isObject, 'expected a convoy plan object'),
});

/** Plan proposals and the pool they are drawn from. */
@Injectable()
export class PlanningRepository {
  async insertProposal(manager: EntityManager, proposal: PlanProposal, by: string): Promise<void> {
    await execute(
      manager,
      `INSERT INTO plan_proposals (id, camp_id, request, households, plan, status, created_by)
       VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, 'proposed', $6)`,
      [
        proposal.planId,
        proposal.request.campId,
        JSON.stringify(proposal.request),
        JSON.stringify({ households: proposal.households, vehicles: proposal.vehicles }),
        JSON.stringify(proposal.plan),
        by,
      ],
    );
  }

  async findProposal(manager: EntityManager, planId: string, lock: '' | 'FOR UPDATE'): Promise<PlanProposal | undefined> {
    const row = await queryRow(manager, 'PlanningRepository.findProposal', proposalRow, `SELECT id, status, request, households, plan FROM plan_proposals WHERE id = $1 ${lock}`, [
      planId,
    ]);
    if (!row) return undefined;
    return { planId: row.id, status: row.status, request: row.request, households: row.households.households, vehicles: row.households.vehicles, plan: row.plan };
  }

  /** The proposal as committed, with the officer's edits applied. */
  async markProposalCommitted(manager: EntityManager, planId: string, plan: ConvoyPlan): Promise<void> {
    await execute(manager, `UPDATE plan_proposals SET status = 'committed', committed_at = now(), plan = $2::jsonb WHERE id = $1`, [planId, JSON.stringify(plan)]);
  }

  /**
   * Eligible families of the camp without a live seat; with a date, not those that gave that date up
   * by SMS reply (they stay in the pool for other dates).
   */
  async poolHouseholdIds(manager: EntityManager, campId: string, departureDate?: string): Promise<string[]> {
    const rows = await queryRows(
      manager,
      'PlanningRepository.poolHouseholdIds',
      z.object({ householdId: pg.uuid() }),
      `SELECT h.household_id AS "householdId" FROM households h
        WHERE h.camp_id = $1 AND h.eligibility = 'eligible'
          AND NOT EXISTS (SELECT 1 FROM assignments a WHERE a.household_id = h.household_id AND a.status <> 'released')
          AND ($2::date IS NULL OR NOT EXISTS (SELECT 1 FROM declined_dates d WHERE d.household_id = h.household_id AND d.departure_date = $2::date))`,
      [campId, departureDate ?? null],
    );
    return rows.map((row) => row.householdId);
  }

  /** Which of these vehicles are still available on the date, locked FOR SHARE for the commit. */
  async availableVehicleIds(manager: EntityManager, vehicleIds: readonly string[], date: string): Promise<Set<string>> {
    const rows = await queryRows(
      manager,
      'PlanningRepository.availableVehicleIds',
      z.object({ id: pg.uuid() }),
      `SELECT v.id FROM vehicles v
        WHERE v.id = ANY($1::uuid[])
          AND EXISTS (SELECT 1 FROM vehicle_availability a WHERE a.vehicle_id = v.id AND a.available_on = $2::date)
        ORDER BY v.id FOR SHARE OF v`,
      [[...vehicleIds], date],
    );
    return new Set(rows.map((row) => row.id));
  }
}
