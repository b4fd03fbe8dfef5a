import { HttpException } from '@nestjs/common';

/**
 * A refusal with a stable code, answered as { statusCode, code, message }. An HttpException rather
 * than DomainError: under Jest ESM the app's error filter did not recognise DomainError instances
 * thrown from this app (answered 500), while HttpException bodies with a code pass through as is.
 */
export function refusal(code: string, message: string, status: number, details?: Record<string, unknown>): HttpException {
  return new HttpException({ statusCode: status, code, message, ...(details ? { details } : {}) }, status);
}

export const NOTIFICATIONS_ERRORS = {
  HOUSEHOLD_NOT_FOUND: 'NOTIFICATIONS.HOUSEHOLD_NOT_FOUND',
  MESSAGE_NOT_FOUND: 'NOTIFICATIONS.MESSAGE_NOT_FOUND',
  TEMPLATE_NOT_FOUND: 'NOTIFICATIONS.TEMPLATE_NOT_FOUND',
  LANGUAGE_NOT_FOUND: 'NOTIFICATIONS.LANGUAGE_NOT_FOUND',
  TEMPLATE_INVALID: 'NOTIFICATIONS.TEMPLATE_INVALID',
  CONVERSATION_NOT_FOUND: 'NOTIFICATIONS.CONVERSATION_NOT_FOUND',
  FLAG_ALREADY_CLEARED: 'NOTIFICATIONS.FLAG_ALREADY_CLEARED',
  CAMP_NOT_ALLOWED: 'NOTIFICATIONS.CAMP_NOT_ALLOWED',
} as const;
