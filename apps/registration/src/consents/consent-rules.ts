import type { ConsentDecision, ConsentPolicy, HouseholdStatus } from '@awda/contracts';

export interface AdultDecision {
  memberId: string;
  isHead: boolean;
  decision: ConsentDecision | null;
}

/** Adults whose consent is still needed before the household can travel, under the camp's policy. */
export function missingConsents(adults: AdultDecision[], policy: ConsentPolicy): string[] {
  const needed = policy === 'head_only' ? adults.filter((a) => a.isHead) : adults;
  return needed.filter((a) => a.decision !== 'consent').map((a) => a.memberId);
}

/**
 * The household's status after a decision: any adult's standing withdrawal withdraws the household;
 * when no adult's latest decision is a withdrawal any more, a withdrawn household is registered again.
 */
export function statusAfterDecision(status: HouseholdStatus, adults: AdultDecision[]): HouseholdStatus {
  const withdrawn = adults.some((a) => a.decision === 'withdraw');
  if (withdrawn && (status === 'registered' || status === 'scheduled')) return 'withdrawn';
  if (!withdrawn && status === 'withdrawn') return 'registered';
  return status;
}
