import {
  AREAS_PUBLISHED_V1,
  AreasPublishedV1,
  CONSENT_RECORDED_V1,
  CONTACT_CHANGED_V1,
  ConsentRecordedV1,
  ContactChangedV1,
  HOUSEHOLD_CLOSED_V1,
  HOUSEHOLD_ERASED_V1,
  HOUSEHOLD_REGISTERED_V1,
  HOUSEHOLD_UPDATED_V1,
  HOUSEHOLD_WITHDRAWN_V1,
  HouseholdClosedV1,
  HouseholdErasedV1,
  HouseholdRegisteredV1,
  HouseholdUpdatedV1,
  HouseholdWithdrawnV1,
} from './events/registration.js';
import {
  AREA_STATUS_CHANGED_V1,
  AreaStatusChangedV1,
  HOUSEHOLD_ASSESSED_V1,
  HouseholdAssessedV1,
} from './events/eligibility.js';
import {
  CONVOY_ARRIVED_V1,
  CONVOY_CANCELLED_V1,
  CONVOY_CONFIRMED_V1,
  CONVOY_DEPARTED_V1,
  ConvoyArrivedV1,
  ConvoyCancelledV1,
  ConvoyConfirmedV1,
  ConvoyDepartedV1,
  CORRIDORS_PUBLISHED_V1,
  CorridorsPublishedV1,
  HOUSEHOLD_SCHEDULED_V1,
  HOUSEHOLD_UNSCHEDULED_V1,
  HouseholdScheduledV1,
  HouseholdUnscheduledV1,
} from './events/transport.js';
import {
  ARRIVAL_REPORTED_V1,
  ArrivalReportedV1,
  RECIPIENT_OPTED_IN_V1,
  RECIPIENT_OPTED_OUT_V1,
  RecipientOptedInV1,
  SEAT_CONFIRMED_V1,
  SEAT_DECLINED_V1,
  SEAT_UNANSWERED_V1,
  SeatConfirmedV1,
  SeatDeclinedV1,
  SeatUnansweredV1,
  RecipientOptedOutV1,
  SMS_STATUS_CHANGED_V1,
  SmsStatusChangedV1,
  SURVEY_ANSWERED_V1,
  SurveyAnsweredV1,
} from './events/notifications.js';

/** Subject → payload class. Publishing a payload that does not match its subject does not compile. */
export interface EventMap {
  [HOUSEHOLD_REGISTERED_V1]: HouseholdRegisteredV1;
  [HOUSEHOLD_UPDATED_V1]: HouseholdUpdatedV1;
  [CONSENT_RECORDED_V1]: ConsentRecordedV1;
  [HOUSEHOLD_WITHDRAWN_V1]: HouseholdWithdrawnV1;
  [CONTACT_CHANGED_V1]: ContactChangedV1;
  [HOUSEHOLD_CLOSED_V1]: HouseholdClosedV1;
  [HOUSEHOLD_ERASED_V1]: HouseholdErasedV1;
  [AREAS_PUBLISHED_V1]: AreasPublishedV1;
  [HOUSEHOLD_ASSESSED_V1]: HouseholdAssessedV1;
  [AREA_STATUS_CHANGED_V1]: AreaStatusChangedV1;
  [HOUSEHOLD_SCHEDULED_V1]: HouseholdScheduledV1;
  [HOUSEHOLD_UNSCHEDULED_V1]: HouseholdUnscheduledV1;
  [CONVOY_CONFIRMED_V1]: ConvoyConfirmedV1;
  [CONVOY_DEPARTED_V1]: ConvoyDepartedV1;
  [CONVOY_ARRIVED_V1]: ConvoyArrivedV1;
  [CONVOY_CANCELLED_V1]: ConvoyCancelledV1;
  [CORRIDORS_PUBLISHED_V1]: CorridorsPublishedV1;
  [SMS_STATUS_CHANGED_V1]: SmsStatusChangedV1;
  [RECIPIENT_OPTED_OUT_V1]: RecipientOptedOutV1;
  [RECIPIENT_OPTED_IN_V1]: RecipientOptedInV1;
  [SEAT_CONFIRMED_V1]: SeatConfirmedV1;
  [SEAT_DECLINED_V1]: SeatDeclinedV1;
  [SEAT_UNANSWERED_V1]: SeatUnansweredV1;
  [ARRIVAL_REPORTED_V1]: ArrivalReportedV1;
  [SURVEY_ANSWERED_V1]: SurveyAnsweredV1;
}

export type EventSubject = keyof EventMap;

type PayloadClasses = { [S in EventSubject]: new () => EventMap[S] };

/** Runtime map used to validate a payload on receipt. */
export const EVENT_PAYLOAD_CLASSES: PayloadClasses = {
  [HOUSEHOLD_REGISTERED_V1]: HouseholdRegisteredV1,
  [HOUSEHOLD_UPDATED_V1]: HouseholdUpdatedV1,
  [CONSENT_RECORDED_V1]: ConsentRecordedV1,
  [HOUSEHOLD_WITHDRAWN_V1]: HouseholdWithdrawnV1,
  [CONTACT_CHANGED_V1]: ContactChangedV1,
  [HOUSEHOLD_CLOSED_V1]: HouseholdClosedV1,
  [HOUSEHOLD_ERASED_V1]: HouseholdErasedV1,
  [AREAS_PUBLISHED_V1]: AreasPublishedV1,
  [HOUSEHOLD_ASSESSED_V1]: HouseholdAssessedV1,
  [AREA_STATUS_CHANGED_V1]: AreaStatusChangedV1,
  [HOUSEHOLD_SCHEDULED_V1]: HouseholdScheduledV1,
  [HOUSEHOLD_UNSCHEDULED_V1]: HouseholdUnscheduledV1,
  [CONVOY_CONFIRMED_V1]: ConvoyConfirmedV1,
  [CONVOY_DEPARTED_V1]: ConvoyDepartedV1,
  [CONVOY_ARRIVED_V1]: ConvoyArrivedV1,
  [CONVOY_CANCELLED_V1]: ConvoyCancelledV1,
  [CORRIDORS_PUBLISHED_V1]: CorridorsPublishedV1,
  [SMS_STATUS_CHANGED_V1]: SmsStatusChangedV1,
  [RECIPIENT_OPTED_OUT_V1]: RecipientOptedOutV1,
  [RECIPIENT_OPTED_IN_V1]: RecipientOptedInV1,
  [SEAT_CONFIRMED_V1]: SeatConfirmedV1,
  [SEAT_DECLINED_V1]: SeatDeclinedV1,
  [SEAT_UNANSWERED_V1]: SeatUnansweredV1,
  [ARRIVAL_REPORTED_V1]: ArrivalReportedV1,
  [SURVEY_ANSWERED_V1]: SurveyAnsweredV1,
};

export function isEventSubject(subject: string): subject is EventSubject {
  return Object.prototype.hasOwnProperty.call(EVENT_PAYLOAD_CLASSES, subject);
}

/** The service a subject belongs to: awda.<service>.… */
export function producerOf(subject: string): string {
  return subject.split('.')[1] ?? 'unknown';
}
