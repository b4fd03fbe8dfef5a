import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { AreasService } from '../areas/areas.service.js';
import { EligibilityConfig } from '../config.js';
import { OverridesService } from '../overrides/overrides.service.js';
import { ReevaluationRuns } from './reevaluation-runs.js';
import { WorkSignal } from './work-signal.js';
import { describeError } from '@awda/observability';

// Bounds one tick so shutdown and other work are never kept waiting by a very long run.
const MAX_BATCHES_PER_TICK = 200;

/**
 * Time-driven work, all read from the database so that nothing is lost on restart and replicas share
 * it: area changes that have come due, overrides that have expired, unfinished re-evaluation runs.
 */
@Injectable()
export class EligibilityScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(EligibilityScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(
    private readonly areas: AreasService,
    private readonly overrides: OverridesService,
    private readonly runs: ReevaluationRuns,
    private readonly signal: WorkSignal,
    @Inject(EligibilityConfig) private readonly config: EligibilityConfig,
  ) {}

  onApplicationBootstrap(): void {
    // A hybrid Nest app (HTTP + JetStream) calls bootstrap hooks twice; a second interval would never be cleared.
    if (this.timer !== undefined) return;
    this.signal.listen(() => this.kick());
    this.timer = setInterval(() => this.kick(), this.config.ELIGIBILITY_TICK_MS);
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  /** Runs a tick now, or right after the one in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.tick();
      } catch (error) {
        this.logger.warn(`scheduled work failed, retried at the next tick: ${describeError(error)}`);
      }
    } while (this.again && !this.stopped);
  }

  private async tick(): Promise<void> {
    await this.areas.applyDue();
    await this.overrides.handleExpired();
    for (let batch = 0; batch < MAX_BATCHES_PER_TICK && !this.stopped; batch++) {
      if (!(await this.runs.processNextBatch())) return;
    }
    this.again = true;
  }
}
