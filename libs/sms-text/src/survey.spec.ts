import { describe, expect, it } from '@jest/globals';
import { LANGUAGES } from './language.js';
import { matchReply, normaliseReply, parseAnswer, type OpenConversation } from './replies.js';
import { SURVEY_HELP_TEMPLATE, SURVEY_QUESTIONS, isSurveyAnswer, nextSurveyQuestion, surveyAnswerCode } from './survey.js';
import { DEFAULT_TEMPLATES } from './templates/index.js';
import { TEMPLATE_KEYS } from './templates/template-keys.js';

describe('SURVEY_QUESTIONS', () => {
  it('should define two or three questions with unique codes and templates', () => {
    expect(SURVEY_QUESTIONS.length).toBeGreaterThanOrEqual(2);
    expect(SURVEY_QUESTIONS.length).toBeLessThanOrEqual(3);
    expect(new Set(SURVEY_QUESTIONS.map((q) => q.code)).size).toBe(SURVEY_QUESTIONS.length);
    expect(new Set(SURVEY_QUESTIONS.map((q) => q.template)).size).toBe(SURVEY_QUESTIONS.length);
  });

  it.each(SURVEY_QUESTIONS.map((q) => [q.code, q] as const))('should give %p 2 to 5 answers and a template in every language that names each digit', (_code, question) => {
    expect(question.answers.length).toBeGreaterThanOrEqual(2);
    expect(question.answers.length).toBeLessThanOrEqual(5);
    expect(TEMPLATE_KEYS).toContain(question.template);
    for (const language of LANGUAGES) {
      const text = DEFAULT_TEMPLATES[language][question.template];
      for (let digit = 1; digit <= question.answers.length; digit += 1) expect([language, text.includes(String(digit))]).toEqual([language, true]);
    }
  });

  it('should have a help template in every language', () => {
    for (const language of LANGUAGES) expect(DEFAULT_TEMPLATES[language][SURVEY_HELP_TEMPLATE].length).toBeGreaterThan(0);
  });
});

describe(nextSurveyQuestion.name, () => {
  it('should ask the questions in order and end when all are answered', () => {
    expect(nextSurveyQuestion([])?.code).toBe('shelter');
    expect(nextSurveyQuestion(['shelter'])?.code).toBe('services');
    expect(nextSurveyQuestion(['shelter', 'services'])?.code).toBe('safety');
    expect(nextSurveyQuestion(['safety', 'shelter', 'services'])).toBeNull();
  });
});

describe(surveyAnswerCode.name, () => {
  it('should name an answer in range and refuse one out of range', () => {
    expect(surveyAnswerCode('shelter', 3)).toBe('no_shelter');
    expect(surveyAnswerCode('safety', 1)).toBe('safe');
    expect(surveyAnswerCode('safety', 4)).toBeNull();
    expect(surveyAnswerCode('safety', 0)).toBeNull();
    expect(surveyAnswerCode('unknown', 1)).toBeNull();
    expect(isSurveyAnswer('services', 2)).toBe(true);
    expect(isSurveyAnswer('services', 2.5)).toBe(false);
  });
});

describe('survey answers', () => {
  it.each([
    ['3', 3],
    ['٣', 3],
    ['٣.', 3],
    ['۳', 3],
    [' 2 ', 2],
    ['«١»', 1],
    ['3 3', 3],
  ] as const)('should read %p as %p for a three-answer question', (text, answer) => {
    expect(parseAnswer(normaliseReply(text), 'follow_up_survey', 3)).toBe(answer);
  });

  it.each(['4', '٤', '0', '12', '1 3', 'yes', 'نعم', ''])('should not read %p for a three-answer question', (text) => {
    expect(parseAnswer(normaliseReply(text), 'follow_up_survey', 3)).toBeNull();
  });

  it('should keep 3 out of range for the two-answer questions', () => {
    expect(parseAnswer('3', 'arrival_check')).toBeNull();
    expect(parseAnswer('3', 'seat_confirmation')).toBeNull();
  });

  it('should match a survey reply with its case number to the survey conversation of that household', () => {
    const survey: OpenConversation = {
      conversationId: 'sv',
      householdId: 'h-2',
      caseNumber: 'MHM-2026-000202',
      purpose: 'follow_up_survey',
      departureAt: null,
      openedAt: '2026-12-01T10:00:00Z',
      choices: 3,
    };
    const seat: OpenConversation = { ...survey, conversationId: 'st', householdId: 'h-1', caseNumber: 'MHM-2026-000101', purpose: 'seat_confirmation', departureAt: '2026-12-10T06:00:00Z', choices: undefined };
    expect(matchReply('MHM-2026-000202 ٣', [seat, survey])).toMatchObject({ kind: 'answer', answer: 3, conversation: { conversationId: 'sv' } });
    // Without a case number the soonest departure wins; 3 is no answer to a seat question.
    expect(matchReply('٣', [seat, survey])).toMatchObject({ kind: 'unrecognised', conversation: { conversationId: 'st' } });
  });
});
