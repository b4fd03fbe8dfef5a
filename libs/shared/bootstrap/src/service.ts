import 'reflect-metadata';
import { Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { TerminusModule } from '@nestjs/terminus';
import { Logger as PinoLogger } from 'nestjs-pino';
import type { DataSourceOptions } from 'typeorm';
import { AuthModule, FieldCipher, LookupHasher } from '@awda/auth';
import { BaseServiceConfig, ConfigError, loadConfig, type BaseAppConfig } from '@awda/config';
import {
  MessagingModule,
  MessagingTables1764374400000,
  connectJetStream,
  type JetStreamServer,
  type MessagingOptions,
} from '@awda/messaging';
import { ObservabilityModule } from '@awda/observability';
import { ServiceDatabaseModule } from '@awda/persistence';
import { DatabaseHealthController, HealthController } from './health.controller.js';
import { HttpErrorFilter, strictValidationPipe } from './http-errors.js';
import { RateLimitTables1764374400002 } from './rate-limit/migration.js';

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

/** What every Awda app with HTTP and its own schema declares. */
interface AppDefinitionBase<C extends BaseAppConfig> {
  /** PostgreSQL schema: the app's own, no other app reads it. */
  schema: string;
  configClass: new () => C;
  entities: NonNullable<DataSourceOptions['entities']>;
  /** The app's own migrations; the shared tables (messaging, rate limits) are added first automatically. */
  migrations: Type<unknown>[];
  /** Feature modules of the app (they can inject SERVICE_CONFIG). */
  features: (config: C) => (Type<unknown> | DynamicModule)[];
  openApi: { title: string; description: string };
}

/** A domain service: HTTP with bearer tokens, and domain events over JetStream (outbox, inbox). */
export interface ServiceDefinition<C extends BaseServiceConfig> extends AppDefinitionBase<C> {
  service: 'registration' | 'eligibility' | 'transport' | 'notifications';
}

/**
 * An app with HTTP only and no domain events (the gateway): no JetStream transport, outbox,
 * inbox or messaging tables, /health checks the database alone, and no bearer-token guard (the
 * app authenticates its own way and installs its own guards).
 */
export interface HttpAppDefinition<C extends BaseAppConfig> extends AppDefinitionBase<C> {
  service: 'gateway';
  events: 'none';
  /** false: no global JSON/urlencoded body parsers (a proxy must stream bodies untouched). Default true. */
  bodyParser?: boolean;
  /** Express-level set-up that must run before Nest's middleware and routes (headers, static files, parsers). */
  configureHttp?: (app: INestApplication, config: C) => void | Promise<void>;
}

export interface ServiceApp<C extends BaseServiceConfig> {
  app: INestApplication;
  config: C;
  server: JetStreamServer;
}

export interface HttpApp<C extends BaseAppConfig> {
  app: INestApplication;
  config: C;
}

function isHttpOnly(definition: { events?: 'none' }): boolean {
  return definition.events === 'none';
}

/** Every migration of an app's schema, in order: shared tables first, then the app's own. */
export function serviceMigrations(definition: { migrations: Type<unknown>[]; events?: 'none' }): Type<unknown>[] {
  // An app without events has no outbox or inbox, so no messaging tables.
  if (isHttpOnly(definition)) return [RateLimitTables1764374400002, ...definition.migrations];
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
): Type<unknown> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ serviceName: definition.service, level: config.LOG_LEVEL }),
      AuthModule.forRoot({
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        algorithms: config.JWT_ALGORITHMS,
        secret: config.JWT_SECRET,
        jwksUrl: config.JWT_JWKS_URL,
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
    ],
    exports: [SERVICE_CONFIG, definition.configClass, FieldCipher, LookupHasher],
  })
  class ServiceRootModule {}
  // Global so feature modules can inject the config and the ciphers.
  return { global: true, module: ServiceRootModule } as unknown as Type<unknown>;
}

/** The root module of an app without events: logs, metrics, its schema, database health, its features. */
export function httpAppRootModule<C extends BaseAppConfig>(definition: HttpAppDefinition<C>, config: C): Type<unknown> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ serviceName: definition.service, level: config.LOG_LEVEL }),
      ServiceDatabaseModule.forRoot({
        url: config.DATABASE_URL,
        schema: definition.schema,
        entities: definition.entities,
        migrations: serviceMigrations(definition),
        poolSize: config.DATABASE_POOL_SIZE,
      }),
      TerminusModule,
      ...definition.features(config),
    ],
    controllers: [DatabaseHealthController],
    providers: [
      { provide: SERVICE_CONFIG, useValue: config },
      { provide: definition.configClass, useValue: config },
      { provide: APP_FILTER, useClass: HttpErrorFilter },
    ],
    exports: [SERVICE_CONFIG, definition.configClass],
  })
  class HttpAppRootModule {}
  return { global: true, module: HttpAppRootModule } as unknown as Type<unknown>;
}

function setUpOpenApi(app: INestApplication, openApi: { title: string; description: string }, auth: 'bearer' | 'cookie'): void {
  const builder = new DocumentBuilder().setTitle(openApi.title).setDescription(openApi.description).setVersion('1');
  if (auth === 'bearer') builder.addBearerAuth();
  else builder.addCookieAuth('awda_session');
  const document = SwaggerModule.createDocument(app, builder.build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

/**
 * Builds the app (HTTP + JetStream transport, validation, errors, /docs, /health, /metrics),
 * without listening: tests use it with supertest, main.ts calls runService(). An HttpAppDefinition
 * (events: 'none') gets the same minus the broker and the bearer-token guard.
 */
export async function createServiceApp<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C>,
  env?: Record<string, string | undefined>,
  overrides?: { messaging?: Partial<MessagingOptions>; logger?: false },
): Promise<ServiceApp<C>>;
export async function createServiceApp<C extends BaseAppConfig>(
  definition: HttpAppDefinition<C>,
  env?: Record<string, string | undefined>,
  overrides?: { logger?: false },
): Promise<HttpApp<C>>;
export async function createServiceApp<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C> | HttpAppDefinition<C>,
  env: Record<string, string | undefined> = process.env,
  overrides: { messaging?: Partial<MessagingOptions>; logger?: false } = {},
): Promise<ServiceApp<C> | HttpApp<C>> {
  if (definition.service === 'gateway') return createHttpApp(definition, env, overrides);
  const config = loadConfig(definition.configClass, env);
  const messaging = messagingOptionsFor(definition, config, overrides.messaging);
  const app = await NestFactory.create(serviceRootModule(definition, config, messaging), {
    bufferLogs: true,
    logger: overrides.logger,
  });
  if (overrides.logger !== false) app.useLogger(app.get(PinoLogger));
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  setUpOpenApi(app, definition.openApi, 'bearer');
  const server = connectJetStream(app, messaging);
  await app.startAllMicroservices();
  await app.init();
  return { app, config, server };
}

async function createHttpApp<C extends BaseAppConfig>(
  definition: HttpAppDefinition<C>,
  env: Record<string, string | undefined>,
  overrides: { logger?: false },
): Promise<HttpApp<C>> {
  const config = loadConfig(definition.configClass, env);
  const app = await NestFactory.create(httpAppRootModule(definition, config), {
    bufferLogs: true,
    logger: overrides.logger,
    bodyParser: definition.bodyParser ?? true,
  });
  if (overrides.logger !== false) app.useLogger(app.get(PinoLogger));
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  await definition.configureHttp?.(app, config);
  setUpOpenApi(app, definition.openApi, 'cookie');
  await app.init();
  return { app, config };
}

/** main.ts: start the app, or stop at once naming each bad configuration variable. */
export async function runService<C extends BaseServiceConfig>(definition: ServiceDefinition<C>): Promise<void>;
export async function runService<C extends BaseAppConfig>(definition: HttpAppDefinition<C>): Promise<void>;
export async function runService<C extends BaseServiceConfig>(definition: ServiceDefinition<C> | HttpAppDefinition<C>): Promise<void> {
  try {
    const { app, config } =
      definition.service === 'gateway' ? await createServiceApp(definition) : await createServiceApp(definition);
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
