// Belongings grow with the family: one fixed truck share for one person or twenty was wrong both ways.

/** A family's belongings: a base share plus a share per person, bounded (in truck shares; 1 = a truck of capacity 1). */
export interface CargoShareRule {
  /** What any family brings whatever its size (mattresses, cooking things, a tent). */
  readonly base: number;
  readonly perPerson: number;
  readonly min: number;
  readonly max: number;
}

/**
 * 0.5 + 0.1 per person, at least 0.5 and at most 2 truck shares: a family of five takes one share (the
 * old fixed share, so typical families plan as before), a single person 0.6, a family of fifteen 2.
 */
export const DEFAULT_CARGO_SHARE_RULE: CargoShareRule = { base: 0.5, perPerson: 0.1, min: 0.5, max: 2 };

/** Truck shares for a family of `people` members, in thousandths exactly (what the packing counts). */
export function cargoSharesOf(people: number, rule: CargoShareRule = DEFAULT_CARGO_SHARE_RULE): number {
  const persons = Number.isFinite(people) && people > 0 ? Math.floor(people) : 0;
  const shares = Math.min(rule.max, Math.max(rule.min, rule.base + rule.perPerson * persons));
  return Math.round(shares * 1000) / 1000;
}
