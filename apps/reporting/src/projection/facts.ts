// The reporting read model's facts: ids, codes and counts only, never a name, phone or document.
// Every merge here is order-independent and idempotent (versions, "latest wins" on a total order,
// or set-once fields), so a redelivered or late event leaves the facts as they would be in order.
import type {
  AreaV1,
  ConvoyArrivedV1,
  ConvoyCancelledV1,
  ConvoyConfirmedV1,
  ConvoyDepartedV1,
  HouseholdAssessedV1,
  HouseholdClosedV1,
  HouseholdScheduledV1,
  HouseholdSnapshotV1,
  HouseholdUnscheduledV1,
  HouseholdWithdrawnV1,
  SmsStatusChangedV1,
  SurveyAnsweredV1,
} from '@awda/contracts';

export const FACT_KINDS = ['household', 'convoy', 'boarding', 'sms', 'area', 'survey'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface ReasonFact {
  code: string;
  outcome: 'pending' | 'ineligible';
}

export interface HouseholdFact {
  householdId: string;
  campId: string;
  destinationArea: string | null;
  language: string | null;
  /** Number of members (no member is named). */
  members: number | null;
  status: string | null;
  snapshotVersion: number;
  /** Version of the status alone: withdrawn/closed events carry one without a snapshot. */
  statusVersion: number;
  assessment: string | null;
  reasons: ReasonFact[];
  assessmentVersion: number;
  /** Convoy the household is booked on, null when not (or no longer) scheduled. */
  convoyId: string | null;
  scheduleVersion: number;
}

export interface ConvoyFact {
  convoyId: string;
  campId: string;
  departureDate: string | null;
  destinations: string[];
  /** Households on the convoy when it was confirmed (null until the confirmation is seen). */
  plannedHouseholdIds: string[] | null;
  cancelled: boolean;
  departedAt: string | null;
  noShows: number;
  arrivedAt: string | null;
}

/** One household that boarded one convoy: a return. */
export interface BoardingFact {
  householdId: string;
  convoyId: string;
  campId: string;
  departedAt: string;
  people: number;
}

export interface SmsFact {
  messageId: string;
  householdId: string;
  campId: string;
  template: string;
  /** Reached sent (or delivered) at some point. */
  sent: boolean;
  delivered: boolean;
  status: string;
  statusAt: string;
  /** Parts and cost once handed to the provider (events from before costs were carried: absent). */
  segments?: number;
  costMinor?: number;
  currency?: string;
}

export interface AreaFact {
  code: string;
  level: string;
  parentCode: string | null;
  nameAr: string;
  nameEn: string;
  publishedAt: string;
}

/** One answer to one follow-up survey question (a question is answered once per survey conversation). */
export interface SurveyFact {
  conversationId: string;
  householdId: string;
  campId: string;
  destinationArea: string | null;
  questionCode: string;
  answer: number;
  answeredAt: string;
}

export type Fact = HouseholdFact | ConvoyFact | BoardingFact | SmsFact | AreaFact | SurveyFact;

export function emptyHousehold(householdId: string, campId: string): HouseholdFact {
  return {
    householdId,
    campId,
    destinationArea: null,
    language: null,
    members: null,
    status: null,
    snapshotVersion: 0,
    statusVersion: 0,
    assessment: null,
    reasons: [],
    assessmentVersion: 0,
    convoyId: null,
    scheduleVersion: 0,
  };
}

/** A registration snapshot: applied only when newer than the one held. */
export function mergeSnapshot(current: HouseholdFact | null, snapshot: HouseholdSnapshotV1): HouseholdFact {
  const fact = current ?? emptyHousehold(snapshot.householdId, snapshot.campId);
  if (snapshot.version <= fact.snapshotVersion) return fact;
  const next: HouseholdFact = {
    ...fact,
    campId: snapshot.campId,
    destinationArea: snapshot.destinationArea,
    language: snapshot.language,
    members: snapshot.members.length,
    snapshotVersion: snapshot.version,
  };
  if (snapshot.version >= fact.statusVersion) {
    next.status = snapshot.status;
    next.statusVersion = snapshot.version;
  }
  return next;
}

/** household.withdrawn / household.closed: the status alone, when newer than the one held. */
export function mergeStatus(
  current: HouseholdFact | null,
  event: HouseholdWithdrawnV1 | HouseholdClosedV1,
  status: 'withdrawn' | 'closed',
): HouseholdFact {
  const fact = current ?? emptyHousehold(event.householdId, event.campId);
  if (event.version <= fact.statusVersion) return fact;
  return { ...fact, status, statusVersion: event.version };
}

export function mergeAssessment(current: HouseholdFact | null, event: HouseholdAssessedV1): HouseholdFact {
  const fact = current ?? emptyHousehold(event.householdId, event.campId);
  if (event.assessmentVersion <= fact.assessmentVersion) return fact;
  const seen = new Set<string>();
  const reasons: ReasonFact[] = [];
  for (const reason of event.reasons) {
    const key = `${reason.outcome}:${reason.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push({ code: reason.code, outcome: reason.outcome });
  }
  return { ...fact, assessment: event.status, reasons, assessmentVersion: event.assessmentVersion };
}

export function mergeSchedule(
  current: HouseholdFact | null,
  event: HouseholdScheduledV1 | HouseholdUnscheduledV1,
  scheduled: boolean,
): HouseholdFact {
  const fact = current ?? emptyHousehold(event.householdId, event.campId);
  if (event.scheduleVersion <= fact.scheduleVersion) return fact;
  return { ...fact, convoyId: scheduled ? event.convoyId : null, scheduleVersion: event.scheduleVersion };
}

export function emptyConvoy(convoyId: string, campId: string): ConvoyFact {
  return {
    convoyId,
    campId,
    departureDate: null,
    destinations: [],
    plannedHouseholdIds: null,
    cancelled: false,
    departedAt: null,
    noShows: 0,
    arrivedAt: null,
  };
}

/** A convoy is confirmed once: the first confirmation seen is kept. */
export function mergeConfirmed(current: ConvoyFact | null, event: ConvoyConfirmedV1): ConvoyFact {
  const fact = current ?? emptyConvoy(event.convoyId, event.campId);
  if (fact.plannedHouseholdIds !== null) return fact;
  return {
    ...fact,
    departureDate: event.departureDate,
    destinations: [...event.destinations].sort(),
    plannedHouseholdIds: [...new Set(event.householdIds)].sort(),
  };
}

export function mergeCancelled(current: ConvoyFact | null, event: ConvoyCancelledV1): ConvoyFact {
  const fact = current ?? emptyConvoy(event.convoyId, event.campId);
  return fact.cancelled ? fact : { ...fact, cancelled: true };
}

export function mergeDeparted(current: ConvoyFact | null, event: ConvoyDepartedV1): ConvoyFact {
  const fact = current ?? emptyConvoy(event.convoyId, event.campId);
  if (fact.departedAt !== null) return fact;
  return { ...fact, departedAt: event.departedAt, noShows: new Set(event.noShows.map((n) => n.householdId)).size };
}

export function mergeArrived(current: ConvoyFact | null, event: ConvoyArrivedV1): ConvoyFact {
  const fact = current ?? emptyConvoy(event.convoyId, event.campId);
  return fact.arrivedAt !== null ? fact : { ...fact, arrivedAt: event.arrivedAt };
}

/** The returns a departure records, one per boarded household (the same on every delivery). */
export function boardingsOf(event: ConvoyDepartedV1): BoardingFact[] {
  const byHousehold = new Map<string, BoardingFact>();
  for (const boarded of event.boarded) {
    byHousehold.set(boarded.householdId, {
      householdId: boarded.householdId,
      convoyId: event.convoyId,
      campId: event.campId,
      departedAt: event.departedAt,
      people: new Set(boarded.memberIds).size,
    });
  }
  return [...byHousehold.values()];
}

const SMS_STATUS_RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2 };
function smsRank(status: string): number {
  return SMS_STATUS_RANK[status] ?? 3; // failed, suppressed, expired, cancelled: final
}

/** Later in the message's life wins: by status rank, then time, then name (a total order). */
function smsLater(a: { status: string; at: string }, b: { status: string; statusAt: string }): boolean {
  const rankA = smsRank(a.status);
  const rankB = smsRank(b.status);
  if (rankA !== rankB) return rankA > rankB;
  if (a.at !== b.statusAt) return a.at > b.statusAt;
  return a.status > b.status;
}

export function mergeSms(current: SmsFact | null, event: SmsStatusChangedV1): SmsFact {
  const reached = event.status === 'sent' || event.status === 'delivered';
  if (!current) {
    return {
      messageId: event.messageId,
      householdId: event.householdId,
      campId: event.campId,
      template: event.template,
      sent: reached,
      delivered: event.status === 'delivered',
      status: event.status,
      statusAt: event.at,
      ...costOf(null, event),
    };
  }
  const later = smsLater(event, current);
  return {
    ...current,
    sent: current.sent || reached,
    delivered: current.delivered || event.status === 'delivered',
    status: later ? event.status : current.status,
    statusAt: later ? event.at : current.statusAt,
    ...costOf(current, event),
  };
}

/**
 * A message's parts and cost, whichever of its events brought them. Every event of one message carries
 * the same ones; the larger is kept so that any order of arrival gives the same fact.
 */
function costOf(current: SmsFact | null, event: SmsStatusChangedV1): Pick<SmsFact, 'segments' | 'costMinor' | 'currency'> {
  const known = current?.costMinor !== undefined ? current : null;
  if (event.costMinor === undefined || event.currency === undefined || event.segments === undefined) {
    return known ? { segments: known.segments, costMinor: known.costMinor, currency: known.currency } : {};
  }
  if (!known || known.costMinor === undefined || event.costMinor > known.costMinor || (event.costMinor === known.costMinor && event.currency < (known.currency ?? ''))) {
    return { segments: event.segments, costMinor: event.costMinor, currency: event.currency };
  }
  return { segments: known.segments, costMinor: known.costMinor, currency: known.currency };
}

/** An area from a published list: a newer list's names win; areas a newer list leaves out are kept. */
export function mergeArea(current: AreaFact | null, area: AreaV1, publishedAt: string): AreaFact {
  if (current && current.publishedAt >= publishedAt) return current;
  return {
    code: area.code,
    level: area.level,
    parentCode: area.parentCode ?? null,
    nameAr: area.nameAr,
    nameEn: area.nameEn,
    publishedAt,
  };
}

/**
 * survey.answered: set once per (conversation, question). Should two different answers ever arrive for
 * the same key, the earliest (then the smaller digit) wins whatever the delivery order.
 */
export function mergeSurvey(current: SurveyFact | null, event: SurveyAnsweredV1): SurveyFact {
  const candidate: SurveyFact = {
    conversationId: event.conversationId,
    householdId: event.householdId,
    campId: event.campId,
    destinationArea: event.destinationArea ?? null,
    questionCode: event.questionCode,
    answer: event.answer,
    answeredAt: event.at,
  };
  if (!current) return candidate;
  const earlier = candidate.answeredAt < current.answeredAt || (candidate.answeredAt === current.answeredAt && candidate.answer < current.answer);
  return earlier ? candidate : current;
}
