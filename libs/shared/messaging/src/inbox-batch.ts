import { AsyncLocalStorage } from 'node:async_hooks';
import type { EntityManager } from 'typeorm';

/**
 * The batch transaction one event's handler runs in (JetStreamServer, MESSAGING_BATCH > 1): several
 * events share one transaction, each inside its own SAVEPOINT. Inbox.process joins it instead of
 * opening a transaction of its own, so handlers stay as they are; work that must wait for the commit
 * (a wake-up, a file removed) goes through Inbox.afterCommit.
 */
export class InboxBatchSlot {
  private readonly afterCommit: (() => unknown)[] = [];
  private open = true;

  constructor(readonly manager: EntityManager) {}

  /** False once the event's savepoint is released or rolled back: late work gets its own transaction. */
  get active(): boolean {
    return this.open;
  }

  close(): void {
    this.open = false;
  }

  defer(work: () => unknown): void {
    this.afterCommit.push(work);
  }

  /** What the handler asked to run once its writes are committed. */
  takeAfterCommit(): (() => unknown)[] {
    return this.afterCommit.splice(0);
  }
}

export const inboxBatchSlot = new AsyncLocalStorage<InboxBatchSlot>();
