import type { HouseholdSnapshotV1, MemberFactsV1 } from '@awda/contracts';
import { isChildHeaded } from '../consents/consent-rules.js';
import { ageOf } from './member-age.js';
import type { HouseholdAggregate } from './household.types.js';

/**
 * What other services may know of a household: ages, sexes, needs, consent; no names, no numbers.
 * adultAge: ADULT_AGE, which decides whether the household is child-headed.
 */
export function householdSnapshot(aggregate: HouseholdAggregate, adultAge: number): HouseholdSnapshotV1 {
  const { household, members, consents } = aggregate;
  const childHeaded = isChildHeaded(members.map(ageOf), adultAge);
  const guardian = childHeaded ? aggregate.guardianConsent : null;
  return {
    householdId: household.id,
    campId: household.campId,
    caseNumber: household.caseNumber,
    version: household.version,
    status: household.status,
    destinationArea: household.destinationArea,
    language: household.language,
    consentPolicy: aggregate.consentPolicy,
    registeredAt: new Date(household.registeredAt).toISOString(),
    members: members.map(
      (m): MemberFactsV1 => ({
        memberId: m.id,
        isHead: m.relationship === 'head',
        age: ageOf(m),
        sex: m.sex,
        needs: [...m.needs],
        fitToTravel: m.fitToTravel,
        hasMedicalClearance: m.hasMedicalClearance,
        travelMode: m.travelMode,
        hasBestInterestsDetermination: m.hasBestInterestsDetermination,
        hasIdentityDocument: m.documents.length > 0,
        consent: consents.get(m.id)?.decision ?? null,
      }),
    ),
    unresolvedDuplicates: aggregate.unresolvedDuplicates,
    ...(household.mergedInto ? { mergedInto: household.mergedInto } : {}),
    childHeaded,
    guardianConsent: guardian === null ? null : { basis: guardian.basis, decision: guardian.decision, decidedOn: guardian.decidedOn },
  };
}
