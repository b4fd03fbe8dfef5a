// @awda/sms-text: what a family reads by SMS, in Arabic, Sorani, Kurmanji or English. Pure, no I/O.
export { analyse, type SmsAnalysis, type SmsEncoding } from './segments.js';
export { smsCost, type SmsCost, type SmsPrices } from './cost.js';
export { LANGUAGES, isLanguage, resolveLanguage, type Language } from './language.js';
export { TEMPLATE_KEYS, TEMPLATE_VARIABLES, isTemplateKey, type TemplateKey } from './templates/template-keys.js';
export { DEFAULT_TEMPLATES } from './templates/index.js';
export {
  TemplateSyntaxError,
  TemplateVariableMissingError,
  renderTemplate,
  validateTemplate,
  type RenderedMessage,
  type TemplateOverrides,
  type TemplateProblem,
  type TemplateProblemCode,
  type TemplateValidation,
  type TemplateVariables,
} from './render-template.js';
export { formatDate, formatTime } from './dates.js';
export { MISSING_REASON_CODES, type MissingReasonCode } from './missing/missing-phrases.js';
export { renderMissing, type MissingReason } from './missing/render-missing.js';
export { parseKeyword, type KeywordAction } from './keywords.js';
export {
  CONVERSATION_PURPOSES,
  DEFAULT_CHOICES,
  matchReply,
  normaliseReply,
  parseAnswer,
  type ConversationPurpose,
  type OpenConversation,
  type ReplyAnswer,
  type ReplyMatch,
} from './replies.js';
export {
  SURVEY_HELP_TEMPLATE,
  SURVEY_QUESTIONS,
  SURVEY_QUESTION_CODES,
  isSurveyAnswer,
  isSurveyQuestionCode,
  nextSurveyQuestion,
  surveyAnswerCode,
  surveyQuestion,
  type SurveyQuestion,
  type SurveyQuestionCode,
} from './survey.js';
