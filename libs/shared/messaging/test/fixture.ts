// A tiny producer/consumer pair on the real servers, to exercise the messaging library.
import { Body, Controller, HttpCode, Injectable, Module, Post, type INestApplication } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { AREA_STATUS_CHANGED_V1, type AreaStatusChangedV1, type EventEnvelope } from '@awda/contracts';
import { ObservabilityModule } from '@awda/observability';
import { ServiceDatabaseModule } from '@awda/persistence';
import {
  Inbox,
  JetStreamServer,
  connectJetStream,
  MessagingModule,
  MessagingTables1764374400000,
  Outbox,
  schemaOf,
  type MessagingOptions,
} from '../src/index.js';

export class FixtureTables1764374400001 implements MigrationInterface {
  name = 'FixtureTables1764374400001';
  async up(queryRunner: QueryRunner): Promise<void> {
    const s = `"${schemaOf(queryRunner)}"`;
    await queryRunner.query(`CREATE TABLE ${s}.areas (code text PRIMARY KEY, status text NOT NULL)`);
    // tx: the top-level transaction (txid_current() inside a savepoint is still the batch's): shows
    // which events committed together.
    await queryRunner.query(
      `CREATE TABLE ${s}.side_effects (id bigserial PRIMARY KEY, event_id uuid NOT NULL, area_code text NOT NULL, tx bigint NOT NULL DEFAULT txid_current())`,
    );
  }
  async down(): Promise<void> {}
}

/** Failures the consumer should simulate, by area code: how many attempts still fail. */
export const failurePlan = new Map<string, number>();
export const attempts = new Map<string, number>();
/** Area codes in the order their handler committed. */
export const committed: string[] = [];

@Injectable()
class AreaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async close(code: string): Promise<string> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`INSERT INTO areas (code, status) VALUES ($1, 'closed')`, [code]);
      const envelope = await this.outbox.enqueue(manager, AREA_STATUS_CHANGED_V1, {
        areaCode: code,
        status: 'closed',
        previousStatus: 'open',
        reason: 'fixture',
        effectiveFrom: new Date().toISOString(),
        version: 1,
      });
      return envelope.id;
    });
  }
}

@Controller('areas')
class AreaController {
  constructor(private readonly areas: AreaService) {}
  @Post()
  @HttpCode(201)
  async close(@Body() body: { code: string }): Promise<{ eventId: string }> {
    return { eventId: await this.areas.close(body.code) };
  }
}

@Controller()
class AreaEvents {
  constructor(
    private readonly inbox: Inbox,
    private readonly outbox: Outbox,
  ) {}

  @EventPattern<string>(AREA_STATUS_CHANGED_V1)
  async onAreaStatusChanged(@Payload() event: EventEnvelope<AreaStatusChangedV1>): Promise<void> {
    const code = event.data.areaCode;
    attempts.set(code, (attempts.get(code) ?? 0) + 1);
    await this.inbox.process(event, async (manager) => {
      await manager.query(`INSERT INTO side_effects (event_id, area_code) VALUES ($1, $2)`, [event.id, code]);
      // An event caused by this one: it must carry the same correlation id and this event as cause.
      if (code.startsWith('CA')) {
        await this.outbox.enqueue(manager, AREA_STATUS_CHANGED_V1, { ...event.data, areaCode: `CB${code.slice(2)}` });
      }
      const remaining = failurePlan.get(code) ?? 0;
      if (remaining > 0) {
        failurePlan.set(code, remaining - 1);
        // Thrown after the write: the transaction must roll the side effect back.
        throw new Error(`simulated failure for ${code}`);
      }
    });
    committed.push(code);
  }
}

export interface FixtureApp {
  app: INestApplication;
  server: JetStreamServer;
  dataSource: DataSource;
  close(): Promise<void>;
}

export async function startFixture(
  databaseUrl: string,
  messaging: Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'>,
): Promise<FixtureApp> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ serviceName: messaging.service, level: 'error' }),
      ServiceDatabaseModule.forRoot({
        url: databaseUrl,
        schema: messaging.schema,
        entities: [],
        migrations: [MessagingTables1764374400000, FixtureTables1764374400001],
        poolSize: 4,
      }),
      MessagingModule.forRoot(messaging),
    ],
    controllers: [AreaController, AreaEvents],
    providers: [AreaService],
  })
  class FixtureModule {}

  const moduleRef = await Test.createTestingModule({ imports: [FixtureModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  const server = connectJetStream(app, messaging);
  app.enableShutdownHooks();
  await app.startAllMicroservices();
  await app.init();
  const dataSource = app.get(DataSource);
  return {
    app,
    server,
    dataSource,
    async close() {
      await app.close();
    },
  };
}
