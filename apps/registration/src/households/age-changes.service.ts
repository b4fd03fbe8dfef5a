import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@awda/bootstrap';
import { describeError } from '@awda/observability';
import type { RegistrationConfig } from '../config.js';
import { AgeChangesRepository, type MemberAgeRow } from './age-changes.repository.js';
import { HouseholdChanges } from './household-changes.js';
import { HouseholdsRepository } from './households.repository.js';
import { agesSince } from './member-age.js';

const BATCH = 200;
const NO_ID = '00000000-0000-0000-0000-000000000000';
const ACTOR = 'system:registration';

export interface AgeChangesRun {
  /** Households whose snapshot was sent again. */
  households: number;
  /** Of their members, those who reached ADULT_AGE: their own decision is now needed. */
  cameOfAge: number;
}

/**
 * Ages move without anyone touching a household: a child turns ADULT_AGE and must now decide for
 * themselves (eligibility then finds their consent missing and the family does not travel on a decision
 * made before they were an adult); an infant turns two and needs a seat. Other services know ages only
 * from the snapshots registration sends, so every AGE_CHECK_MINUTES this job sends the snapshot again,
 * through the outbox, for each open household (registered or scheduled) where a member's age in whole
 * years changed since its last snapshot, with a timeline row (`came_of_age` or `ages_changed`).
 * Withdrawn and closed households are left alone: their next change sends today's ages, and their
 * retention period counts from their last change. Safe with several replicas and after a crash: each
 * household is locked (SKIP LOCKED) and, once sent, its updated_at is after the birthday.
 */
@Injectable()
export class AgeChanges implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AgeChanges.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AgeChangesRepository,
    private readonly store: HouseholdsRepository,
    private readonly changes: HouseholdChanges,
    @Inject(SERVICE_CONFIG) private readonly config: RegistrationConfig,
  ) {}

  onApplicationBootstrap(): void {
    // A hybrid Nest app calls bootstrap hooks twice; one timer only. Tests call run() themselves.
    if (this.timer !== undefined || this.config.AGE_CHECK_MINUTES === 0 || this.config.NODE_ENV === 'test') return;
    this.timer = setInterval(() => this.kick(), this.config.AGE_CHECK_MINUTES * 60_000);
    this.timer.unref();
    this.kick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private kick(): void {
    this.running ??= this.run()
      .then((done) => {
        if (done.households > 0) this.logger.log(`ages changed in ${done.households} household(s); ${done.cameOfAge} member(s) reached the adult age`);
      })
      .catch((error: unknown) => this.logger.warn(`ages not checked, tried again later: ${describeError(error)}`))
      .finally(() => (this.running = undefined));
  }

  /** One pass over every open household; returns what it sent. */
  async run(): Promise<AgeChangesRun> {
    const total: AgeChangesRun = { households: 0, cameOfAge: 0 };
    let after = NO_ID;
    for (;;) {
      const batch = await this.dataSource.transaction(async (manager) => {
        const rows = await this.repository.due(manager, BATCH, after);
        const done: AgeChangesRun = { households: 0, cameOfAge: 0 };
        const households = byHousehold(rows);
        for (const [id, members] of households) {
          const since = members[0]?.updated_at ?? new Date();
          const moved = agesSince(members.map(ageFacts), since, new Date(), this.config.ADULT_AGE);
          if (moved.changed === 0) continue;
          const household = await this.store.find(manager, id);
          if (household === undefined) continue;
          const saved = await this.changes.save(manager, household);
          await this.changes.publish(manager, saved, {
            kind: moved.cameOfAge > 0 ? 'came_of_age' : 'ages_changed',
            changes: ['members'],
            actor: ACTOR,
            detail: moved.cameOfAge > 0 ? { membersCameOfAge: moved.cameOfAge } : { membersAgesChanged: moved.changed },
          });
          done.households += 1;
          done.cameOfAge += moved.cameOfAge;
        }
        return { done, last: [...households.keys()].at(-1), full: households.size === BATCH };
      });
      total.households += batch.done.households;
      total.cameOfAge += batch.done.cameOfAge;
      if (!batch.full || batch.last === undefined) return total;
      after = batch.last;
    }
  }
}

function byHousehold(rows: readonly MemberAgeRow[]): Map<string, MemberAgeRow[]> {
  const out = new Map<string, MemberAgeRow[]>();
  for (const row of rows) {
    const members = out.get(row.id);
    if (members) members.push(row);
    else out.set(row.id, [row]);
  }
  return out;
}

function ageFacts(row: MemberAgeRow): { dateOfBirth: string | null; estimatedAge: number | null; ageRecordedOn: string } {
  return { dateOfBirth: row.date_of_birth, estimatedAge: row.estimated_age, ageRecordedOn: row.age_recorded_on };
}
