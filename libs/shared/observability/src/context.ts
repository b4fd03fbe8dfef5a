import { AsyncLocalStorage } from 'node:async_hooks';

/** What flows with a unit of work: an HTTP request or the handling of one event. */
export interface RequestContext {
  correlationId: string;
  /** Id of the event being handled, when the work was caused by an event. */
  causationId?: string;
  /** Subject (user id) of the authenticated caller, never a name. */
  userId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/** Runs fn with ctx as the current context (for everything it awaits too). */
export function runWithContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

/** The current unit of work's context, if any. */
export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
