import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { NotificationsConfig } from '../config.js';
import { ConversationsService } from './conversations.service.js';
import { SurveyService } from './survey.service.js';

const BATCH = 50;

/** Ends conversations past their deadline and starts the surveys due every CONVERSATION_SWEEP_MS (with the dispatcher: SMS_DISPATCHER_ENABLED). */
@Injectable()
export class ConversationsSweeper implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ConversationsSweeper.name);
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dataSource: DataSource,
    private readonly conversations: ConversationsService,
    private readonly survey: SurveyService,
    private readonly config: NotificationsConfig,
  ) {}

  onApplicationBootstrap(): void {
    // A hybrid Nest app calls bootstrap hooks twice: one loop per process.
    if (!this.config.SMS_DISPATCHER_ENABLED || this.running) return;
    this.running = true;
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  /**
   * One batch of expired conversations ended and their events enqueued, then one batch of scheduled
   * surveys started, each in one transaction; the larger of the two counts.
   */
  async sweep(): Promise<number> {
    const ended = await this.dataSource.transaction((manager) => this.conversations.expireDue(manager, BATCH));
    const started = await this.dataSource.transaction((manager) => this.survey.startDue(manager, BATCH));
    return Math.max(ended, started);
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      let ended = 0;
      this.current = this.sweep()
        .then((count) => {
          ended = count;
        })
        .catch((error: unknown) => this.logger.error(`conversation sweep failed: ${(error as Error).message}`))
        .finally(() => {
          if (this.running) this.schedule(ended === BATCH ? 0 : this.config.CONVERSATION_SWEEP_MS);
        });
    }, delayMs);
  }
}
