import {
  AREAS_PUBLISHED_V1,
  CONVOY_ARRIVED_V1,
  CONVOY_CANCELLED_V1,
  CONVOY_CONFIRMED_V1,
  CONVOY_DEPARTED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_CLOSED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UNSCHEDULED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  SMS_STATUS_CHANGED_V1,
  SURVEY_ANSWERED_V1,
  type AreasPublishedV1,
  type ConvoyArrivedV1,
  type ConvoyCancelledV1,
  type ConvoyConfirmedV1,
  type ConvoyDepartedV1,
  type HouseholdAssessedV1,
  type HouseholdClosedV1,
  type HouseholdRegisteredV1,
  type HouseholdScheduledV1,
  type HouseholdUnscheduledV1,
  type HouseholdUpdatedV1,
  type HouseholdWithdrawnV1,
  type SmsStatusChangedV1,
  type SurveyAnsweredV1,
} from '@awda/contracts';
import {
  boardingsOf,
  mergeArea,
  mergeArrived,
  mergeAssessment,
  mergeCancelled,
  mergeConfirmed,
  mergeDeparted,
  mergeSchedule,
  mergeSms,
  mergeSnapshot,
  mergeStatus,
  mergeSurvey,
  type AreaFact,
  type BoardingFact,
  type ConvoyFact,
  type Fact,
  type FactKind,
  type HouseholdFact,
  type SmsFact,
  type SurveyFact,
} from './facts.js';

/** One fact an event changes: where it is kept, its camp (null: every camp) and how it changes. */
export interface FactUpdate {
  kind: FactKind;
  key: string;
  campId: string | null;
  apply(current: Fact | null): Fact;
}

/** The subjects the read model is built from. consent.recorded is not among them: registration
 *  follows every decision with a household.updated snapshot, and "consent missing" reaches us as an
 *  eligibility reason. */
export const PROJECTED_SUBJECTS = [
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  HOUSEHOLD_CLOSED_V1,
  AREAS_PUBLISHED_V1,
  HOUSEHOLD_ASSESSED_V1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UNSCHEDULED_V1,
  CONVOY_CONFIRMED_V1,
  CONVOY_CANCELLED_V1,
  CONVOY_DEPARTED_V1,
  CONVOY_ARRIVED_V1,
  SMS_STATUS_CHANGED_V1,
  SURVEY_ANSWERED_V1,
] as const;

export type ProjectedSubject = (typeof PROJECTED_SUBJECTS)[number];

export function isProjectedSubject(subject: string): subject is ProjectedSubject {
  return (PROJECTED_SUBJECTS as readonly string[]).includes(subject);
}

const household = (id: string, campId: string, apply: (current: HouseholdFact | null) => HouseholdFact): FactUpdate => ({
  kind: 'household',
  key: id,
  campId,
  apply: (current) => apply(current as HouseholdFact | null),
});

const convoy = (id: string, campId: string, apply: (current: ConvoyFact | null) => ConvoyFact): FactUpdate => ({
  kind: 'convoy',
  key: id,
  campId,
  apply: (current) => apply(current as ConvoyFact | null),
});

/** What an event changes in the read model (nothing for subjects it does not project). */
export function factUpdates(subject: string, data: unknown): FactUpdate[] {
  switch (subject) {
    case HOUSEHOLD_REGISTERED_V1:
    case HOUSEHOLD_UPDATED_V1: {
      const snapshot = (data as HouseholdRegisteredV1 | HouseholdUpdatedV1).household;
      return [household(snapshot.householdId, snapshot.campId, (c) => mergeSnapshot(c, snapshot))];
    }
    case HOUSEHOLD_WITHDRAWN_V1: {
      const event = data as HouseholdWithdrawnV1;
      return [household(event.householdId, event.campId, (c) => mergeStatus(c, event, 'withdrawn'))];
    }
    case HOUSEHOLD_CLOSED_V1: {
      const event = data as HouseholdClosedV1;
      return [household(event.householdId, event.campId, (c) => mergeStatus(c, event, 'closed'))];
    }
    case HOUSEHOLD_ASSESSED_V1: {
      const event = data as HouseholdAssessedV1;
      return [household(event.householdId, event.campId, (c) => mergeAssessment(c, event))];
    }
    case HOUSEHOLD_SCHEDULED_V1: {
      const event = data as HouseholdScheduledV1;
      return [household(event.householdId, event.campId, (c) => mergeSchedule(c, event, true))];
    }
    case HOUSEHOLD_UNSCHEDULED_V1: {
      const event = data as HouseholdUnscheduledV1;
      return [household(event.householdId, event.campId, (c) => mergeSchedule(c, event, false))];
    }
    case CONVOY_CONFIRMED_V1: {
      const event = data as ConvoyConfirmedV1;
      return [convoy(event.convoyId, event.campId, (c) => mergeConfirmed(c, event))];
    }
    case CONVOY_CANCELLED_V1: {
      const event = data as ConvoyCancelledV1;
      return [convoy(event.convoyId, event.campId, (c) => mergeCancelled(c, event))];
    }
    case CONVOY_ARRIVED_V1: {
      const event = data as ConvoyArrivedV1;
      return [convoy(event.convoyId, event.campId, (c) => mergeArrived(c, event))];
    }
    case CONVOY_DEPARTED_V1: {
      const event = data as ConvoyDepartedV1;
      const boardings: FactUpdate[] = boardingsOf(event).map((boarding) => ({
        kind: 'boarding',
        key: `${boarding.householdId}:${boarding.convoyId}`,
        campId: boarding.campId,
        // A departure is published once; the first one seen is kept.
        apply: (current) => (current as BoardingFact | null) ?? boarding,
      }));
      return [convoy(event.convoyId, event.campId, (c) => mergeDeparted(c, event)), ...boardings];
    }
    case SMS_STATUS_CHANGED_V1: {
      const event = data as SmsStatusChangedV1;
      return [{ kind: 'sms', key: event.messageId, campId: event.campId, apply: (c) => mergeSms(c as SmsFact | null, event) }];
    }
    case SURVEY_ANSWERED_V1: {
      const event = data as SurveyAnsweredV1;
      return [
        {
          kind: 'survey',
          key: `${event.conversationId}:${event.questionCode}`,
          campId: event.campId,
          apply: (current) => mergeSurvey(current as SurveyFact | null, event),
        },
      ];
    }
    case AREAS_PUBLISHED_V1: {
      const event = data as AreasPublishedV1;
      return event.areas.map((area) => ({
        kind: 'area',
        key: area.code,
        campId: null,
        apply: (current) => mergeArea(current as AreaFact | null, area, event.publishedAt),
      }));
    }
    default:
      return [];
  }
}

/** All facts of the read model, as the report tables read them. */
export interface ReadModel {
  households: HouseholdFact[];
  convoys: ConvoyFact[];
  boardings: BoardingFact[];
  sms: SmsFact[];
  areas: AreaFact[];
  surveys: SurveyFact[];
}

/** An in-memory read model (tests, and the reference the database store must agree with). */
export class MemoryReadModel {
  private readonly facts = new Map<string, Fact>();
  private readonly seen = new Set<string>();

  /** Applies an envelope once: a second delivery of the same id changes nothing. */
  apply(envelope: { id: string; type: string; data: unknown }): void {
    if (this.seen.has(envelope.id)) return;
    this.seen.add(envelope.id);
    for (const update of factUpdates(envelope.type, envelope.data)) {
      const id = `${update.kind}/${update.key}`;
      this.facts.set(id, update.apply(this.facts.get(id) ?? null));
    }
  }

  snapshot(): ReadModel {
    const model: ReadModel = { households: [], convoys: [], boardings: [], sms: [], areas: [], surveys: [] };
    for (const [id, fact] of [...this.facts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const kind = id.slice(0, id.indexOf('/')) as FactKind;
      if (kind === 'household') model.households.push(fact as HouseholdFact);
      else if (kind === 'convoy') model.convoys.push(fact as ConvoyFact);
      else if (kind === 'boarding') model.boardings.push(fact as BoardingFact);
      else if (kind === 'sms') model.sms.push(fact as SmsFact);
      else if (kind === 'survey') model.surveys.push(fact as SurveyFact);
      else model.areas.push(fact as AreaFact);
    }
    return model;
  }
}
