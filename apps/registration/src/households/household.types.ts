import type { ConsentPolicy } from '@awda/contracts';
import type { Row } from '@awda/persistence';
import type { documentRow, householdRow, latestConsentRow, latestGuardianConsentRow, memberWithDocuments } from './households.repository.js';

// The row types come from the repository's schemas (rows are checked, not annotated).
export type HouseholdRecord = Row<typeof householdRow>;
export type DocumentRecord = Row<typeof documentRow>;
export type MemberRecord = Row<typeof memberWithDocuments>;
export type LatestConsent = Row<typeof latestConsentRow>;
export type LatestGuardianConsent = Row<typeof latestGuardianConsentRow>;

export interface HouseholdAggregate {
  household: HouseholdRecord;
  members: MemberRecord[];
  consents: Map<string, LatestConsent>;
  consentPolicy: ConsentPolicy;
  unresolvedDuplicates: number;
  /** null: none recorded. */
  guardianConsent: LatestGuardianConsent | null;
}
