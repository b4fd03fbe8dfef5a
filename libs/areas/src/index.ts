export {
  MAX_AREA_DEPTH,
  chainOf,
  chainsFromWalk,
  corridorServing,
  reaches,
  strictestOnChain,
  type AreaCorridor,
  type AreaStatus,
  type AreaWalkStep,
} from './area-hierarchy.js';
