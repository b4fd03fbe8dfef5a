// Road corridors: reference data in the corridors table, matched by area-code prefix. Pure.

export interface Corridor {
  id: string;
  name: string;
  /** Area-code prefixes on this road, e.g. SY11 (all of Ar-Raqqa governorate). */
  areaPrefixes: string[];
}

/** The corridor a destination lies on: the one with the longest matching prefix (first id on a tie). */
export function corridorOf(corridors: readonly Corridor[], destinationArea: string): Corridor | undefined {
  let best: { corridor: Corridor; length: number } | undefined;
  for (const corridor of [...corridors].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    for (const prefix of corridor.areaPrefixes) {
      if (destinationArea.startsWith(prefix) && prefix.length > (best?.length ?? 0)) best = { corridor, length: prefix.length };
    }
  }
  return best?.corridor;
}
