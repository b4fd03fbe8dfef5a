import type { ConsentDecision, ConsentPolicy, HouseholdStatus } from '@awda/contracts';

export interface AdultDecision {
  memberId: string;
  isHead: boolean;
  decision: ConsentDecision | null;
}

/** What registration says is still missing, in a case worker's words (no names). */
export const GUARDIAN_CONSENT_MISSING = 'guardian consent or best-interests decision missing';

/** No member has reached the adult age: a guardian or a best-interests decision consents for the household. */
export function isChildHeaded(ages: readonly number[], adultAge: number): boolean {
  return ages.length > 0 && ages.every((age) => age < adultAge);
}

/**
 * Adults whose consent is still needed before the household can travel, under the camp's policy. Under
 * head_only the head consents for the household only if the head is an adult (`adults` holds adults
 * only): with a minor head every adult is asked, as eligibility does.
 */
export function missingConsents(adults: AdultDecision[], policy: ConsentPolicy): string[] {
  const head = adults.find((a) => a.isHead);
  const needed = policy === 'head_only' && head !== undefined ? [head] : adults;
  return needed.filter((a) => a.decision !== 'consent').map((a) => a.memberId);
}

/**
 * What is missing before the household can travel, as sentences: adults' consents, or for a household
 * with no adult (`adults` empty) a guardian's consent or a best-interests decision.
 */
export function missingItems(adults: AdultDecision[], policy: ConsentPolicy, guardian: ConsentDecision | null): string[] {
  if (adults.length === 0) return guardian === 'consent' ? [] : [GUARDIAN_CONSENT_MISSING];
  const count = missingConsents(adults, policy).length;
  if (count === 0) return [];
  return [`consent missing for ${count} ${count === 1 ? 'adult' : 'adults'}`];
}

/**
 * The household's status after a decision: any adult's standing withdrawal withdraws the household;
 * when no adult's latest decision is a withdrawal any more, a withdrawn household is registered again.
 * A child-headed household's guardian (or best-interests decision) stands in for the adults.
 */
export function statusAfterDecision(status: HouseholdStatus, adults: AdultDecision[]): HouseholdStatus {
  const withdrawn = adults.some((a) => a.decision === 'withdraw');
  if (withdrawn && (status === 'registered' || status === 'scheduled')) return 'withdrawn';
  if (!withdrawn && status === 'withdrawn') return 'registered';
  return status;
}
