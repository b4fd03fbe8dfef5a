// FFD first; where a corridor uses more buses than its lower bound, a packing search (L2 bound, reduction,
// MBS', bin completion, tabu search; one bus size only) looks for fewer, and where that does not reach the
// L2 bound an arc-flow MIP (HiGHS, in a worker, under a time cap) looks for fewer still. The FFD plan stays
// whenever neither improves on it.
import { buildArcFlowModel, decodeArcFlow, type PackedBin } from './arc-flow-model.js';
import { packBins } from './bin-packing.js';
import { busesUsed, createPlanState, insertBusLoad, insertHousehold, openConvoys, type PlanState } from './convoy-builder.js';
import { byPriorityThenId, intakeHouseholds, type PlannableHousehold } from './household-intake.js';
import { solveWithHighs, type SolverReport } from './highs-solver.js';
import { corridorLowerBound } from './lower-bound.js';
import { assemblePlan, type CorridorExactOutcome } from './plan-assembly.js';
import { byDecreasingNeeds, expectedConvoys, selectAndPack } from './plan-selection.js';
import { compareText, resolvePlannerContext, type PlannerContext } from './planner-context.js';
import type { ConvoyPlanInput } from './planner-input.js';
import type { ConvoyPlan } from './planner-output.js';

type BusLoads = readonly (readonly PlannableHousehold[])[];

interface SearchResult {
  readonly loads: BusLoads;
  /** L2 raised by the reduction. */
  readonly bound: number;
}

interface CorridorJob {
  readonly corridorId: string;
  readonly households: readonly PlannableHousehold[];
  readonly ffdBuses: number;
  /** The packing search's loads when it used fewer buses than FFD. */
  readonly search?: SearchResult;
  readonly packingBound?: number;
  /** Absent when the search reached its bound: the solver has nothing left to find. */
  readonly model?: ReturnType<typeof buildArcFlowModel>;
}

function householdsByCorridor(placed: readonly PlannableHousehold[]): Map<string, PlannableHousehold[]> {
  const groups = new Map<string, PlannableHousehold[]>();
  for (const household of [...placed].sort(byDecreasingNeeds)) {
    const group = groups.get(household.corridorId) ?? [];
    group.push(household);
    groups.set(household.corridorId, group);
  }
  return groups;
}

/** The solver's bins filled with households: same-size households are interchangeable, taken by priority. */
function fillBins(bins: readonly PackedBin[], households: readonly PlannableHousehold[]): BusLoads | undefined {
  const bySize = new Map<number, PlannableHousehold[]>();
  for (const household of [...households].sort(byPriorityThenId)) {
    const sameSize = bySize.get(household.seatUnits);
    if (sameSize === undefined) bySize.set(household.seatUnits, [household]);
    else sameSize.push(household);
  }
  const taken = new Map<number, number>();
  const loads: PlannableHousehold[][] = [];
  for (const bin of bins) {
    const load: PlannableHousehold[] = [];
    for (const size of bin.itemSizes) {
      const next = taken.get(size) ?? 0;
      const household = bySize.get(size)?.[next];
      if (household === undefined) continue; // the model covers demand with ≥, so a slot may stay empty
      taken.set(size, next + 1);
      load.push(household);
    }
    if (load.length > 0) loads.push(load);
  }
  const everyoneSeated = [...bySize].every(([size, group]) => (taken.get(size) ?? 0) === group.length);
  return everyoneSeated ? loads : undefined;
}

function seatUnitsOf(load: readonly PlannableHousehold[]): number {
  return load.reduce((sum, household) => sum + household.seatUnits, 0);
}

/** Packs all chosen households again, taking the given corridors' bus loads as they are. */
function rebuild(
  context: PlannerContext,
  groups: ReadonlyMap<string, readonly PlannableHousehold[]>,
  exactLoads: ReadonlyMap<string, BusLoads>,
): PlanState | undefined {
  const state = createPlanState(context);
  const knownBuses = new Map([...exactLoads].map(([corridorId, loads]) => [corridorId, loads.length]));
  for (const [corridorId, count] of expectedConvoys(context, [...groups.values()].flat(), knownBuses)) {
    openConvoys(state, corridorId, count);
  }
  for (const [corridorId, households] of [...groups].sort(([a], [b]) => compareText(a, b))) {
    const loads = exactLoads.get(corridorId);
    if (loads === undefined) {
      if (!households.every((household) => insertHousehold(state, household).placed)) return undefined;
      continue;
    }
    const ordered = [...loads].sort((a, b) => seatUnitsOf(b) - seatUnitsOf(a) || compareText(a[0]?.id ?? '', b[0]?.id ?? ''));
    if (!ordered.every((load) => insertBusLoad(state, corridorId, load).placed)) return undefined;
    const withoutSeats = households.filter((household) => household.seatUnits === 0);
    if (!withoutSeats.every((household) => insertHousehold(state, household).placed)) return undefined;
  }
  return state;
}

/** The packing search on one corridor's seat units when all its buses have one capacity. */
function searchPacking(households: readonly PlannableHousehold[], capacities: readonly number[]): { loads: BusLoads; bound: number } | undefined {
  const capacity = capacities[0];
  if (capacity === undefined || capacities.some((other) => other !== capacity)) return undefined;
  const result = packBins(
    households.map((household) => household.seatUnits),
    capacity,
  );
  const loads = result.bins.map((bin) => bin.flatMap((index) => (households[index] === undefined ? [] : [households[index]])));
  return { loads, bound: result.lowerBound };
}

function jobFor(state: PlanState, corridorId: string, households: readonly PlannableHousehold[]): CorridorJob | CorridorExactOutcome {
  const seated = households.filter((household) => household.seatUnits > 0);
  const ffdBuses = busesUsed(state, corridorId);
  if (ffdBuses <= corridorLowerBound(seatUnitsOf(seated), state.context)) return { status: 'bound_reached', used: false };
  if (seated.some((household) => household.seatUnits > state.busLimits.largestInFleet)) {
    return { status: 'skipped_split_households', used: false };
  }
  // The solver may only leave out buses the corridor already has, so corridors never compete for the fleet.
  const capacities = (state.convoysByCorridor.get(corridorId) ?? []).flatMap((convoy) => convoy.buses.map((bus) => bus.vehicle.capacity));
  const searched = state.context.searchEnabled ? searchPacking(seated, capacities) : undefined;
  const packingBound = searched?.bound;
  if (packingBound !== undefined && ffdBuses <= packingBound) return { status: 'bound_reached', used: false, packingBound };
  const search = searched !== undefined && searched.loads.length < ffdBuses ? searched : undefined;
  const common = { corridorId, households: seated, ffdBuses, ...(search === undefined ? {} : { search }), ...(packingBound === undefined ? {} : { packingBound }) };
  if (search !== undefined && search.loads.length <= search.bound) return common;
  const binTypes = [...new Set(capacities)].map((capacity) => ({
    capacity,
    available: capacities.filter((other) => other === capacity).length,
  }));
  const model = buildArcFlowModel({ itemSizes: seated.map((household) => household.seatUnits), binTypes });
  return { ...common, model };
}

/** The best packing in hand before the solver: the search's, else FFD's bus count. */
function incumbentOf(job: CorridorJob): number {
  return job.search?.loads.length ?? job.ffdBuses;
}

interface Candidate {
  readonly outcome: CorridorExactOutcome;
  readonly loads?: BusLoads;
}

/** The solver's outcome, then the search's loads as a second choice; the first is tried first. */
function candidatesOf(job: CorridorJob, report: SolverReport | undefined): Candidate[] {
  const bounds = job.packingBound === undefined ? {} : { packingBound: job.packingBound };
  const fromSearch = (status: CorridorExactOutcome['status'], lpBound?: number): Candidate[] =>
    job.search === undefined
      ? []
      : [{ outcome: { status, used: true, source: 'heuristic', ...bounds, ...(lpBound === undefined ? {} : { lpBound }) }, loads: job.search.loads }];
  if (report === undefined) return [...fromSearch('heuristic_at_bound'), { outcome: { status: 'heuristic_at_bound', used: false, ...bounds } }];
  const lpBound = report.lpStatus === 'Optimal' && report.lpObjective !== undefined ? Math.ceil(report.lpObjective - 1e-6) : undefined;
  const withBound = { ...bounds, ...(lpBound === undefined ? {} : { lpBound }) };
  if (report.error !== undefined) return [...fromSearch('solver_error', lpBound), { outcome: { status: 'solver_error', used: false, ...withBound } }];
  const incumbent = incumbentOf(job);
  if (lpBound !== undefined && lpBound >= incumbent) {
    return [...fromSearch('lp_bound_reached', lpBound), { outcome: { status: 'lp_bound_reached', used: false, ...withBound } }];
  }
  const status = report.mipStatus === 'Optimal' ? 'optimal' : 'time_limit';
  const bins = report.values === undefined || job.model === undefined ? undefined : decodeArcFlow(job.model, report.values);
  const loads = bins === undefined ? undefined : fillBins(bins, job.households);
  const solver: Candidate[] = loads === undefined || loads.length >= incumbent ? [] : [{ outcome: { status, used: true, ...withBound }, loads }];
  return [...solver, ...fromSearch(status, lpBound), { outcome: { status, used: false, ...withBound } }];
}

/**
 * Plans convoys like `planConvoys`, then lets the exact solver remove buses where FFD is above the bound.
 * Deterministic unless the time cap cuts a solve short. Resolves to the FFD plan if the solver is missing.
 */
export async function planConvoysOptimal(input: ConvoyPlanInput): Promise<ConvoyPlan> {
  const startedAt = performance.now();
  const context = resolvePlannerContext(input);
  const intake = intakeHouseholds(input.households, context);
  const packed = selectAndPack(context, intake.plannable);
  const exact = new Map<string, CorridorExactOutcome>();
  let state = packed.state;
  if (context.exactEnabled) {
    const groups = householdsByCorridor(packed.placed);
    const jobs: CorridorJob[] = [];
    for (const [corridorId, households] of groups) {
      const job = jobFor(state, corridorId, households);
      if ('ffdBuses' in job) jobs.push(job);
      else exact.set(corridorId, job);
    }
    const reports = await Promise.all(
      jobs.map((job) =>
        job.model === undefined
          ? Promise.resolve(undefined)
          : solveWithHighs({ mip: job.model.mip, relaxation: job.model.relaxation, incumbent: incumbentOf(job), timeLimitMs: context.exactTimeLimitMs }),
      ),
    );
    const accepted = new Map<string, BusLoads>();
    jobs.forEach((job, index) => {
      const candidates = candidatesOf(job, reports[index]);
      let failed: CorridorExactOutcome | undefined;
      for (const { outcome, loads } of candidates) {
        if (loads === undefined) {
          exact.set(job.corridorId, failed ?? outcome);
          return;
        }
        // One corridor at a time, so a packing that does not fit beside cargo and ambulances costs only itself.
        const trial = rebuild(context, groups, new Map([...accepted, [job.corridorId, loads]]));
        if (trial !== undefined && busesUsed(trial) < busesUsed(state)) {
          accepted.set(job.corridorId, loads);
          state = trial;
          exact.set(job.corridorId, outcome);
          return;
        }
        failed ??= {
          status: 'rebuild_failed',
          used: false,
          ...(outcome.lpBound === undefined ? {} : { lpBound: outcome.lpBound }),
          ...(outcome.packingBound === undefined ? {} : { packingBound: outcome.packingBound }),
        };
      }
      if (failed !== undefined) exact.set(job.corridorId, failed);
    });
  }
  return assemblePlan({
    households: input.households,
    state,
    placed: packed.placed,
    unplaced: [...intake.unplaced, ...packed.unplaced],
    exact,
    startedAt,
  });
}
