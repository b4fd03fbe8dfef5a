/**
 * Runs tasks with at most `limit` at once, and tasks that share a key one after another in
 * arrival order (so one household's events are applied in order by a replica).
 *
 * A task waiting for an earlier task of its key holds no execution slot: only `buffer` bounds how
 * many tasks are admitted (waiting or running). Otherwise a burst of one household's events would
 * fill every slot with waiters while other households' events sat idle behind them.
 */
export class KeyedQueue {
  private admitted = 0;
  private running = 0;
  private readonly admitWaiters: (() => void)[] = [];
  private readonly runWaiters: (() => void)[] = [];
  private readonly tails = new Map<string, Promise<void>>();

  constructor(
    private readonly limit: number,
    private readonly buffer: number = limit * 8,
  ) {}

  /** Resolves when the task may be admitted: the consume loop awaits it before pulling the next message. */
  async slot(): Promise<void> {
    if (this.admitted < this.buffer) {
      this.admitted++;
      return;
    }
    // The releasing task hands its admission over (FIFO); the count stays as it is.
    await new Promise<void>((resolve) => this.admitWaiters.push(resolve));
  }

  /** Takes an admission at once if one is free and nobody waits for one; false otherwise (then use slot()). */
  tryAdmit(): boolean {
    if (this.admitted >= this.buffer || this.admitWaiters.length > 0) return false;
    this.admitted++;
    return true;
  }

  /** Runs task after the previous task of the same key; releases the admission taken by slot(). */
  run(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous
      .then(() => this.execute(task))
      .catch(() => undefined)
      .finally(() => {
        if (this.tails.get(key) === next) this.tails.delete(key);
        this.release();
      });
    this.tails.set(key, next);
    return next;
  }

  /** Gives back an admission (taken by slot() or tryAdmit()) to the next waiter, or frees it. */
  release(): void {
    const waiter = this.admitWaiters.shift();
    if (waiter) waiter();
    else this.admitted--;
  }

  /** Tasks admitted and not finished (waiting for their key or running). */
  get size(): number {
    return this.admitted;
  }

  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  private async execute(task: () => Promise<void>): Promise<void> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.runWaiters.push(resolve));
    try {
      await task();
    } finally {
      const waiter = this.runWaiters.shift();
      if (waiter) waiter();
      else this.running--;
    }
  }
}
