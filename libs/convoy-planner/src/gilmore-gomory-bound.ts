// The Gilmore–Gomory LP bound of one-capacity bin packing, in the planner's library and synchronous (no
// solver): column generation over bin patterns with a small dense revised simplex (one row per distinct
// size), devex pricing and a perturbed demand against the master's degeneracy, a box step (Marsten) that
// keeps its duals near the best found, a master seeded with nearly full bins and crashed from the packing
// in hand, and pricing by dynamic programming over the capacity (in grains when it is large). The bound
// returned is Farley's: for any duals π ≥ 0 and z ≥ the most valuable pattern's value, π / z is feasible
// for the dual LP, so Σ demand·π / z ≤ LP ≤ the optimum whatever the simplex's rounding did; z comes from
// sizes rounded down (or exactly), never from the master. Work is capped by pivots and pricing rounds,
// never by time, so a result is the same on every run.
// Not yet called by packBins: on Scholl's hard set it proves the search's packings but takes seconds
// (thousands of simplex pivots), more than the search it would cut short (bench/README.md, planner).

import { seededRandom } from './bin-packing.js';

export interface LpBoundOptions {
  /** Stop as soon as the bound reaches this (the bins of a packing in hand): nothing more to prove. */
  readonly target?: number;
  /** Bins (as lists of sizes) whose patterns seed the master, e.g. the search's packing. */
  readonly startBins?: readonly (readonly number[])[];
  /** Simplex pivots in all (default 20,000). */
  readonly maxPivots?: number;
  /** Pricing rounds (dynamic programs over the capacity) in all (default 400). */
  readonly maxPricings?: number;
}

export interface LpBoundResult {
  /** ⌈Farley's bound⌉ (1e-6 below an integer counts as it); 0 when no pricing round completed. */
  readonly bound: number;
  /** The best Farley bound found (≤ LP). */
  readonly farley: number;
  /** The box master's last value (the LP when `converged` with the box wider than any dual; no bound otherwise). */
  readonly masterValue: number;
  /** No pattern prices out: the master is the LP optimum. */
  readonly converged: boolean;
  readonly pivots: number;
  readonly pricings: number;
  /** Of those, rounds that also priced over every unit of the capacity (large capacities only). */
  readonly exactPricings: number;
}

const DEFAULT_MAX_PIVOTS = 20_000;
const DEFAULT_MAX_PRICINGS = 400;
/** Reduced costs above −this do not enter. */
const PRICE_TOLERANCE = 1e-9;
/** Pivot elements below this are not used in the ratio test. */
const PIVOT_TOLERANCE = 1e-9;
/** The basis inverse is recomputed from its columns this often, against drift. */
const REFACTOR_EVERY = 64;
/** Grains of the capacity in the pricing's dynamic program (sizes rounded to whole grains). */
const PRICING_GRAINS = 20_000;
/** Full bins per size seeding the master, and smaller third items tried per pair. */
const SEED_PER_SIZE = 6;
const SEED_BRANCHES = 3;
/** The master's demand is raised by up to twice this per size (see below). */
const PERTURBATION = 1e-6;
/** The box's first half-width around the centre duals, doubled each time the box's master is optimal without a better bound. */
const BOX_START = 0.05;
/** Improving patterns a pricing round adds to the pool. */
const PATTERNS_PER_ROUND = 8;

/** A pattern as (slot, copies) pairs, slots indexing the distinct sizes. */
interface Pattern {
  readonly slots: Int32Array;
  readonly copies: Float64Array;
}

interface Pricing {
  /** No pattern is worth more than this (the most valuable pattern's value when exact). */
  readonly value: number;
  /** The most valuable pattern found that fits in real sizes: the most valuable one is worth at least this. */
  readonly lower: number;
  readonly patterns: Pattern[];
}

function patternOf(counts: Map<number, number>): Pattern {
  const slots = [...counts.keys()].sort((a, b) => a - b);
  return { slots: Int32Array.from(slots), copies: Float64Array.from(slots.map((slot) => counts.get(slot) ?? 0)) };
}

/**
 * Pricing by dynamic programming over the capacity in grains (capacity ÷ PRICING_GRAINS units, 1 when
 * the capacity is small): the patterns returned come from sizes rounded up to whole grains, so they fit in
 * real sizes; `value` comes from sizes rounded down, so no real pattern is worth more (any set fitting the
 * capacity in real sizes fits ⌊capacity / grain⌋ grains rounded down). With a grain of 1 both are exact.
 */
function price(values: readonly number[], demand: readonly number[], prices: Float64Array, capacity: number): Pricing {
  const copies: number[] = [];
  values.forEach((value, slot) => {
    if ((prices[slot] ?? 0) > 0) for (let copy = 0; copy < Math.min(demand[slot] ?? 0, Math.floor(capacity / value)); copy += 1) copies.push(slot);
  });
  const grain = Math.max(1, Math.floor(capacity / PRICING_GRAINS));
  const width = Math.floor(capacity / grain) + 1;
  const count = copies.length;
  const best = new Float64Array(width);
  const took = new Uint8Array(count * width);
  for (let copy = 0; copy < count; copy += 1) {
    const slot = copies[copy] ?? 0;
    const w = Math.ceil((values[slot] ?? 0) / grain);
    const v = prices[slot] ?? 0;
    const row = copy * width;
    for (let r = width - 1; r >= w; r -= 1) {
      const take = (best[r - w] ?? 0) + v;
      if (take > (best[r] ?? 0)) {
        best[r] = take;
        took[row + r] = 1;
      }
    }
  }
  let value = best[width - 1] ?? 0;
  if (grain > 1) {
    const upper = new Float64Array(width);
    for (const slot of copies) {
      const w = Math.floor((values[slot] ?? 0) / grain);
      const v = prices[slot] ?? 0;
      for (let r = width - 1; r >= w; r -= 1) {
        const take = (upper[r - w] ?? 0) + v;
        if (take > (upper[r] ?? 0)) upper[r] = take;
      }
    }
    value = upper[width - 1] ?? 0;
  }
  // The patterns ending at the rooms where the table steps up, most valuable first.
  const ends: number[] = [];
  for (let r = 0; r < width; r += 1) if ((best[r] ?? 0) > (r === 0 ? 0 : (best[r - 1] ?? 0))) ends.push(r);
  ends.sort((a, b) => (best[b] ?? 0) - (best[a] ?? 0) || a - b);
  const patterns = ends.slice(0, PATTERNS_PER_ROUND).map((end) => {
    const counts = new Map<number, number>();
    let room = end;
    for (let copy = count - 1; copy >= 0 && room > 0; copy -= 1) {
      if (took[copy * width + room] !== 1) continue;
      const slot = copies[copy] ?? 0;
      counts.set(slot, (counts.get(slot) ?? 0) + 1);
      room -= Math.ceil((values[slot] ?? 0) / grain);
    }
    return patternOf(counts);
  });
  return { value, lower: best[width - 1] ?? 0, patterns };
}

/**
 * Full bins to seed the master: for each pair of items, the fullest item fitting beside them and the next
 * few smaller ones, each completed greedily (largest fitting first); each size keeps its `perSize` fullest.
 * The LP's optimum uses nearly full bins, so the master starts near it instead of at the packing in hand.
 */
function fullPatterns(values: readonly number[], demand: readonly number[], capacity: number, perSize: number): Pattern[] {
  const copies: number[] = [];
  values.forEach((value, slot) => {
    for (let copy = 0; copy < Math.min(demand[slot] ?? 0, Math.floor(capacity / value)); copy += 1) copies.push(slot);
  });
  // copies are largest first (values are sorted so); the first copy at or after `from` fitting `room`.
  const size = (copy: number) => values[copies[copy] ?? 0] ?? Number.POSITIVE_INFINITY;
  const firstFitting = (from: number, room: number): number => {
    let low = from;
    let high = copies.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (size(middle) <= room) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  const kept: { fill: number; picked: number[] }[][] = values.map(() => []);
  const keep = (picked: number[], fill: number) => {
    for (const copy of new Set(picked.map((item) => copies[item] ?? 0))) {
      const list = kept[copy];
      if (list === undefined) continue;
      if (list.length >= perSize && (list.at(-1)?.fill ?? 0) >= fill) continue;
      list.push({ fill, picked });
      list.sort((a, b) => b.fill - a.fill);
      if (list.length > perSize) list.length = perSize;
    }
  };
  for (let first = 0; first < copies.length; first += 1) {
    for (let second = first + 1; second < copies.length; second += 1) {
      const pair = size(first) + size(second);
      if (pair > capacity) continue;
      const start = firstFitting(second + 1, capacity - pair);
      for (let third = start; third < Math.min(copies.length, start + SEED_BRANCHES); third += 1) {
        const picked = [first, second, third];
        let fill = pair + size(third);
        for (let next = firstFitting(third + 1, capacity - fill); next < copies.length; next = firstFitting(next + 1, capacity - fill)) {
          picked.push(next);
          fill += size(next);
        }
        keep(picked, fill);
      }
      if (start >= copies.length) keep([first, second], pair);
    }
  }
  const patterns = new Map<string, Pattern>();
  for (const list of kept) {
    for (const { picked } of list) {
      const counts = new Map<number, number>();
      for (const copy of picked) counts.set(copies[copy] ?? 0, (counts.get(copies[copy] ?? 0) ?? 0) + 1);
      const pattern = patternOf(counts);
      patterns.set(`${pattern.slots.join(',')}:${pattern.copies.join(',')}`, pattern);
    }
  }
  return [...patterns.values()];
}

/** The most valuable pattern's value, exactly: the same dynamic program over every unit of the capacity, without patterns. */
function exactValue(values: readonly number[], demand: readonly number[], prices: Float64Array, capacity: number): number {
  const best = new Float64Array(capacity + 1);
  values.forEach((value, slot) => {
    const v = prices[slot] ?? 0;
    if (v <= 0) return;
    for (let copy = 0; copy < Math.min(demand[slot] ?? 0, Math.floor(capacity / value)); copy += 1) {
      for (let r = capacity; r >= value; r -= 1) {
        const take = (best[r - value] ?? 0) + v;
        if (take > (best[r] ?? 0)) best[r] = take;
      }
    }
  });
  return best[capacity] ?? 0;
}

/** Inverts the m × m matrix `matrix` (row-major) by Gauss–Jordan with partial pivoting; undefined if singular. */
function invert(matrix: Float64Array, m: number): Float64Array | undefined {
  const a = Float64Array.from(matrix);
  const inverse = new Float64Array(m * m);
  for (let i = 0; i < m; i += 1) inverse[i * m + i] = 1;
  for (let column = 0; column < m; column += 1) {
    let pivotRow = column;
    for (let row = column + 1; row < m; row += 1) if (Math.abs(a[row * m + column] ?? 0) > Math.abs(a[pivotRow * m + column] ?? 0)) pivotRow = row;
    const pivot = a[pivotRow * m + column] ?? 0;
    if (Math.abs(pivot) < 1e-12) return undefined;
    if (pivotRow !== column) {
      for (let k = 0; k < m; k += 1) {
        const swapA = a[column * m + k] ?? 0;
        a[column * m + k] = a[pivotRow * m + k] ?? 0;
        a[pivotRow * m + k] = swapA;
        const swapI = inverse[column * m + k] ?? 0;
        inverse[column * m + k] = inverse[pivotRow * m + k] ?? 0;
        inverse[pivotRow * m + k] = swapI;
      }
    }
    for (let k = 0; k < m; k += 1) {
      a[column * m + k] = (a[column * m + k] ?? 0) / pivot;
      inverse[column * m + k] = (inverse[column * m + k] ?? 0) / pivot;
    }
    for (let row = 0; row < m; row += 1) {
      const factor = a[row * m + column] ?? 0;
      if (row === column || factor === 0) continue;
      for (let k = 0; k < m; k += 1) {
        a[row * m + k] = (a[row * m + k] ?? 0) - factor * (a[column * m + k] ?? 0);
        inverse[row * m + k] = (inverse[row * m + k] ?? 0) - factor * (inverse[column * m + k] ?? 0);
      }
    }
  }
  return inverse;
}

/**
 * The LP bound of packing `sizes` (positive integers, none above `capacity`) into bins of `capacity`:
 * min Σ x_p over patterns p with Σ_p a_jp x_p ≥ demand_j for every distinct size j. Starts from the box's
 * columns, nearly full bins and the patterns of `startBins`, and stops at `target`, at convergence, or
 * when a cap is reached; the best Farley bound so far is returned (at least ⌈Σ sizes ÷ capacity⌉).
 */
export function gilmoreGomoryBound(sizes: readonly number[], capacity: number, options: LpBoundOptions = {}): LpBoundResult {
  const bySize = new Map<number, number>();
  for (const size of sizes) bySize.set(size, (bySize.get(size) ?? 0) + 1);
  const values = [...bySize.keys()].sort((a, b) => b - a);
  const demand = values.map((value) => bySize.get(value) ?? 0);
  const m = values.length;
  // The master covers a perturbed demand (each size's + a few millionths, deterministic), so no pivot is
  // degenerate and the simplex cannot cycle; only its duals are used, and Farley's bound uses the demand.
  const random = seededRandom(m * 7919 + capacity);
  const cover = demand.map((count) => count + PERTURBATION * (1 + random()));
  const slotOf = new Map(values.map((value, slot) => [value, slot]));
  const target = options.target ?? Number.POSITIVE_INFINITY;
  const maxPivots = options.maxPivots ?? DEFAULT_MAX_PIVOTS;
  const maxPricings = options.maxPricings ?? DEFAULT_MAX_PRICINGS;
  let pricings = 0;
  let exactPricings = 0;
  const result = (farley: number, masterValue: number, converged: boolean, pivots: number): LpBoundResult => ({
    bound: farley > 0 ? Math.ceil(farley - 1e-6) : 0,
    farley,
    masterValue,
    converged,
    pivots,
    pricings,
    exactPricings,
  });
  if (m === 0) return result(0, 0, true, 0);

  // Columns: patterns in `pool`; basis entries ≥ 0 are pool indices, −(j + 1) is size j's surplus.
  // The first m columns are the box's: one item of size j at the price centre_j + δ (see below).
  const pool: Pattern[] = values.map((_, slot) => patternOf(new Map([[slot, 1]])));
  const seen = new Map<string, number>();
  const keyOf = (pattern: Pattern) => `${pattern.slots.join(',')}:${pattern.copies.join(',')}`;
  const addToPool = (pattern: Pattern): number => {
    const key = keyOf(pattern);
    if (seen.has(key)) return -1;
    seen.set(key, pool.length);
    pool.push(pattern);
    return pool.length - 1;
  };
  for (const pattern of fullPatterns(values, demand, capacity, SEED_PER_SIZE)) addToPool(pattern);
  const startColumns: number[] = [];
  for (const bin of options.startBins ?? []) {
    const counts = new Map<number, number>();
    for (const size of bin) {
      const slot = slotOf.get(size);
      if (slot !== undefined) counts.set(slot, Math.min(demand[slot] ?? 0, (counts.get(slot) ?? 0) + 1));
    }
    if (counts.size === 0) continue;
    const pattern = patternOf(counts);
    const column = addToPool(pattern);
    startColumns.push(column >= 0 ? column : (seen.get(keyOf(pattern)) ?? -1));
  }
  const basis = Int32Array.from(values.map((_, slot) => slot));
  const inBasis = new Set<number>();
  const markBasis = (column: number, on: boolean) => {
    if (on) inBasis.add(column);
    else inBasis.delete(column);
  };
  let inverse: Float64Array = new Float64Array(m * m);
  const primal = new Float64Array(m);
  for (let slot = 0; slot < m; slot += 1) {
    inverse[slot * m + slot] = 1;
    primal[slot] = cover[slot] ?? 0;
    markBasis(slot, true);
  }
  const refactor = (strict = false): boolean => {
    const matrix = new Float64Array(m * m);
    for (let k = 0; k < m; k += 1) {
      const column = basis[k] ?? 0;
      if (column < 0) matrix[(-column - 1) * m + k] = -1;
      else {
        const pattern = pool[column];
        pattern?.slots.forEach((slot, index) => (matrix[slot * m + k] = pattern.copies[index] ?? 0));
      }
    }
    const fresh = invert(matrix, m);
    if (fresh === undefined) return false;
    inverse = fresh;
    for (let k = 0; k < m; k += 1) {
      let x = 0;
      for (let j = 0; j < m; j += 1) x += (inverse[k * m + j] ?? 0) * (cover[j] ?? 0);
      if (strict && x < -1e-9) return false;
      primal[k] = Math.max(0, x);
    }
    return true;
  };
  // Crash: the start bins in the basis, each on a row of its own (one of its sizes no other start bin
  // took), with a surplus on every other row that they cover enough, else that row's box column. From the
  // packing in hand the master starts at its bin count instead of at the box's cost.
  if (startColumns.length > 0) {
    const owner: (number | undefined)[] = values.map(() => undefined);
    const level = new Float64Array(m);
    for (const column of startColumns) {
      const pattern = pool[column];
      if (pattern === undefined) continue;
      const index = [...pattern.slots].findIndex((slot) => owner[slot] === undefined);
      const slot = pattern.slots[index];
      if (slot === undefined) continue;
      owner[slot] = column;
      const x = (cover[slot] ?? 0) / (pattern.copies[index] ?? 1);
      pattern.slots.forEach((other, at) => (level[other] = (level[other] ?? 0) + x * (pattern.copies[at] ?? 0)));
    }
    for (let j = 0; j < m; j += 1) if (owner[j] === undefined) owner[j] = (level[j] ?? 0) >= (cover[j] ?? 0) ? -(j + 1) : j;
    const diagonal = Float64Array.from(inverse);
    inBasis.clear();
    for (let k = 0; k < m; k += 1) {
      basis[k] = owner[k] ?? k;
      markBasis(basis[k] ?? k, true);
    }
    if (!refactor(true)) {
      inBasis.clear();
      for (let k = 0; k < m; k += 1) {
        basis[k] = k;
        markBasis(k, true);
        primal[k] = cover[k] ?? 0;
      }
      inverse = diagonal;
    }
  }

  const surplusWeight = new Float64Array(m).fill(1);
  const columnWeight: number[] = [];
  const duals = new Float64Array(m);
  const prices = new Float64Array(m);
  const direction = new Float64Array(m);
  /** direction = B⁻¹ × the column `entering` (a pool index, or −(j + 1) for size j's surplus). */
  const directionOf = (entering: number) => {
    if (entering < 0) {
      const slot = -entering - 1;
      for (let k = 0; k < m; k += 1) direction[k] = -(inverse[k * m + slot] ?? 0);
      return;
    }
    const pattern = pool[entering];
    for (let k = 0; k < m; k += 1) {
      let d = 0;
      const row = k * m;
      pattern?.slots.forEach((slot, index) => (d += (inverse[row + slot] ?? 0) * (pattern.copies[index] ?? 0)));
      direction[k] = d;
    }
  };
  /** `entering` replaces the basis's `leaving`-th column, moving the primal by `step` along `direction`. */
  const pivotOn = (leaving: number, entering: number, step: number) => {
    const pivot = direction[leaving] ?? 1;
    for (let k = 0; k < m; k += 1) primal[k] = Math.max(0, (primal[k] ?? 0) - step * (direction[k] ?? 0));
    primal[leaving] = step;
    const pivotRow = leaving * m;
    for (let j = 0; j < m; j += 1) inverse[pivotRow + j] = (inverse[pivotRow + j] ?? 0) / pivot;
    for (let k = 0; k < m; k += 1) {
      const d = direction[k] ?? 0;
      if (k === leaving || d === 0) continue;
      const row = k * m;
      for (let j = 0; j < m; j += 1) inverse[row + j] = (inverse[row + j] ?? 0) - d * (inverse[pivotRow + j] ?? 0);
    }
    markBasis(basis[leaving] ?? -1, false);
    basis[leaving] = entering;
    markBasis(entering, true);
  };
  /** The duals of the best Farley bound, scaled to be feasible for the dual LP: the smoothing's centre. */
  // It starts at size ÷ capacity, feasible for every pattern, whose Farley bound is Σ sizes ÷ capacity.
  let centre: Float64Array = Float64Array.from(values, (value) => value / capacity);
  // Box step (Marsten): the box columns cap each dual at centre + δ, so the master's duals stay near the
  // best ones found instead of jumping between the degenerate vertices of the packing in hand; the
  // master then is not the LP, but only its duals are used, through Farley's bound.
  let delta = BOX_START;
  const boxCost = new Float64Array(m);
  const setBox = () => {
    for (let j = 0; j < m; j += 1) boxCost[j] = (centre[j] ?? 0) + delta;
  };
  setBox();
  const costOf = (column: number) => (column < 0 ? 0 : column < m ? (boxCost[column] ?? 1) : 1);
  let farley = values.reduce((sum, value, slot) => sum + (value * (demand[slot] ?? 0)) / capacity, 0) * (1 - 1e-12);
  let masterValue = Number.POSITIVE_INFINITY;
  for (let pivots = 0; ; pivots += 1) {
    // Duals y = c_B B⁻¹ (c is 1 for patterns, 0 for surpluses) and the master's value.
    duals.fill(0);
    masterValue = 0;
    for (let k = 0; k < m; k += 1) {
      const cost = costOf(basis[k] ?? -1);
      if (cost === 0) continue;
      masterValue += cost * (primal[k] ?? 0);
      const row = k * m;
      for (let j = 0; j < m; j += 1) duals[j] = (duals[j] ?? 0) + cost * (inverse[row + j] ?? 0);
    }
    if (pivots >= maxPivots || pricings >= maxPricings) return result(farley, masterValue, false, pivots);

    // Entering column: the surplus or pool pattern of most negative reduced cost per devex weight
    // (Forrest–Goldfarb's approximate steepest edge: far fewer pivots than the plain most negative one on
    // this degenerate master), else a priced one.
    let entering = 0;
    let score = 0;
    let found = false;
    for (let j = 0; j < m; j += 1) {
      const cost = duals[j] ?? 0;
      if (cost >= -PRICE_TOLERANCE || inBasis.has(-(j + 1))) continue;
      const weighed = (cost * cost) / (surplusWeight[j] ?? 1);
      if (weighed > score) {
        score = weighed;
        entering = -(j + 1);
        found = true;
      }
    }
    for (let column = 0; column < pool.length; column += 1) {
      if (inBasis.has(column)) continue;
      const pattern = pool[column];
      if (pattern === undefined) continue;
      let worth = 0;
      for (let index = 0; index < pattern.slots.length; index += 1) worth += (pattern.copies[index] ?? 0) * (duals[pattern.slots[index] ?? 0] ?? 0);
      const cost = costOf(column) - worth;
      if (cost >= -PRICE_TOLERANCE) continue;
      const weighed = (cost * cost) / (columnWeight[column] ?? 1);
      if (weighed > score) {
        score = weighed;
        entering = column;
        found = true;
      }
    }
    if (!found) {
      for (let j = 0; j < m; j += 1) prices[j] = Math.max(0, duals[j] ?? 0);
      const pricing = price(values, demand, prices, capacity);
      pricings += 1;
      let dualObjective = 0;
      for (let j = 0; j < m; j += 1) dualObjective += (prices[j] ?? 0) * (demand[j] ?? 0);
      let value = pricing.value * (1 + 1e-12);
      // Rounded down to grains, the bound can stay just under the target where the exact one would reach
      // it: then, and only when the best real pattern found leaves it possible, price exactly.
      if (value > pricing.lower && Math.ceil(dualObjective / value - 1e-6) < target && dualObjective / pricing.lower > target - 1 + 1e-6) {
        value = exactValue(values, demand, prices, capacity) * (1 + 1e-12);
        exactPricings += 1;
      }
      let improved = false;
      if (value > 0 && dualObjective / value > farley) {
        farley = dualObjective / value;
        improved = true;
      }
      if (Math.ceil(farley - 1e-6) >= target) return result(farley, masterValue, false, pivots);
      let column = -1;
      let cost = -PRICE_TOLERANCE;
      for (const pattern of pricing.patterns) {
        let worth = 0;
        for (let index = 0; index < pattern.slots.length; index += 1) worth += (pattern.copies[index] ?? 0) * (duals[pattern.slots[index] ?? 0] ?? 0);
        if (1 - worth >= cost) continue;
        const added = addToPool(pattern);
        if (added < 0) continue;
        column = added;
        cost = 1 - worth;
      }
      if (column >= 0) entering = column;
      else {
        // The box's master is optimal: recentre on better duals, else widen the box; a box wider than
        // any dual (a dual above 1 is never optimal) leaves the plain master, whose optimum this is.
        if (delta >= 1) return result(farley, masterValue, pricing.value <= 1 + PRICE_TOLERANCE, pivots);
        if (improved) centre = Float64Array.from(prices, (dual) => dual / value);
        else delta *= 2;
        setBox();
        continue;
      }
    }

    // d = B⁻¹ a for the entering column; ratio test, ties to the largest pivot element.
    directionOf(entering);
    let leaving = -1;
    let ratio = Number.POSITIVE_INFINITY;
    for (let k = 0; k < m; k += 1) {
      const d = direction[k] ?? 0;
      if (d <= PIVOT_TOLERANCE) continue;
      const r = (primal[k] ?? 0) / d;
      if (r < ratio - 1e-12 || (r <= ratio + 1e-12 && d > (direction[leaving] ?? 0))) {
        ratio = r;
        leaving = k;
      }
    }
    if (leaving < 0) return result(farley, masterValue, false, pivots);
    // Devex weights: w_j ← max(w_j, (α_rj / α_rq)² w_q) with row r of B⁻¹A, before the pivot changes B⁻¹.
    const pivotElement = direction[leaving] ?? 1;
    const enteringWeight = entering < 0 ? (surplusWeight[-entering - 1] ?? 1) : (columnWeight[entering] ?? 1);
    const pivotRow = leaving * m;
    for (let j = 0; j < m; j += 1) {
      if (inBasis.has(-(j + 1))) continue;
      const ratioJ = -(inverse[pivotRow + j] ?? 0) / pivotElement;
      surplusWeight[j] = Math.max(surplusWeight[j] ?? 1, ratioJ * ratioJ * enteringWeight);
    }
    for (let column = 0; column < pool.length; column += 1) {
      if (inBasis.has(column)) continue;
      const pattern = pool[column];
      if (pattern === undefined) continue;
      let alpha = 0;
      for (let index = 0; index < pattern.slots.length; index += 1) alpha += (pattern.copies[index] ?? 0) * (inverse[pivotRow + (pattern.slots[index] ?? 0)] ?? 0);
      const ratioJ = alpha / pivotElement;
      columnWeight[column] = Math.max(columnWeight[column] ?? 1, ratioJ * ratioJ * enteringWeight);
    }
    const leavingColumn = basis[leaving] ?? -1;
    const leavingWeight = Math.max(enteringWeight / (pivotElement * pivotElement), 1);
    if (leavingColumn < 0) surplusWeight[-leavingColumn - 1] = leavingWeight;
    else columnWeight[leavingColumn] = leavingWeight;
    pivotOn(leaving, entering, ratio);
    if ((pivots + 1) % REFACTOR_EVERY === 0 && !refactor()) return result(farley, masterValue, false, pivots + 1);
  }
}
