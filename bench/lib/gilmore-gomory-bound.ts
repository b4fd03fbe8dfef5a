// The Gilmore–Gomory LP bound for one-capacity bin packing, by column generation: the master LP (HiGHS)
// covers each size's demand with bin patterns; pricing is a bounded knapsack over the capacity by dynamic
// programming. Farley's bound (master ÷ best pattern value) stops it once its ceiling meets the master's.
// Used by the planner benchmark to state what is proven where a packing is above L2; the arc-flow model
// is not built at capacity 100,000.
import { createRequire } from 'node:module';
import type { Highs } from 'highs';

export interface LpBound {
  /** ⌈LP⌉ when the column generation converged, else ⌈Farley's bound⌉ (1e-6 below an integer counts as it). */
  readonly bound: number;
  /** The master LP's last value (the LP optimum when `converged`). */
  readonly lpValue: number;
  readonly converged: boolean;
  /** Column generation rounds (master solves). */
  readonly rounds: number;
}

const highsLoader = createRequire(import.meta.url)('highs') as () => Promise<Highs>;
let loaded: Promise<Highs> | undefined;

const EPSILON = 1e-7;
/** Improving patterns added to the master per pricing round. */
const COLUMNS_PER_ROUND = 8;

/**
 * The most valuable pattern: at most `counts[j]` items of size `sizes[j]`, total ≤ capacity. Depth-first
 * branch and bound over item copies by decreasing value per unit (Horowitz–Sahni), with the fractional
 * knapsack as the bound; exact, and fast when few items fit in a bin.
 */
function price(sizes: readonly number[], counts: readonly number[], values: readonly number[], capacity: number): { value: number; patterns: number[][] } {
  const copies: number[] = [];
  sizes.forEach((size, slot) => {
    if ((values[slot] ?? 0) > EPSILON) for (let copy = 0; copy < Math.min(counts[slot] ?? 0, Math.floor(capacity / size)); copy += 1) copies.push(slot);
  });
  copies.sort((a, b) => (values[b] ?? 0) / (sizes[b] ?? 1) - (values[a] ?? 0) / (sizes[a] ?? 1) || a - b);
  const weight = copies.map((slot) => sizes[slot] ?? 0);
  const value = copies.map((slot) => values[slot] ?? 0);
  let bestValue = 0;
  // Every pattern that improved on the best so far and is worth more than a bin: all become columns.
  const improving: number[][] = [];
  const chosen: number[] = [];
  const bound = (from: number, room: number, sum: number): number => {
    let total = sum;
    for (let copy = from; copy < copies.length; copy += 1) {
      const w = weight[copy] ?? 0;
      if (w <= room) {
        room -= w;
        total += value[copy] ?? 0;
      } else return total + ((value[copy] ?? 0) * room) / w;
    }
    return total;
  };
  const walk = (from: number, room: number, sum: number): void => {
    if (sum > bestValue + 1e-12) {
      bestValue = sum;
      if (sum > 1 + EPSILON) improving.push([...chosen]);
    }
    for (let copy = from; copy < copies.length; copy += 1) {
      const w = weight[copy] ?? 0;
      if (w > room) continue;
      if (bound(copy, room, sum) <= bestValue + 1e-12) return;
      chosen.push(copy);
      walk(copy + 1, room - w, sum + (value[copy] ?? 0));
      chosen.pop();
    }
  };
  walk(0, capacity, 0);
  const patterns = improving.slice(-COLUMNS_PER_ROUND).map((picked) => {
    const pattern = sizes.map(() => 0);
    for (const copy of picked) {
      const slot = copies[copy] ?? 0;
      pattern[slot] = (pattern[slot] ?? 0) + 1;
    }
    return pattern;
  });
  return { value: bestValue, patterns };
}

function masterLp(counts: readonly number[], patterns: readonly (readonly number[])[]): string {
  const objective = patterns.map((_, index) => `p${index}`).join(' + ');
  const rows = counts.map((count, slot) => {
    const terms = patterns.flatMap((pattern, index) => ((pattern[slot] ?? 0) > 0 ? [`${pattern[slot]} p${index}`] : []));
    return ` d${slot}: ${terms.join(' + ')} >= ${count}`;
  });
  return `Minimize\n obj: ${objective}\nSubject To\n${rows.join('\n')}\nEnd\n`;
}

/**
 * The LP bound of packing `items` into bins of `capacity`, within `maxRounds` master solves; `start` (bins
 * as lists of item sizes, e.g. a heuristic's packing) seeds the master with good columns.
 */
export async function gilmoreGomoryBound(
  items: readonly number[],
  capacity: number,
  start: readonly (readonly number[])[] = [],
  maxRounds = 2000,
): Promise<LpBound> {
  loaded ??= highsLoader();
  const highs = await loaded;
  const bySize = new Map<number, number>();
  for (const size of items) bySize.set(size, (bySize.get(size) ?? 0) + 1);
  const sizes = [...bySize.keys()].sort((a, b) => b - a);
  const counts = sizes.map((size) => bySize.get(size) ?? 0);
  // Start with one single-size pattern per size.
  const patterns: number[][] = sizes.map((size, slot) => sizes.map((_, other) => (other === slot ? Math.min(counts[slot] ?? 0, Math.floor(capacity / size)) : 0)));
  const slotOf = new Map(sizes.map((size, slot) => [size, slot]));
  for (const bin of start) {
    const pattern = sizes.map(() => 0);
    for (const size of bin) {
      const slot = slotOf.get(size);
      if (slot !== undefined) pattern[slot] = (pattern[slot] ?? 0) + 1;
    }
    patterns.push(pattern);
  }
  let lpValue = 0;
  let farley = 0;
  for (let round = 1; round <= maxRounds; round += 1) {
    const solution = highs.solve(masterLp(counts, patterns), { output_flag: false });
    if (solution.Status !== 'Optimal') throw new Error(`master LP: ${solution.Status}`);
    lpValue = solution.ObjectiveValue;
    const duals = sizes.map((_, slot) => Math.max(0, (solution.Rows[slot] as { Dual?: number } | undefined)?.Dual ?? 0));
    const { value, patterns: found } = price(sizes, counts, duals, capacity);
    // Farley: the duals scaled by the best pattern's value are feasible for the dual LP, so their
    // objective bounds the LP from below (computed from the duals, not from the master's value).
    const dualObjective = duals.reduce((sum, dual, slot) => sum + dual * (counts[slot] ?? 0), 0);
    farley = Math.max(farley, dualObjective / Math.max(1, value));
    if (value <= 1 + EPSILON) return { bound: Math.ceil(lpValue - 1e-6), lpValue, converged: true, rounds: round };
    if (Math.ceil(farley - 1e-6) >= Math.ceil(lpValue - 1e-6)) return { bound: Math.ceil(farley - 1e-6), lpValue, converged: false, rounds: round };
    patterns.push(...found);
  }
  return { bound: Math.ceil(farley - 1e-6), lpValue, converged: false, rounds: maxRounds };
}
