// Arc-flow bin packing (Valério de Carvalho): a bus is a path from seat 0 to its capacity whose arcs are
// households (by seat units) or empty seats; minimising the paths minimises the buses. Written as an
// LP-format model for HiGHS, and read back into bus loads.

export interface BinType {
  readonly capacity: number;
  /** How many bins of this capacity may be used. */
  readonly available: number;
}

export interface BinPackingInstance {
  /** Positive integers, none larger than the largest bin. */
  readonly itemSizes: readonly number[];
  readonly binTypes: readonly BinType[];
}

interface Arc {
  readonly from: number;
  readonly to: number;
  /** Item size carried, 0 for an empty-seat (loss) arc. */
  readonly size: number;
}

interface Exit {
  readonly node: number;
  readonly available: number;
}

export interface ArcFlowModel {
  /** Mixed-integer model in CPLEX LP format. */
  readonly mip: string;
  /** The same model without integrality: its optimum bounds the bin count from below. */
  readonly relaxation: string;
  readonly arcs: readonly Arc[];
  readonly exits: readonly Exit[];
  /** Node where every bin's path starts. */
  readonly source: number;
}

export interface PackedBin {
  readonly capacity: number;
  readonly itemSizes: readonly number[];
}

const arcName = (index: number) => `x${index}`;
const exitName = (index: number) => `z${index}`;

function demandsBySize(itemSizes: readonly number[]): [size: number, count: number][] {
  const counts = new Map<number, number>();
  for (const size of itemSizes) counts.set(size, (counts.get(size) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => b - a);
}

/**
 * Item arcs in decreasing size order only (a bin's items listed largest first), each size used at most
 * its demand along a path: the usual graph reduction, which keeps every packing representable.
 */
function itemArcs(demands: readonly [number, number][], largest: number): { arcs: Arc[]; reached: Uint8Array } {
  const reached = new Uint8Array(largest + 1);
  reached[0] = 1;
  const arcs: Arc[] = [];
  const copies = new Int32Array(largest + 1);
  for (const [size, demand] of demands) {
    copies.fill(0);
    for (let from = 0; from + size <= largest; from += 1) {
      if (reached[from] !== 1 || (copies[from] ?? 0) >= demand) continue;
      const to = from + size;
      arcs.push({ from, to, size });
      const viaThis = (copies[from] ?? 0) + 1;
      if (reached[to] !== 1) {
        reached[to] = 1;
        copies[to] = viaThis;
      } else if ((copies[to] ?? 0) > viaThis) {
        copies[to] = viaThis;
      }
    }
  }
  return { arcs, reached };
}

function linearSum(terms: readonly string[]): string {
  // Short lines: LP readers are happier, and a long model stays readable when printed.
  const lines: string[] = [];
  for (let start = 0; start < terms.length; start += 16) lines.push(terms.slice(start, start + 16).join(' '));
  return lines.join('\n   ').replace(/^\+ /, '');
}

/**
 * With one bin size, each node moves as far right as its item arcs allow (ψ(u) = min over arcs of
 * ψ(v) − size, ψ = capacity where no item follows) and equal labels merge: Brandão and Pedroso's final
 * compression. Every arc stays at least as long as its item, so every path still fits in a bin.
 */
function compress(arcs: readonly Arc[], nodes: readonly number[], capacity: number): { arcs: Arc[]; source: number } {
  const outgoing = new Map<number, Arc[]>();
  for (const arc of arcs) {
    const fromHere = outgoing.get(arc.from);
    if (fromHere === undefined) outgoing.set(arc.from, [arc]);
    else fromHere.push(arc);
  }
  const label = new Map<number, number>();
  for (const node of [...nodes].reverse()) {
    const out = outgoing.get(node) ?? [];
    label.set(node, out.reduce((lowest, arc) => Math.min(lowest, (label.get(arc.to) ?? capacity) - arc.size), capacity));
  }
  const merged = new Map<string, Arc>();
  for (const arc of arcs) {
    const relabelled = { from: label.get(arc.from) ?? arc.from, to: label.get(arc.to) ?? arc.to, size: arc.size };
    merged.set(`${relabelled.from}:${relabelled.to}:${relabelled.size}`, relabelled);
  }
  return { arcs: [...merged.values()], source: label.get(0) ?? 0 };
}

export function buildArcFlowModel(instance: BinPackingInstance): ArcFlowModel {
  const capacities = new Map<number, number>();
  for (const type of instance.binTypes) {
    if (type.available > 0) capacities.set(type.capacity, (capacities.get(type.capacity) ?? 0) + type.available);
  }
  const exits: Exit[] = [...capacities].sort(([a], [b]) => a - b).map(([node, available]) => ({ node, available }));
  const largest = exits.at(-1)?.node ?? 0;
  const demands = demandsBySize(instance.itemSizes);
  if (demands.some(([size]) => size <= 0 || size > largest || !Number.isInteger(size))) {
    throw new RangeError('every item size must be a positive integer no larger than the largest bin');
  }
  const built = itemArcs(demands, largest);
  const reachedNodes: number[] = [];
  built.reached.forEach((isReached, node) => {
    if (isReached === 1) reachedNodes.push(node);
  });
  const { arcs, source } = exits.length === 1 ? compress(built.arcs, reachedNodes, largest) : { arcs: built.arcs, source: 0 };
  const nodes = [...new Set([source, ...exits.map((exit) => exit.node), ...arcs.flatMap((arc) => [arc.from, arc.to])])].sort((a, b) => a - b);
  for (let index = 0; index + 1 < nodes.length; index += 1) {
    arcs.push({ from: nodes[index] ?? 0, to: nodes[index + 1] ?? 0, size: 0 });
  }

  const terms = new Map<number, string[]>(nodes.map((node) => [node, []]));
  arcs.forEach((arc, index) => {
    terms.get(arc.from)?.push(`- ${arcName(index)}`);
    terms.get(arc.to)?.push(`+ ${arcName(index)}`);
  });
  exits.forEach((exit, index) => {
    terms.get(exit.node)?.push(`- ${exitName(index)}`);
    terms.get(source)?.push(`+ ${exitName(index)}`);
  });
  const rows = nodes.map((node) => ` n${node}: ${linearSum(terms.get(node) ?? [])} = 0`);
  const carriers = new Map<number, string[]>(demands.map(([size]) => [size, []]));
  arcs.forEach((arc, index) => carriers.get(arc.size)?.push(`+ ${arcName(index)}`));
  // Equality, not ≥: covering an item twice is never useful and the tighter rows let presolve do more.
  for (const [size, demand] of demands) rows.push(` d${size}: ${linearSum(carriers.get(size) ?? [])} = ${demand}`);
  const objective = linearSum(exits.map((_, index) => `+ ${exitName(index)}`));
  const bounds = exits.map((exit, index) => ` ${exitName(index)} <= ${exit.available}`);
  // Empty-seat arcs stay continuous: once items and bins are whole numbers, conservation makes them whole.
  const integral = [...arcs.flatMap((arc, index) => (arc.size > 0 ? [arcName(index)] : [])), ...exits.map((_, index) => exitName(index))];
  const head = ['Minimize', ` bins: ${objective}`, 'Subject To', ...rows, 'Bounds', ...bounds];
  const generals = ['Generals'];
  for (let start = 0; start < integral.length; start += 16) generals.push(` ${integral.slice(start, start + 16).join(' ')}`);
  return {
    mip: [...head, ...generals, 'End'].join('\n'),
    relaxation: [...head, 'End'].join('\n'),
    arcs,
    exits,
    source,
  };
}

/** Splits an integral arc flow into bins, largest items first on each path; undefined if it is not a flow. */
export function decodeArcFlow(model: ArcFlowModel, values: Readonly<Record<string, number>>): PackedBin[] | undefined {
  const flow = model.arcs.map((_, index) => Math.round(values[arcName(index)] ?? 0));
  const exitsLeft = new Map<number, number>();
  let binCount = 0;
  model.exits.forEach((exit, index) => {
    const count = Math.round(values[exitName(index)] ?? 0);
    exitsLeft.set(exit.node, count);
    binCount += count;
  });
  const outgoing = new Map<number, number[]>();
  model.arcs.forEach((arc, index) => {
    const fromHere = outgoing.get(arc.from);
    if (fromHere === undefined) outgoing.set(arc.from, [index]);
    else fromHere.push(index);
  });
  const bins: PackedBin[] = [];
  for (let bin = 0; bin < binCount; bin += 1) {
    const itemSizes: number[] = [];
    let node = model.source;
    for (;;) {
      const arcs = outgoing.get(node) ?? [];
      const next =
        arcs.find((index) => (flow[index] ?? 0) > 0 && model.arcs[index]?.size !== 0) ??
        ((exitsLeft.get(node) ?? 0) > 0 ? undefined : arcs.find((index) => (flow[index] ?? 0) > 0));
      if (next === undefined) break;
      flow[next] = (flow[next] ?? 0) - 1;
      const arc = model.arcs[next];
      if (arc === undefined) return undefined;
      if (arc.size > 0) itemSizes.push(arc.size);
      node = arc.to;
    }
    const left = exitsLeft.get(node) ?? 0;
    if (left <= 0) return undefined;
    exitsLeft.set(node, left - 1);
    bins.push({ capacity: node, itemSizes });
  }
  return bins;
}
