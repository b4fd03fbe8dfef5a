export { cargoSharesOf, DEFAULT_CARGO_SHARE_RULE, type CargoShareRule } from './cargo-share.js';
export { planConvoys } from './plan-convoys.js';
export { planConvoysOptimal } from './plan-convoys-optimal.js';
export { applyPlanEdits, TAKEN_OUT, type PlanEditError, type PlanEditErrorCode, type PlanEditResult, type PlanEdits, type PlanMove } from './plan-edits.js';
export { effectiveCapacity, memberSeatWeight, roundSeatUnits, seatUnitsOf } from './seat-units.js';
export {
  ConvoyPlanInputError,
  DEFAULT_EXACT_TIME_LIMIT_MS,
  DEFAULT_MAX_BUSES_PER_CONVOY,
  DEFAULT_MAX_FAMILIES_PER_CONVOY,
  DEFAULT_SEAT_WEIGHTS,
  DEFAULT_SPARE_SHARE,
} from './planner-input.js';
export type {
  AmbulanceToPlan,
  BusToPlan,
  BusType,
  CargoTruckToPlan,
  ConvoyPlanInput,
  ExactSolverOptions,
  HouseholdToPlan,
  Member,
  PlannerOptions,
  SeatWeights,
  VehicleToPlan,
} from './planner-input.js';
export type {
  AmbulancePlaces,
  BusPassengers,
  CargoShare,
  ConvoyPlan,
  CorridorQuality,
  ExactStatus,
  PlannedAmbulance,
  PlannedBus,
  PlannedCargoTruck,
  PlannedConvoy,
  PlanQuality,
  UnplacedHousehold,
  UnplacedReasonCode,
} from './planner-output.js';
