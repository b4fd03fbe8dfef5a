// The destination-area hierarchy (governorate → district → sub-district → community) as every service
// reads it: a destination is resolved through its parents, never by the text of its code. Pure.

export type AreaStatus = 'open' | 'closed' | 'restricted';

/** One step of a walk up the hierarchy: `code` is `depth` levels above the destination `origin`. */
export interface AreaWalkStep {
  readonly origin: string;
  readonly code: string;
  readonly depth: number;
}

/** Deepest walk followed up the hierarchy: four levels exist; a cycle in a bad list stops here. */
export const MAX_AREA_DEPTH = 8;

/**
 * Chains from a walk up the hierarchy (e.g. a recursive query): for each destination, itself and every
 * area above it, nearest first. A destination the walk does not mention gets a chain of itself only.
 */
export function chainsFromWalk(destinations: readonly string[], steps: readonly AreaWalkStep[]): Map<string, string[]> {
  const byOrigin = new Map<string, AreaWalkStep[]>();
  for (const step of steps) {
    if (step.depth > MAX_AREA_DEPTH) continue;
    const list = byOrigin.get(step.origin) ?? [];
    list.push(step);
    byOrigin.set(step.origin, list);
  }
  const chains = new Map<string, string[]>();
  for (const destination of destinations) {
    const walked = (byOrigin.get(destination) ?? []).sort((a, b) => a.depth - b.depth).map((step) => step.code);
    const chain = [destination];
    for (const code of walked) if (!chain.includes(code)) chain.push(code);
    chains.set(destination, chain);
  }
  return chains;
}

/** The chain of a destination from a parent lookup; a cycle or a missing parent ends it. */
export function chainOf(destination: string, parentOf: (code: string) => string | null | undefined): string[] {
  const chain = [destination];
  for (let parent = parentOf(destination); parent && chain.length <= MAX_AREA_DEPTH && !chain.includes(parent); parent = parentOf(parent)) {
    chain.push(parent);
  }
  return chain;
}

const SEVERITY: Readonly<Record<AreaStatus, number>> = { open: 0, restricted: 1, closed: 2 };

/**
 * The strictest status set on a chain (closed over restricted over open) with the area that sets it,
 * the nearest to the destination on a tie; undefined when nothing on the chain is restricted or closed.
 */
export function strictestOnChain<S extends { readonly status: AreaStatus }>(
  chain: readonly string[],
  statuses: ReadonlyMap<string, S>,
): (S & { readonly code: string }) | undefined {
  let strictest: (S & { readonly code: string }) | undefined;
  for (const code of chain) {
    const state = statuses.get(code);
    if (!state || state.status === 'open') continue;
    if (!strictest || SEVERITY[state.status] > SEVERITY[strictest.status]) strictest = { ...state, code };
  }
  return strictest;
}

/** Whether a convoy or corridor naming these areas (any level) goes to a destination with this chain. */
export function reaches(areaCodes: readonly string[], chain: readonly string[]): boolean {
  return chain.some((code) => areaCodes.includes(code));
}

export interface AreaCorridor {
  readonly id: string;
  /** Areas on this road, at any level: a governorate covers every place in it. */
  readonly areaCodes: readonly string[];
}

/**
 * The corridor serving a destination: the one naming the area nearest to it on its chain (the most
 * specific road), the first id on a tie; undefined when no corridor reaches it.
 */
export function corridorServing<C extends AreaCorridor>(corridors: readonly C[], chain: readonly string[]): C | undefined {
  const sorted = [...corridors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const code of chain) {
    const corridor = sorted.find((c) => c.areaCodes.includes(code));
    if (corridor) return corridor;
  }
  return undefined;
}
