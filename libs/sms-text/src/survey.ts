// The follow-up survey a family is asked some weeks after arrival: its questions, defined here only.
// Each question is one SMS template (in ar, ckb, kmr, en) with numeric answers; the codes below are
// what events, reports and the console carry (never the reply's text).
import type { ReplyAnswer } from './replies.js';
import type { TemplateKey } from './templates/template-keys.js';

export interface SurveyQuestion {
  /** Stable wire code (events, report rows): add questions, never rename one. */
  readonly code: string;
  /** The SMS that asks it. */
  readonly template: TemplateKey;
  /** What each answer 1..n means, in order (codes, not words: the console and reports translate them). */
  readonly answers: readonly string[];
}

/** The questions, asked one after another in this order; each has 2 to 5 answers. */
export const SURVEY_QUESTIONS = [
  { code: 'shelter', template: 'survey_shelter', answers: ['adequate', 'damaged_or_crowded', 'no_shelter'] },
  { code: 'services', template: 'survey_services', answers: ['all', 'some', 'none'] },
  { code: 'safety', template: 'survey_safety', answers: ['safe', 'somewhat', 'unsafe'] },
] as const satisfies readonly SurveyQuestion[];

export type SurveyQuestionCode = (typeof SURVEY_QUESTIONS)[number]['code'];
export const SURVEY_QUESTION_CODES: readonly SurveyQuestionCode[] = SURVEY_QUESTIONS.map((q) => q.code);
/** The help SMS of a survey (a reply that is not one of the question's digits): one per conversation. */
export const SURVEY_HELP_TEMPLATE: TemplateKey = 'survey_help';

export function isSurveyQuestionCode(value: unknown): value is SurveyQuestionCode {
  return typeof value === 'string' && (SURVEY_QUESTION_CODES as readonly string[]).includes(value);
}

/** The question with this code (undefined for an unknown code). */
export function surveyQuestion(code: string): SurveyQuestion | undefined {
  return SURVEY_QUESTIONS.find((q) => q.code === code);
}

/** The first question not answered yet, or null when every question has its answer (the survey is complete). */
export function nextSurveyQuestion(answered: Iterable<string>): SurveyQuestion | null {
  const done = new Set(answered);
  return SURVEY_QUESTIONS.find((q) => !done.has(q.code)) ?? null;
}

/** The code of an answer to a question ("shelter", 3 → "no_shelter"); null when out of range. */
export function surveyAnswerCode(code: string, answer: number): string | null {
  const question = surveyQuestion(code);
  return question && Number.isInteger(answer) && answer >= 1 && answer <= question.answers.length ? (question.answers[answer - 1] ?? null) : null;
}

/** Whether a number is an answer this question accepts. */
export function isSurveyAnswer(code: string, answer: number): answer is ReplyAnswer {
  return surveyAnswerCode(code, answer) !== null;
}
