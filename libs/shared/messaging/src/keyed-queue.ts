/**
 * Runs tasks with at most `limit` at once, and tasks that share a key one after another in
 * arrival order (so one household's events are applied in order by a replica).
 */
export class KeyedQueue {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly limit: number) {}

  /** Resolves when a slot is free: the consume loop awaits it before pulling the next message. */
  async slot(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
    this.active++;
  }

  /** Runs task after the previous task of the same key; releases the slot taken by slot(). */
  run(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task).catch(() => undefined).finally(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
      this.active--;
      this.waiters.shift()?.();
    });
    this.tails.set(key, next);
    return next;
  }

  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }
}
