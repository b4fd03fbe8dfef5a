// Convoy planner: buses against the lower bound on a camp-sized batch, and bins against the known
// optimum (or the L2 bound) on classic hard bin-packing sets generated here by their published recipes:
// Falkenauer's triplets and Scholl, Klein & Jürgens' hard set. Run after a build: node dist/bench/planner.bench.js
import { lowerBoundL2, packBins } from '../libs/convoy-planner/src/bin-packing.js';
import {
  DEFAULT_SEAT_WEIGHTS,
  planConvoys,
  planConvoysOptimal,
  seatUnitsOf,
  type ConvoyPlanInput,
  type HouseholdToPlan,
  type Member,
  type VehicleToPlan,
} from '../libs/convoy-planner/src/index.js';
import { gilmoreGomoryBound as plannerLpBound } from '../libs/convoy-planner/src/gilmore-gomory-bound.js';
import { gilmoreGomoryBound } from './lib/gilmore-gomory-bound.js';
import { machine, ratioOf, writeReport, type BenchFigure } from './lib/report.js';

const BUS_SEATS = 45;
const BUS_CAPACITY = 40; // floor(45 × 0.9)
const EXACT_CAP_MS = 25_000;
/** The exact model's cap behind the packing search. */
const SEARCH_EXACT_CAP_MS = 2_000;

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Household sizes 1–12, mean about 5.4.
const SIZE_WEIGHTS = [4, 8, 12, 15, 16, 14, 11, 8, 5, 3, 2, 2];

function householdSize(random: () => number): number {
  let draw = random() * SIZE_WEIGHTS.reduce((sum, weight) => sum + weight, 0);
  for (const [index, weight] of SIZE_WEIGHTS.entries()) {
    draw -= weight;
    if (draw < 0) return index + 1;
  }
  return SIZE_WEIGHTS.length;
}

function campBatch(count: number): ConvoyPlanInput {
  const random = seededRandom(2025);
  const corridors: Record<string, string[]> = {};
  for (let corridor = 1; corridor <= 5; corridor += 1) {
    corridors[`corridor-${corridor}`] = Array.from({ length: 6 }, (_, index) => `AREA-${corridor}${index + 1}`);
  }
  const destinations = Object.values(corridors).flat();
  const households: HouseholdToPlan[] = Array.from({ length: count }, (_, index) => {
    const size = householdSize(random);
    const members: Member[] = Array.from({ length: size }, (_, member) => ({
      age: member < Math.min(2, size) ? 18 + Math.floor(random() * 50) : Math.floor(random() * 18),
    }));
    return {
      id: `hh-${String(index).padStart(5, '0')}`,
      destination: destinations[Math.floor(random() * destinations.length)] ?? 'AREA-11',
      priority: Math.floor(random() * 1000),
      members,
      cargoUnits: random() < 0.2 ? 1.5 : 1,
      ambulancePlaces: random() < 0.03 ? 1 : 0,
    };
  });
  const vehicles: VehicleToPlan[] = [
    ...Array.from({ length: 1600 }, (_, index): VehicleToPlan => ({ id: `bus-${index}`, type: 'bus', seats: BUS_SEATS })),
    ...Array.from({ length: 13_000 }, (_, index): VehicleToPlan => ({ id: `truck-${index}`, type: 'cargo_truck', cargoCapacity: 1 })),
    ...Array.from({ length: 400 }, (_, index): VehicleToPlan => ({ id: `ambulance-${index}`, type: 'ambulance', stretcherPlaces: 2 })),
  ];
  return { households, vehicles, options: { corridors } };
}

/** Raw baseline: First Fit Decreasing of bare seat numbers per corridor, no convoys, trucks or ambulances. */
function bareFirstFitDecreasing(groups: readonly (readonly number[])[], capacity: number): number {
  let bins = 0;
  for (const sizes of groups) {
    const loads: number[] = [];
    for (const size of [...sizes].sort((a, b) => b - a)) {
      const fitting = loads.findIndex((load) => load + size <= capacity);
      if (fitting < 0) loads.push(size);
      else loads[fitting] = (loads[fitting] ?? 0) + size;
    }
    bins += loads.length;
  }
  return bins;
}

function seatGroups(input: ConvoyPlanInput): number[][] {
  const corridorOf = new Map(Object.entries(input.options.corridors).flatMap(([id, codes]) => codes.map((code) => [code, id] as const)));
  const groups = new Map<string, number[]>();
  for (const household of input.households) {
    const corridor = corridorOf.get(household.destination) ?? '';
    const seats = seatUnitsOf(household.members ?? [], DEFAULT_SEAT_WEIGHTS, household.ambulancePlaces ?? 0);
    const group = groups.get(corridor);
    if (group === undefined) groups.set(corridor, [seats]);
    else group.push(seats);
  }
  return [...groups.values()];
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const started = performance.now();
  const result = run();
  return { result, ms: performance.now() - started };
}

function campFigures(): BenchFigure[] {
  const input = campBatch(10_000);
  const groups = seatGroups(input);
  const bound = groups.reduce((sum, sizes) => sum + Math.ceil(sizes.reduce((a, b) => a + b, 0) / BUS_CAPACITY), 0);
  const bare = timed(() => bareFirstFitDecreasing(groups, BUS_CAPACITY));
  planConvoys(input); // warm-up, so the timing below is not the JIT's
  const planned = timed(() => planConvoys(input));
  const short = { ...input, vehicles: input.vehicles.filter((vehicle) => vehicle.type !== 'bus' || Number(vehicle.id.slice(4)) < 1000) };
  const shortPlanned = timed(() => planConvoys(short));
  const { quality } = planned.result;
  return [
    {
      metric: 'buses for 10k households (30 destinations, 5 corridors, 45 seats)',
      value: quality.busesUsed,
      unit: 'buses',
      baseline: 'lower bound Σ⌈seats/40⌉',
      baselineValue: bound,
      ratio: ratioOf(quality.busesUsed, bound, true),
      note: `${planned.result.convoys.length} convoys, seat utilisation ${quality.seatUtilisation}, ${planned.result.unplaced.length} unplaced; bare FFD ${bare.result} buses`,
    },
    {
      metric: 'planning time, 10k households (FFD, convoys, trucks, ambulances)',
      value: Math.round(planned.ms),
      unit: 'ms',
      baseline: 'bare FFD of seat numbers (ms)',
      baselineValue: Math.round(bare.ms * 10) / 10,
      ratio: ratioOf(planned.ms, bare.ms, true),
    },
    {
      metric: 'planning time, 10k households, 1000 buses (priority selection)',
      value: Math.round(shortPlanned.ms),
      unit: 'ms',
      baseline: 'same batch with enough buses (ms)',
      baselineValue: Math.round(planned.ms),
      ratio: ratioOf(shortPlanned.ms, planned.ms, true),
      note: `${shortPlanned.result.quality.busesUsed} buses used, ${shortPlanned.result.unplaced.length} households unplaced`,
    },
  ];
}

/** Falkenauer-style triplets: each triplet fills a bin of 1000 exactly, so the optimum is n / 3 bins. */
function triplets(count: number, seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: count / 3 }, () => {
    const first = 380 + Math.floor(random() * 111);
    const rest = 1000 - first;
    const second = 250 + Math.floor(random() * (Math.floor(rest / 2) - 249));
    return [first, second, rest - second];
  }).flat();
}

function tripletInput(items: readonly number[], exact: { timeLimitMs: number; search: boolean }): ConvoyPlanInput {
  return {
    households: items.map((seatUnits, index) => ({ id: `item-${String(index).padStart(3, '0')}`, destination: 'BIN', priority: 0, seatUnits, cargoUnits: 0 })),
    vehicles: items.map((_, index): VehicleToPlan => ({ id: `bin-${String(index).padStart(3, '0')}`, type: 'bus', seats: 1000 })),
    options: {
      corridors: { bins: ['BIN'] },
      spareShare: 0,
      maxBusesPerConvoy: items.length,
      maxFamiliesPerConvoy: items.length,
      exact: { enabled: true, ...exact },
    },
  };
}

/** Scholl, Klein & Jürgens (1997) hard set: 200 items uniform in [20,000, 35,000], capacity 100,000 (3–5 per bin). */
function schollHard(seed: number): number[] {
  const random = seededRandom(seed);
  return Array.from({ length: 200 }, () => 20_000 + Math.floor(random() * 15_001));
}

const INSTANCES_PER_SIZE = 5;

/** Before: FFD, then the MIP alone (25 s cap), on one instance per size, as the previous results had it. */
async function tripletBeforeFigures(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const size of [60, 120, 249]) {
    const input = tripletInput(triplets(size, size), { timeLimitMs: EXACT_CAP_MS, search: false });
    const optimum = size / 3;
    const ffd = planConvoys(input).quality.busesUsed;
    const started = performance.now();
    const exact = await planConvoysOptimal(input);
    const exactMs = performance.now() - started;
    const corridor = exact.quality.corridors[0];
    figures.push(
      { metric: `t${size} bins, FFD`, value: ffd, unit: 'bins', baseline: 'optimum n/3', baselineValue: optimum, ratio: ratioOf(ffd, optimum, true) },
      {
        metric: `t${size} bins, FFD then exact only (arc-flow MIP, cap ${EXACT_CAP_MS / 1000} s, no search)`,
        value: exact.quality.busesUsed,
        unit: 'bins',
        baseline: 'optimum n/3',
        baselineValue: optimum,
        ratio: ratioOf(exact.quality.busesUsed, optimum, true),
        note: `${corridor?.exactStatus ?? 'no status'}, LP bound ${corridor?.lpBound ?? '-'}, ${Math.round(exactMs)} ms`,
      },
    );
  }
  return figures;
}

/** The planner as the transport service runs it (search, then the MIP capped at 2 s) on several triplet instances per size. */
async function tripletSearchFigures(): Promise<BenchFigure[]> {
  const figures: BenchFigure[] = [];
  for (const size of [60, 120, 249, 501]) {
    const optimum = size / 3;
    let atOptimum = 0;
    let worst = 0;
    let slowest = 0;
    let totalMs = 0;
    let steps = 0;
    const statuses: string[] = [];
    for (let instance = 0; instance < INSTANCES_PER_SIZE; instance += 1) {
      const items = triplets(size, size * 100 + instance);
      // The search's work in steps (moves and subsets evaluated), independent of the machine's load.
      steps += packBins(items, 1000).searchSteps;
      const input = tripletInput(items, { timeLimitMs: SEARCH_EXACT_CAP_MS, search: true });
      const started = performance.now();
      const plan = await planConvoysOptimal(input);
      const ms = performance.now() - started;
      if (plan.quality.busesUsed === optimum) atOptimum += 1;
      worst = Math.max(worst, plan.quality.busesUsed);
      slowest = Math.max(slowest, ms);
      totalMs += ms;
      statuses.push(plan.quality.corridors[0]?.exactStatus ?? '-');
    }
    figures.push({
      metric: `t${size} (${INSTANCES_PER_SIZE} instances): at the optimum n/3 (search, then MIP capped ${SEARCH_EXACT_CAP_MS / 1000} s)`,
      value: atOptimum,
      unit: 'instances',
      baseline: 'instances',
      baselineValue: INSTANCES_PER_SIZE,
      ratio: ratioOf(atOptimum, INSTANCES_PER_SIZE),
      note: `worst ${worst} bins for ${optimum} (ratio ${(worst / optimum).toFixed(3)}); time mean ${Math.round(totalMs / INSTANCES_PER_SIZE)} ms, max ${Math.round(slowest)} ms; search steps mean ${(steps / INSTANCES_PER_SIZE / 1e6).toFixed(1)}M; statuses ${statuses.join(', ')}`,
    });
  }
  return figures;
}

/**
 * Scholl hard: the search on bare numbers (the arc-flow model at capacity 100,000 is not built), against
 * L2; where it stays above L2, the Gilmore–Gomory LP bound (column generation, Farley's bound to stop)
 * decides whether its packing is proven optimal.
 */
async function schollFigures(): Promise<BenchFigure[]> {
  const count = 10;
  let atBound = 0;
  let proven = 0;
  let above = 0;
  let slowest = 0;
  let totalMs = 0;
  let ffdTotal = 0;
  let boundTotal = 0;
  let steps = 0;
  let stepsToBest = 0;
  let lpMs = 0;
  let plannerProven = 0;
  let plannerMs = 0;
  let plannerSlowest = 0;
  const plannerDetails: string[] = [];
  const details: string[] = [];
  for (let instance = 0; instance < count; instance += 1) {
    const sizes = schollHard(7000 + instance);
    const started = performance.now();
    const result = packBins(sizes, 100_000);
    const ms = performance.now() - started;
    const bound = Math.max(result.lowerBound, lowerBoundL2(sizes, 100_000));
    steps += result.searchSteps;
    stepsToBest += result.stepsToBest;
    if (result.bins.length === bound) {
      atBound += 1;
      proven += 1;
      details.push(`#${instance} ${result.bins.length}=L2`);
    } else {
      const lpStarted = performance.now();
      const lp = await gilmoreGomoryBound(
        sizes,
        100_000,
        result.bins.map((bin) => bin.map((index) => sizes[index] ?? 0)),
      );
      lpMs += performance.now() - lpStarted;
      // The same bound computed inside the planner's library (synchronous, no solver), from the search's packing.
      const plannerStarted = performance.now();
      const own = plannerLpBound(sizes, 100_000, {
        target: result.bins.length,
        startBins: result.bins.map((bin) => bin.map((index) => sizes[index] ?? 0)),
        maxPivots: 20_000,
        maxPricings: 400,
      });
      const ownMs = performance.now() - plannerStarted;
      plannerMs += ownMs;
      plannerSlowest = Math.max(plannerSlowest, ownMs);
      if (result.bins.length <= own.bound) plannerProven += 1;
      plannerDetails.push(`#${instance} ${own.bound} for ${result.bins.length} (Farley ${own.farley.toFixed(3)}, ${own.pivots} pivots, ${own.pricings} pricings, ${Math.round(ownMs)} ms)`);
      if (result.bins.length <= lp.bound) proven += 1;
      details.push(`#${instance} ${result.bins.length} (L2 ${bound}, LP bound ${lp.bound}${lp.converged ? '' : ' by Farley'}, LP ${lp.lpValue.toFixed(3)})`);
    }
    above += result.bins.length - bound;
    slowest = Math.max(slowest, ms);
    totalMs += ms;
    ffdTotal += bareFirstFitDecreasing([sizes], 100_000);
    boundTotal += bound;
  }
  return [
    {
      metric: `Scholl hard (${count} instances, 200 items): at the L2 bound (packing search alone)`,
      value: atBound,
      unit: 'instances',
      baseline: 'instances',
      baselineValue: count,
      ratio: ratioOf(atBound, count),
      note: `Σ bins ${boundTotal + above} for Σ L2 ${boundTotal} (ratio ${((boundTotal + above) / boundTotal).toFixed(3)}; FFD Σ ${ffdTotal}); time mean ${Math.round(totalMs / count)} ms, max ${Math.round(slowest)} ms; search steps mean ${(steps / count / 1e6).toFixed(1)}M, of which until the packing returned was found ${(stepsToBest / count / 1e6).toFixed(1)}M (the rest looks for one bin fewer where L2 cannot prove it)`,
    },
    {
      metric: `Scholl hard (${count} instances): packing search at a proven optimum (L2, else the Gilmore–Gomory LP bound)`,
      value: proven,
      unit: 'instances',
      baseline: 'instances',
      baselineValue: count,
      ratio: ratioOf(proven, count),
      note: `${details.join('; ')}; LP bounds ${Math.round(lpMs)} ms in all (benchmark only, not in the planner)`,
    },
    {
      metric: `Scholl hard (instances above L2): the planner library's LP bound (column generation, own simplex, DP pricing) proves the search's packing`,
      value: plannerProven,
      unit: 'instances',
      baseline: 'instances above L2',
      baselineValue: plannerDetails.length,
      ratio: ratioOf(plannerProven, Math.max(1, plannerDetails.length)),
      note: `${plannerDetails.join('; ')}; time mean ${Math.round(plannerMs / Math.max(1, plannerDetails.length))} ms, max ${Math.round(plannerSlowest)} ms (not called by packBins: too slow yet)`,
    },
  ];
}

const startedAt = new Date().toISOString();
const figures = [...campFigures(), ...(await tripletSearchFigures()), ...(await schollFigures()), ...(await tripletBeforeFigures())];
writeReport({ name: 'planner', startedAt, machine: machine(), figures });
