// Road corridors: reference data in the corridors table. A corridor names areas at any level and
// serves every destination whose chain in the area hierarchy reaches one of them. Pure.
import { corridorServing } from '@awda/areas';

export interface Corridor {
  id: string;
  name: string;
  /** Areas on this road, at any level, e.g. SY11 (all of Ar-Raqqa governorate) or SY1102 (Tabqa district). */
  areaCodes: string[];
}

/** The corridor a destination lies on, from its chain (the destination, then every area above it). */
export function corridorOf(corridors: readonly Corridor[], chain: readonly string[]): Corridor | undefined {
  return corridorServing(corridors, chain);
}
