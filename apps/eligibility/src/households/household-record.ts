// The eligibility projection of a household and the pure rules that keep it: a newer snapshot replaces
// the facts, a withdrawal or closure newer than the snapshot wins over the snapshot's status.
import type { HouseholdSnapshotV1, MemberFactsV1 } from '@awda/contracts';
import type { ConsentPolicy, GuardianConsent, HouseholdFacts, HouseholdMember, HouseholdStatus } from '@awda/eligibility-rules';

export type StatusEvent = 'withdrawn' | 'closed';

/** Facts kept from the snapshot; null until the first snapshot arrives. */
export interface HouseholdSnapshotFacts {
  destinationArea: string;
  consentPolicy: ConsentPolicy;
  registeredAt: string;
  members: HouseholdMember[];
  unresolvedDuplicates: number;
  /** A child-headed household's guardian consent or best-interests decision; null otherwise. */
  guardianConsent: GuardianConsent | null;
}

export interface HouseholdRecord {
  householdId: string;
  campId: string;
  /** Newest household version seen, from a snapshot or a status event. */
  version: number;
  snapshotVersion: number | null;
  status: HouseholdStatus;
  statusEvent: StatusEvent | null;
  statusEventVersion: number | null;
  facts: HouseholdSnapshotFacts | null;
}

/** Households in these states have left the process: they are not evaluated any more. */
export const NOT_EVALUATED: ReadonlySet<HouseholdStatus> = new Set<HouseholdStatus>(['departed', 'closed']);

function memberOf(member: MemberFactsV1): HouseholdMember {
  return {
    memberId: member.memberId,
    isHead: member.isHead,
    age: member.age,
    sex: member.sex,
    needs: [...member.needs],
    fitToTravel: member.fitToTravel ?? null,
    hasMedicalClearance: member.hasMedicalClearance,
    travelMode: member.travelMode ?? null,
    hasBestInterestsDetermination: member.hasBestInterestsDetermination,
    hasIdentityDocument: member.hasIdentityDocument,
    consent: member.consent ?? null,
  };
}

/** The facts the rules read, taken from a registration snapshot. */
export function factsOfSnapshot(snapshot: HouseholdSnapshotV1): HouseholdSnapshotFacts {
  return {
    destinationArea: snapshot.destinationArea,
    consentPolicy: snapshot.consentPolicy,
    registeredAt: snapshot.registeredAt,
    members: snapshot.members.map(memberOf),
    unresolvedDuplicates: snapshot.unresolvedDuplicates,
    guardianConsent: snapshot.guardianConsent ? { basis: snapshot.guardianConsent.basis, decision: snapshot.guardianConsent.decision } : null,
  };
}

/**
 * The record after a snapshot, or null when the snapshot is not newer than the one already applied
 * (an out-of-order or repeated delivery changes nothing).
 */
export function applySnapshot(current: HouseholdRecord | null, snapshot: HouseholdSnapshotV1): HouseholdRecord | null {
  if (current && snapshot.version <= (current.snapshotVersion ?? 0)) return null;
  const statusEventWins =
    current?.statusEvent != null && current.statusEventVersion != null && current.statusEventVersion > snapshot.version;
  return {
    householdId: snapshot.householdId,
    campId: snapshot.campId,
    version: Math.max(current?.version ?? 0, snapshot.version),
    snapshotVersion: snapshot.version,
    status: statusEventWins && current?.statusEvent ? current.statusEvent : snapshot.status,
    statusEvent: current?.statusEvent ?? null,
    statusEventVersion: current?.statusEventVersion ?? null,
    facts: factsOfSnapshot(snapshot),
  };
}

export interface StatusEventFacts {
  householdId: string;
  campId: string;
  status: StatusEvent;
  version: number;
}

/**
 * The record after a withdrawal or closure, or null when the event is not newer than what is known.
 * An event for an unknown household is kept, so the snapshot that arrives later cannot undo it.
 */
export function applyStatusEvent(current: HouseholdRecord | null, event: StatusEventFacts): HouseholdRecord | null {
  if (current && event.version <= Math.max(current.snapshotVersion ?? 0, current.statusEventVersion ?? 0)) return null;
  return {
    householdId: event.householdId,
    campId: current?.campId ?? event.campId,
    version: Math.max(current?.version ?? 0, event.version),
    snapshotVersion: current?.snapshotVersion ?? null,
    status: event.status,
    statusEvent: event.status,
    statusEventVersion: event.version,
    facts: current?.facts ?? null,
  };
}

/** What the rule engine reads; null when the household cannot or must not be evaluated. */
export function householdFacts(record: HouseholdRecord): HouseholdFacts | null {
  if (!record.facts || NOT_EVALUATED.has(record.status)) return null;
  return {
    householdId: record.householdId,
    campId: record.campId,
    status: record.status,
    destinationArea: record.facts.destinationArea,
    registeredAt: record.facts.registeredAt,
    consentPolicy: record.facts.consentPolicy,
    members: record.facts.members,
    unresolvedDuplicateCandidates: record.facts.unresolvedDuplicates,
    guardianConsent: record.facts.guardianConsent,
  };
}
