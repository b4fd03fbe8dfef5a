// Each message the notifications service sends, with the variables its text may and must use.
export const TEMPLATE_KEYS = [
  'registered',
  'assessed_pending',
  'assessed_eligible',
  'assessed_ineligible',
  'scheduled',
  'reminder',
  'unscheduled',
  // Taken off a convoy with no new date to come (no longer eligible): told not to come, and to see the office.
  'unscheduled_no_date',
  'convoy_cancelled',
  'departed',
  'arrived',
  'opted_out',
  'opted_in',
  // Two-way SMS: questions a family answers by reply (1 or 2), each sent once per conversation.
  'seat_question',
  'seat_reminder',
  'reply_help',
  'arrival_question',
  // Follow-up survey some weeks after arrival (questions defined in survey.ts), and its help message.
  'survey_shelter',
  'survey_services',
  'survey_safety',
  'survey_help',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

export const TEMPLATE_VARIABLES: Readonly<Record<TemplateKey, readonly string[]>> = {
  registered: ['caseNumber'],
  assessed_pending: ['caseNumber', 'missing'],
  assessed_eligible: ['caseNumber'],
  assessed_ineligible: ['caseNumber', 'reason'],
  scheduled: ['caseNumber', 'destination', 'date', 'assemblyPoint', 'time'],
  reminder: ['date', 'assemblyPoint', 'time'],
  unscheduled: ['caseNumber'],
  unscheduled_no_date: ['caseNumber'],
  convoy_cancelled: ['date'],
  departed: ['destination'],
  arrived: ['destination'],
  opted_out: [],
  opted_in: [],
  seat_question: ['caseNumber', 'date'],
  seat_reminder: ['caseNumber', 'date'],
  reply_help: ['caseNumber'],
  arrival_question: ['caseNumber'],
  survey_shelter: ['caseNumber'],
  survey_services: ['caseNumber'],
  survey_safety: ['caseNumber'],
  survey_help: ['caseNumber'],
};

/** Whether a string names one of the message templates. */
export function isTemplateKey(value: unknown): value is TemplateKey {
  return typeof value === 'string' && (TEMPLATE_KEYS as readonly string[]).includes(value);
}
