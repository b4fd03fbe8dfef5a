import { intakeHouseholds } from './household-intake.js';
import { assemblePlan } from './plan-assembly.js';
import { selectAndPack } from './plan-selection.js';
import { resolvePlannerContext } from './planner-context.js';
import type { ConvoyPlanInput } from './planner-input.js';
import type { ConvoyPlan } from './planner-output.js';

/**
 * Plans convoys by First Fit Decreasing, synchronously and without the solver: same input, same plan.
 * Throws ConvoyPlanInputError for unusable options or fleet; a bad household is only left unplaced.
 */
export function planConvoys(input: ConvoyPlanInput): ConvoyPlan {
  const startedAt = performance.now();
  const context = resolvePlannerContext(input);
  const intake = intakeHouseholds(input.households, context);
  const packed = selectAndPack(context, intake.plannable);
  return assemblePlan({
    households: input.households,
    state: packed.state,
    placed: packed.placed,
    unplaced: [...intake.unplaced, ...packed.unplaced],
    exact: new Map(),
    startedAt,
  });
}
