/**
 * Thrown by a handler for an event that can never succeed (e.g. it refers to something that
 * cannot exist). The event is dead-lettered at once instead of being retried.
 */
export class PermanentEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PermanentEventError';
  }
}
