import { Injectable } from '@nestjs/common';

/** Lets a request that created due work (a run, an area change) wake the scheduler now instead of at its next tick. */
@Injectable()
export class WorkSignal {
  private listener: (() => void) | undefined;

  listen(listener: () => void): void {
    this.listener = listener;
  }

  kick(): void {
    this.listener?.();
  }
}
