import type { TemplateKey } from './template-keys.js';

// English stays within GSM 03.38 (no curly quotes, no backtick) so it costs 160 characters a segment.
export const en: Readonly<Record<TemplateKey, string>> = {
  registered:
    'Your family is registered for voluntary return. Case number {caseNumber}. ' +
    'We will send updates by SMS. To stop messages, reply STOP.',
  assessed_pending:
    'Case {caseNumber}: your return request is on hold. Reason: {missing}. ' +
    'Please visit the camp administration office.',
  assessed_eligible:
    'Case {caseNumber}: your family is eligible for return. We will send you the travel date soon.',
  assessed_ineligible:
    'Case {caseNumber}: return is not possible at this time. Reason: {reason}. ' +
    'Please visit the camp administration office.',
  scheduled:
    'Case {caseNumber}: your return to {destination} is on {date}. ' +
    'Please come to {assemblyPoint} at {time} with your documents.',
  reminder: 'Reminder: departure on {date}. Please come to {assemblyPoint} at {time} with your documents.',
  unscheduled:
    'Case {caseNumber}: your travel date has been cancelled. Do not come to the assembly point. ' +
    'We will send you a new date.',
  unscheduled_no_date:
    'Case {caseNumber}: your travel date has been cancelled. Do not come to the assembly point. ' +
    'Please visit the camp administration office.',
  convoy_cancelled:
    'The return convoy on {date} has been cancelled. Do not come to the assembly point. We will send you a new date.',
  departed: 'Your convoy has left for {destination}. We wish you a safe journey.',
  arrived: 'Your convoy has arrived in {destination}. We wish you safety and well-being.',
  opted_out: 'You will no longer receive SMS from us. To receive them again, reply START.',
  opted_in: 'You will receive SMS about your return again. To stop, reply STOP.',
  seat_question: 'Case {caseNumber}: reply 1 to confirm your seat on {date}, or 2 to give up this date.',
  seat_reminder: 'Case {caseNumber}: we have no answer yet. Reply 1 to keep your seat on {date}, or 2 to give up this date.',
  reply_help: 'Case {caseNumber}: we did not understand your reply. Please send only the digit 1 or 2. A case worker will read your message.',
  arrival_question: 'Case {caseNumber}: did your family arrive safely? Reply 1 for yes, or 2 if you need help.',
  survey_shelter: 'Case {caseNumber}: a short survey after your return. How is your shelter? Reply 1 good, 2 damaged or crowded, 3 no proper shelter.',
  survey_services: 'Case {caseNumber}: can your family reach water, health care and school? Reply 1 all of them, 2 some, 3 none.',
  survey_safety: 'Case {caseNumber}: does your family feel safe where you live now? Reply 1 yes, 2 somewhat, 3 no.',
  survey_help: 'Case {caseNumber}: we did not understand your reply. Please send only one digit: 1, 2 or 3. A case worker will read your message.',
};
