// One-capacity bin packing on bare numbers, before the exact model: Martello–Toth's L2 bound, an
// MTRP-style reduction (bins proven to be in some optimum are fixed), Minimum Bin Slack (MBS') and a
// bin-completion search towards the bound. Items are indices into `sizes`; everything is deterministic
// (step budgets, never clocks).

export interface PackingResult {
  /** Bins as lists of item indices. */
  readonly bins: readonly (readonly number[])[];
  /** The best lower bound found: max(⌈Σ/C⌉, L2), raised by the reduction. */
  readonly lowerBound: number;
  /** Bins fixed by the reduction (part of `bins`). */
  readonly reducedBins: number;
  /** How the bins were found. */
  readonly method: 'mbs' | 'ffd' | 'completion' | 'tabu';
  /** Moves the tabu search evaluated plus subsets the last bin completion looked at: its work, independent of the machine. */
  readonly searchSteps: number;
  /** Of those, the steps done when the returned packing was found (the rest looked for one bin fewer in vain). */
  readonly stepsToBest: number;
}

export interface PackingOptions {
  /** Subsets the bin-completion search may look at in all (default 30,000,000). */
  readonly stepBudget?: number;
}

const DEFAULT_STEP_BUDGET = 120_000_000;
/**
 * Steps of the tabu search's first run for one bin count; each further run (from another start) gets
 * twice as many, so easy instances stop early and hard ones get long runs (12 short runs of a fixed
 * share left t501 one bin above the optimum, where one run of 25M steps reaches it).
 */
const FIRST_TABU_RUN = 4_000_000;
/** Of those, for the bin-completion search before the tabu search takes over. */
const COMPLETION_STEPS = 100_000;
/**
 * Subsets for a last bin-completion search at the bound when the tabu search stopped above it: complete
 * within this budget on small instances (60 triplets), where the tabu search can miss the last bin.
 */
const LAST_COMPLETION_STEPS = 3_000_000;
/** Above this many items (after the reduction) the last completion is skipped: a step costs more there and it rarely completes. */
const LAST_COMPLETION_MAX_ITEMS = 150;
/** Subsets looked at when one bin is completed (MBS' and each completion step). */
const STEPS_PER_BIN = 20_000;
/** Completions of one bin the search branches on, fullest first. */
const BRANCHES_PER_BIN = 24;

/** ⌈Σ sizes / capacity⌉. */
export function continuousBound(sizes: readonly number[], capacity: number): number {
  return Math.ceil(sizes.reduce((sum, size) => sum + size, 0) / capacity - 1e-9);
}

/**
 * Martello–Toth L2: for each k ≤ C/2, items above C − k need a bin each, items in (C/2, C − k] too, and
 * items in [k, C/2] fill what those leave free before needing bins of their own.
 */
export function lowerBoundL2(sizes: readonly number[], capacity: number): number {
  const sorted = [...sizes].sort((a, b) => a - b);
  let best = continuousBound(sizes, capacity);
  const candidates = new Set<number>([0]);
  for (const size of sorted) if (size <= capacity / 2) candidates.add(size);
  for (const k of candidates) {
    let large = 0; // > C − k
    let medium = 0; // (C/2, C − k]
    let mediumSum = 0;
    let smallSum = 0; // [k, C/2]
    for (const size of sorted) {
      if (size > capacity - k) large += 1;
      else if (size > capacity / 2) {
        medium += 1;
        mediumSum += size;
      } else if (size >= k) smallSum += size;
    }
    const spill = Math.max(0, Math.ceil((smallSum - (medium * capacity - mediumSum)) / capacity - 1e-9));
    best = Math.max(best, large + medium + spill);
  }
  return best;
}

/** Distinct sizes, largest first, with how many items of each are left. */
class ItemPool {
  readonly values: number[];
  readonly items: number[][];
  readonly counts: number[];
  total = 0;
  left = 0;

  constructor(sizes: readonly number[], indices: readonly number[]) {
    const byValue = new Map<number, number[]>();
    for (const index of [...indices].sort((a, b) => a - b)) {
      const size = sizes[index] ?? 0;
      const group = byValue.get(size);
      if (group === undefined) byValue.set(size, [index]);
      else group.push(index);
      this.total += size;
      this.left += 1;
    }
    this.values = [...byValue.keys()].sort((a, b) => b - a);
    this.items = this.values.map((value) => byValue.get(value) ?? []);
    this.counts = this.items.map((group) => group.length);
  }

  largest(): number {
    return this.counts.findIndex((count) => count > 0);
  }

  smallestValue(): number {
    for (let slot = this.values.length - 1; slot >= 0; slot -= 1) if ((this.counts[slot] ?? 0) > 0) return this.values[slot] ?? 0;
    return Number.POSITIVE_INFINITY;
  }

  take(slot: number): void {
    this.counts[slot] = (this.counts[slot] ?? 0) - 1;
    this.total -= this.values[slot] ?? 0;
    this.left -= 1;
  }

  give(slot: number): void {
    this.counts[slot] = (this.counts[slot] ?? 0) + 1;
    this.total += this.values[slot] ?? 0;
    this.left += 1;
  }

  /** Item indices for a bin given as slots; takes them off the pool's index lists from the end. */
  indicesOf(slots: readonly number[], used: number[]): number[] {
    return slots.map((slot) => {
      const next = used[slot] ?? 0;
      used[slot] = next + 1;
      return this.items[slot]?.[next] ?? -1;
    });
  }
}

/**
 * The fullest completions of a bin with room `room` from what is left in the pool (slots of sizes), at
 * most `keep` of them, fullest first; only maximal ones (no item left would still fit). `minSum` drops
 * completions using less than that. Stops after STEPS_PER_BIN subsets.
 */
function completions(
  pool: ItemPool,
  room: number,
  minSum: number,
  keep: number,
  budget: { steps: number } = { steps: STEPS_PER_BIN },
): { slots: number[]; sum: number }[] {
  const found: { slots: number[]; sum: number }[] = [];
  const chosen: number[] = [];
  const taken = new Map<number, number>();
  let steps = 0;
  // Suffix sums of what is left, to stop a branch that cannot reach minSum.
  const suffix: number[] = new Array<number>(pool.values.length + 1).fill(0);
  for (let slot = pool.values.length - 1; slot >= 0; slot -= 1) {
    suffix[slot] = (suffix[slot + 1] ?? 0) + (pool.values[slot] ?? 0) * (pool.counts[slot] ?? 0);
  }
  const smallestLeft = (): number => {
    for (let slot = pool.values.length - 1; slot >= 0; slot -= 1) {
      if ((pool.counts[slot] ?? 0) - (taken.get(slot) ?? 0) > 0) return pool.values[slot] ?? 0;
    }
    return Number.POSITIVE_INFINITY;
  };
  const record = (sum: number) => {
    if (sum < minSum || smallestLeft() <= room - sum) return;
    found.push({ slots: [...chosen], sum });
    if (found.length > keep * 4) {
      found.sort((a, b) => b.sum - a.sum);
      found.length = keep;
      minSum = Math.max(minSum, found[keep - 1]?.sum ?? minSum);
    }
  };
  const walk = (from: number, sum: number): boolean => {
    steps += 1;
    budget.steps -= 1;
    if (steps > STEPS_PER_BIN || budget.steps < 0) return false;
    if (sum + (suffix[from] ?? 0) < minSum) return true;
    let extended = false;
    for (let slot = from; slot < pool.values.length; slot += 1) {
      const value = pool.values[slot] ?? 0;
      if ((pool.counts[slot] ?? 0) - (taken.get(slot) ?? 0) <= 0 || sum + value > room) continue;
      extended = true;
      chosen.push(slot);
      taken.set(slot, (taken.get(slot) ?? 0) + 1);
      const going = walk(slot, sum + value);
      taken.set(slot, (taken.get(slot) ?? 0) - 1);
      chosen.pop();
      if (!going) return false;
    }
    if (!extended) record(sum);
    return true;
  };
  walk(0, 0);
  if (found.length === 0 && minSum <= 0) found.push({ slots: [], sum: 0 });
  found.sort((a, b) => b.sum - a.sum || a.slots.length - b.slots.length);
  return found.slice(0, keep);
}

/** Minimum Bin Slack (Gupta–Ho, Fleszar–Hindi's MBS'): each bin takes the largest item left and the fullest completion found. */
function minimumBinSlack(sizes: readonly number[], indices: readonly number[], capacity: number): number[][] {
  const pool = new ItemPool(sizes, indices);
  const used: number[] = [];
  const bins: number[][] = [];
  for (let first = pool.largest(); first >= 0; first = pool.largest()) {
    pool.take(first);
    const best = completions(pool, capacity - (pool.values[first] ?? 0), 0, 1)[0]?.slots ?? [];
    for (const slot of best) pool.take(slot);
    bins.push(pool.indicesOf([first, ...best], used));
  }
  return bins;
}

function firstFitDecreasing(sizes: readonly number[], indices: readonly number[], capacity: number): number[][] {
  const bins: { load: number; items: number[] }[] = [];
  for (const index of [...indices].sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b)) {
    const size = sizes[index] ?? 0;
    const bin = bins.find((candidate) => candidate.load + size <= capacity);
    if (bin === undefined) bins.push({ load: size, items: [index] });
    else {
      bin.load += size;
      bin.items.push(index);
    }
  }
  return bins.map((bin) => bin.items);
}

/**
 * Bin completion (Korf): bins are filled one at a time, each with the largest item left and one of the
 * fullest maximal completions, within a slack budget of binCount × C − Σ sizes; undefined when the step
 * budget runs out or no packing into `binCount` bins exists among the completions tried.
 */
function packIntoBins(
  sizes: readonly number[],
  indices: readonly number[],
  capacity: number,
  binCount: number,
  budget: { steps: number },
): number[][] | undefined {
  const pool = new ItemPool(sizes, indices);
  const stack: number[][] = [];
  const search = (binsLeft: number, slack: number): boolean => {
    if (pool.left === 0) return true;
    if (binsLeft === 0 || budget.steps <= 0) return false;
    const first = pool.largest();
    const room = capacity - (pool.values[first] ?? 0);
    pool.take(first);
    for (const option of completions(pool, room, room - slack, BRANCHES_PER_BIN, budget)) {
      for (const slot of option.slots) pool.take(slot);
      stack.push([first, ...option.slots]);
      if (search(binsLeft - 1, slack - (room - option.sum))) return true;
      stack.pop();
      for (const slot of option.slots) pool.give(slot);
      if (budget.steps <= 0) break;
    }
    pool.give(first);
    return false;
  };
  if (!search(binCount, binCount * capacity - pool.total)) return undefined;
  const used: number[] = [];
  return stack.map((slots) => pool.indicesOf(slots, used));
}

/**
 * MTRP-style reduction: the largest item j goes into a bin of its own with the largest item k that fits
 * beside it when no other set of items fitting beside j holds more than k (then {j, k} dominates every
 * bin containing j and some optimum has it). Checked exactly for a perfect fill, for nothing else fitting,
 * and for pairs when no three items fit beside j.
 */
function reduce(sizes: readonly number[], indices: readonly number[], capacity: number): { fixed: number[][]; rest: number[] } {
  const order = [...indices].sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  const fixed: number[][] = [];
  const left = [...order]; // largest first
  const size = (index: number | undefined) => (index === undefined ? 0 : (sizes[index] ?? 0));
  for (;;) {
    const head = left[0];
    if (head === undefined) break;
    const room = capacity - size(head);
    const others = left.slice(1);
    // others are sorted largest first; the smallest are at the end.
    const smallest = others.at(-1);
    if (smallest === undefined || size(smallest) > room) {
      fixed.push([head]);
      left.shift();
      continue;
    }
    const partnerAt = others.findIndex((index) => size(index) <= room);
    const partner = others[partnerAt];
    if (partner === undefined) break;
    const partnerSize = size(partner);
    const twoSmallest = size(others.at(-1)) + size(others.at(-2));
    const threeSmallest = twoSmallest + size(others.at(-3));
    let dominated = partnerSize === room || others.length < 2 || twoSmallest > room;
    if (!dominated && (others.length < 3 || threeSmallest > room)) {
      // Best pair sum ≤ room among the others (two pointers over the descending list).
      let best = 0;
      for (let a = 0, b = others.length - 1; a < b; ) {
        const sum = size(others[a]) + size(others[b]);
        if (sum > room) a += 1;
        else {
          best = Math.max(best, sum);
          b -= 1;
        }
      }
      dominated = best <= partnerSize;
    }
    if (!dominated) break;
    fixed.push([head, partner]);
    left.splice(partnerAt + 1, 1);
    left.shift();
  }
  return { fixed, rest: left };
}

/** mulberry32, so the search (and the LP bound's perturbation) is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Tabu search in `binCount` bins that may be overfull (the excess over capacity is the cost), moving one
 * item, or swapping one or two items of an overfull bin with one or two of another bin, until no bin is
 * overfull; a moved item may not move again for a few iterations unless that gives the best cost yet.
 * Starts from `start` with its smallest bins emptied into the others. Undefined when the move budget ends.
 */
function repairIntoBins(
  sizes: readonly number[],
  start: readonly (readonly number[])[],
  capacity: number,
  binCount: number,
  budget: { steps: number },
  seed: number,
  diversify: boolean,
): number[][] | undefined {
  const random = seededRandom(seed);
  const size = (index: number) => sizes[index] ?? 0;
  const loadOf = (items: readonly number[]) => items.reduce((sum, index) => sum + size(index), 0);
  // The first run empties the emptiest bins; later runs empty bins drawn at random.
  const ordered = [...start].map((items) => [...items]).sort((a, b) => loadOf(b) - loadOf(a));
  if (diversify) {
    for (let index = ordered.length - 1; index > 0; index -= 1) {
      const other = Math.floor(random() * (index + 1));
      [ordered[index], ordered[other]] = [ordered[other] ?? [], ordered[index] ?? []];
    }
  }
  const bins = ordered.slice(0, binCount);
  while (bins.length < binCount) bins.push([]);
  const loads = bins.map(loadOf);
  const excess = (load: number) => (load > capacity ? load - capacity : 0);
  for (const index of ordered.slice(binCount).flat().sort((a, b) => size(b) - size(a) || a - b)) {
    let target = 0;
    for (let bin = 1; bin < binCount; bin += 1) if ((loads[bin] ?? 0) < (loads[target] ?? 0)) target = bin;
    bins[target]?.push(index);
    loads[target] = (loads[target] ?? 0) + size(index);
  }
  let cost = loads.reduce((sum, load) => sum + excess(load), 0);
  let bestCost = cost;
  const tabuUntil = new Int32Array(sizes.length).fill(-1);
  const weight = Int32Array.from(sizes);
  for (let iteration = 0; cost > 0; iteration += 1) {
    if (budget.steps <= 0) return undefined;
    const overfull = loads.flatMap((load, bin) => (load > capacity ? [bin] : []));
    const from = overfull[Math.floor(random() * overfull.length)] ?? 0;
    const fromItems = bins[from] ?? [];
    const fromLoad = loads[from] ?? 0;
    // The chosen move: up to two items of `from` (x, x2) for up to two of `to` (y, y2); -1 for none.
    let bestDelta = Number.POSITIVE_INFINITY;
    let bestTo = -1;
    let bx = -1;
    let bx2 = -1;
    let by = -1;
    let by2 = -1;
    let ties = 0;
    const blocked = (index: number) => index >= 0 && (tabuUntil[index] ?? -1) > iteration;
    const fromExcess = excess(fromLoad);
    for (let to = 0; to < binCount; to += 1) {
      if (to === from) continue;
      const toItems = bins[to] ?? [];
      const toLoad = loads[to] ?? 0;
      const baseline = fromExcess + excess(toLoad);
      const toCount = toItems.length;
      budget.steps -= fromItems.length * (1 + toCount) * (1 + toCount);
      for (let a = 0; a < fromItems.length; a += 1) {
        const x = fromItems[a] ?? 0;
        for (let d = a; d < fromItems.length; d += 1) {
          const x2 = d === a ? -1 : (fromItems[d] ?? 0);
          const out = (weight[x] ?? 0) + (x2 < 0 ? 0 : (weight[x2] ?? 0));
          for (let b = -1; b < toCount; b += 1) {
            const y = b < 0 ? -1 : (toItems[b] ?? 0);
            for (let c = b, end = b < 0 ? 0 : toCount; c < end; c += 1) {
              const y2 = c === b ? -1 : (toItems[c] ?? 0);
              const moved = out - (y < 0 ? 0 : (weight[y] ?? 0)) - (y2 < 0 ? 0 : (weight[y2] ?? 0));
              if (moved <= 0) continue;
              const delta = excess(fromLoad - moved) + excess(toLoad + moved) - baseline;
              if (delta > bestDelta) continue;
              if ((blocked(x) || blocked(x2) || blocked(y) || blocked(y2)) && cost + delta >= bestCost) continue;
              if (delta < bestDelta) ties = 0;
              ties += 1;
              if (ties > 1 && random() * ties >= 1) continue;
              bestDelta = delta;
              bestTo = to;
              bx = x;
              bx2 = x2;
              by = y;
              by2 = y2;
            }
          }
        }
      }
    }
    if (bestTo < 0) continue;
    const out = [bx, bx2].filter((index) => index >= 0);
    const back = [by, by2].filter((index) => index >= 0);
    bins[from] = [...fromItems.filter((index) => !out.includes(index)), ...back];
    bins[bestTo] = [...(bins[bestTo] ?? []).filter((index) => !back.includes(index)), ...out];
    const moved = loadOf(out) - loadOf(back);
    loads[from] = fromLoad - moved;
    loads[bestTo] = (loads[bestTo] ?? 0) + moved;
    cost += bestDelta;
    bestCost = Math.min(bestCost, cost);
    const tenure = 2 + Math.floor(random() * 4);
    for (const index of [...out, ...back]) tabuUntil[index] = iteration + tenure;
  }
  return bins.filter((items) => items.length > 0);
}

/**
 * Packs `sizes` (positive integers, none above `capacity`) into as few bins as it can prove or find:
 * reduction, then FFD and MBS', then bin completion aiming at the lower bound (and one above it while
 * that still beats the heuristics), all within the step budget.
 */
export function packBins(sizes: readonly number[], capacity: number, options: PackingOptions = {}): PackingResult {
  const all = sizes.map((_, index) => index);
  const { fixed, rest } = reduce(sizes, all, capacity);
  const restSizes = rest.map((index) => sizes[index] ?? 0);
  const restBound = rest.length === 0 ? 0 : Math.max(continuousBound(restSizes, capacity), lowerBoundL2(restSizes, capacity));
  const lowerBound = Math.max(continuousBound(sizes, capacity), lowerBoundL2(sizes, capacity), fixed.length + restBound);
  const ffd = firstFitDecreasing(sizes, rest, capacity);
  const mbs = minimumBinSlack(sizes, rest, capacity);
  let best: number[][] = mbs.length <= ffd.length ? mbs : ffd;
  let method: PackingResult['method'] = mbs.length <= ffd.length ? 'mbs' : 'ffd';
  const initialBudget = options.stepBudget ?? DEFAULT_STEP_BUDGET;
  const budget = { steps: initialBudget };
  const completed = restBound < best.length ? packIntoBins(sizes, rest, capacity, restBound, { steps: Math.min(budget.steps, COMPLETION_STEPS) }) : undefined;
  if (completed !== undefined) {
    best = completed;
    method = 'completion';
  }
  let stepsToBest = 0;
  // One bin fewer at a time, each tabu search starting from the last packing found.
  for (let target = best.length - 1; target >= restBound && budget.steps > 0; target -= 1) {
    let repaired: number[][] | undefined;
    for (let round = 0; repaired === undefined && budget.steps > 0; round += 1) {
      const allowed = Math.min(FIRST_TABU_RUN * 2 ** Math.min(round, 20), budget.steps);
      const roundBudget = { steps: allowed };
      repaired = repairIntoBins(sizes, best, capacity, target, roundBudget, target * 7919 + round, round > 0);
      budget.steps -= allowed - Math.max(0, roundBudget.steps);
    }
    if (repaired === undefined) break;
    best = repaired;
    method = 'tabu';
    stepsToBest = initialBudget - Math.max(0, budget.steps);
  }
  let completionSteps = 0;
  if (best.length > restBound && rest.length <= LAST_COMPLETION_MAX_ITEMS) {
    const lastBudget = { steps: LAST_COMPLETION_STEPS };
    const last = packIntoBins(sizes, rest, capacity, restBound, lastBudget);
    completionSteps = LAST_COMPLETION_STEPS - Math.max(0, lastBudget.steps);
    if (last !== undefined) {
      best = last;
      method = 'completion';
      stepsToBest = initialBudget - Math.max(0, budget.steps) + completionSteps;
    }
  }
  return { bins: [...fixed, ...best], lowerBound, reducedBins: fixed.length, method, searchSteps: initialBudget - Math.max(0, budget.steps) + completionSteps, stepsToBest };
}
