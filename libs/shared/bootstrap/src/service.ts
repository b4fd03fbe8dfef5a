import 'reflect-metadata';
import {
  Module,
  RequestMethod,
  type DynamicModule,
  type INestApplication,
  type MiddlewareConsumer,
  type NestModule,
  type Type,
} from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TerminusModule } from '@nestjs/terminus';
import helmet from 'helmet';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { DataSourceOptions } from 'typeorm';
import { AuthModule, FieldCipher, LookupHasher } from '@awda/auth';
import { BaseServiceConfig, ConfigError, loadConfig } from '@awda/config';
import {
  MessagingModule,
  MessagingTables1764374400000,
  connectJetStream,
  type JetStreamServer,
  type MessagingOptions,
} from '@awda/messaging';
import { ObservabilityModule, type DestinationStream } from '@awda/observability';
import { ServiceDatabaseModule } from '@awda/persistence';
import { HealthController } from './health.controller.js';
import { HttpErrorFilter, strictValidationPipe } from './http-errors.js';
import { ContentTypeInterceptor } from './input/content-type.interceptor.js';
import { InputRulesMiddleware } from './input/input-rules.middleware.js';
import { RateLimitTables1764374400002 } from './rate-limit/migration.js';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export interface ServiceDefinition<C extends BaseServiceConfig> {
  service: 'registration' | 'eligibility' | 'transport' | 'notifications';
  /** PostgreSQL schema: the service's own, no other service reads it. */
  schema: string;
  configClass: new () => C;
  entities: NonNullable<DataSourceOptions['entities']>;
  /** The service's own migrations; the messaging and rate-limit tables are added first automatically. */
  migrations: Type<unknown>[];
  /** Feature modules of the service (they can inject SERVICE_CONFIG). */
  features: (config: C) => (Type<unknown> | DynamicModule)[];
  openApi: { title: string; description: string };
}

export interface ServiceApp<C extends BaseServiceConfig> {
  app: INestApplication;
  config: C;
  server: JetStreamServer;
}

/** Every migration of a service's schema, in order: shared tables first, then the service's own. */
export function serviceMigrations(definition: { migrations: Type<unknown>[] }): Type<unknown>[] {
  return [MessagingTables1764374400000, RateLimitTables1764374400002, ...definition.migrations];
}

/** Messaging options from a service's config, with test overrides. */
export function messagingOptionsFor<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
  overrides: Partial<MessagingOptions> = {},
): Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'> {
  return {
    service: definition.service,
    schema: definition.schema,
    natsUrl: config.NATS_URL,
    namespace: config.AWDA_NAMESPACE,
    maxDeliver: config.MESSAGING_MAX_DELIVER,
    concurrency: config.MESSAGING_CONCURRENCY,
    outboxPollMs: config.OUTBOX_POLL_MS,
    outboxRetentionHours: config.OUTBOX_RETENTION_HOURS,
    streamReplicas: config.NATS_STREAM_REPLICAS,
    ...overrides,
  };
}

/** The root module: infrastructure every service shares, then the service's features. */
export function serviceRootModule<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
  messaging: Partial<MessagingOptions> & Pick<MessagingOptions, 'service' | 'schema'>,
  logDestination?: DestinationStream,
): Type<unknown> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ serviceName: definition.service, level: config.LOG_LEVEL, destination: logDestination }),
      AuthModule.forRoot({
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        algorithms: config.JWT_ALGORITHMS,
        secret: config.JWT_SECRET,
        jwksUrl: config.JWT_JWKS_URL,
        maxTokenAgeSeconds: config.JWT_MAX_TOKEN_AGE_SECONDS,
      }),
      ServiceDatabaseModule.forRoot({
        url: config.DATABASE_URL,
        schema: definition.schema,
        entities: definition.entities,
        migrations: serviceMigrations(definition),
        poolSize: config.DATABASE_POOL_SIZE,
      }),
      MessagingModule.forRoot(messaging),
      TerminusModule,
      ...definition.features(config),
    ],
    controllers: [HealthController],
    providers: [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: definition.configClass, useValue: config },
      { provide: FieldCipher, useFactory: () => FieldCipher.fromConfig(config.FIELD_ENCRYPTION_KEYS, config.FIELD_ENCRYPTION_ACTIVE_KEY) },
      { provide: LookupHasher, useFactory: () => LookupHasher.fromConfig(config.LOOKUP_HASH_KEY) },
      { provide: APP_FILTER, useClass: HttpErrorFilter },
      { provide: APP_INTERCEPTOR, useClass: ContentTypeInterceptor },
    ],
    exports: [SERVICE_CONFIG, definition.configClass, FieldCipher, LookupHasher],
  })
  class ServiceRootModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(InputRulesMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
    }
  }
  // Global so feature modules can inject the config and the ciphers.
  return { global: true, module: ServiceRootModule } as unknown as Type<unknown>;
}

/**
 * Builds the app (HTTP + JetStream transport, validation, errors, /docs, /health, /metrics),
 * without listening: tests use it with supertest, main.ts calls runService().
 */
export async function createServiceApp<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  env: Record<string, string | undefined> = process.env,
  // logDestination: where the JSON logs go instead of stdout (tests read them).
  overrides: { messaging?: Partial<MessagingOptions>; logger?: false; logDestination?: DestinationStream } = {},
): Promise<ServiceApp<C>> {
  const config = loadConfig(definition.configClass, env);
  const messaging = messagingOptionsFor(definition, config, overrides.messaging);
  const app = await NestFactory.create(serviceRootModule(definition, config, messaging, overrides.logDestination), {
    bufferLogs: true,
    logger: overrides.logger,
  });
  if (overrides.logger !== false) app.useLogger(app.get(PinoLogger));
  // Content-Security-Policy, X-Content-Type-Options: nosniff and friends; no X-Powered-By.
  app.use(helmet());
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle(definition.openApi.title)
      .setDescription(definition.openApi.description)
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  const server = connectJetStream(app, messaging);
  await app.startAllMicroservices();
  await app.init();
  return { app, config, server };
}

/**
 * Under `npm start`'s supervisor, stdin is a pipe from it: when that closes (the supervisor is gone,
 * even killed with SIGKILL) the service shuts down instead of running on, orphaned.
 */
function stopWithSupervisor(app: INestApplication): void {
  process.stdin.on('end', () => {
    void app.close().finally(() => process.exit(0));
  });
  process.stdin.resume();
}

/** main.ts: start the service, or stop at once naming each bad configuration variable. */
export async function runService<C extends BaseServiceConfig>(definition: ServiceDefinition<C>): Promise<void> {
  try {
    const { app, config } = await createServiceApp(definition);
    if (process.env['AWDA_SUPERVISED'] === '1') stopWithSupervisor(app);
    await app.listen(config.PORT, config.HOST);
    app.get(PinoLogger).log(`${definition.service} listening on http://${config.HOST}:${config.PORT} (API docs at /docs)`);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${definition.service}: ${error.message}`);
      process.exit(78);
    }
    console.error(`${definition.service} failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
}
