// Typed clients for the five services through the gateway (`/api/<service>/…`). Paths, parameters
// and request bodies are checked against the services' OpenAPI (api/generated, `npm run
// api:generate`); the services' documents do not describe their responses yet, so answers are
// typed by api/types.ts until they do.
import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, apiErrorOf } from './errors';
import { reportIfSessionExpired, withCsrf } from './http';
import type { paths as EligibilityPaths } from './generated/eligibility';
import type { paths as NotificationsPaths } from './generated/notifications';
import type { paths as RegistrationPaths } from './generated/registration';
import type { paths as ReportingPaths } from './generated/reporting';
import type { paths as TransportPaths } from './generated/transport';

const gatewayMiddleware: Middleware = {
  onRequest({ request }) {
    withCsrf(request.method, request.headers);
    return request;
  },
  onResponse({ request, response }) {
    reportIfSessionExpired(request.url, response.status);
    return response;
  },
};

function clientFor<P extends object>(service: string) {
  const client = createClient<P>({ baseUrl: `/api/${service}`, credentials: 'same-origin' });
  client.use(gatewayMiddleware);
  return client;
}

export const registrationApi = clientFor<RegistrationPaths>('registration');
export const eligibilityApi = clientFor<EligibilityPaths>('eligibility');
export const transportApi = clientFor<TransportPaths>('transport');
export const notificationsApi = clientFor<NotificationsPaths>('notifications');
export const reportingApi = clientFor<ReportingPaths>('reporting');

/**
 * The answer of an openapi-fetch call as T, or an ApiError (network failures included, so a form
 * can tell "no answer: retry with the same key" from a refusal).
 */
export async function unwrap<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: unknown; error?: unknown; response: Response };
  try {
    result = await call;
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'NETWORK', '');
  }
  if (!result.response.ok) throw apiErrorOf(result.response.status, result.error);
  return result.data as T;
}
