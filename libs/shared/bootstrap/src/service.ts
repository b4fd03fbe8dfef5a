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
import { BaseServiceConfig, ConfigError, loadConfig, type BaseAppConfig } from '@awda/config';
import {
  MessagingModule,
  MessagingTables1764374400000,
  connectJetStream,
  type JetStreamServer,
  type MessagingOptions,
} from '@awda/messaging';
import { ObservabilityModule, type DestinationStream } from '@awda/observability';
import { ServiceDatabaseModule } from '@awda/persistence';
import { DatabaseHealthController, HealthController } from './health.controller.js';
import { HttpErrorFilter, strictValidationPipe } from './http-errors.js';
import { ContentTypeInterceptor } from './input/content-type.interceptor.js';
import { InputRulesMiddleware } from './input/input-rules.middleware.js';
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
  service: 'registration' | 'eligibility' | 'transport' | 'notifications' | 'reporting';
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

/** The app's own schema: created, migrated (shared tables first), never synchronised. */
function databaseModule(
  definition: Pick<AppDefinitionBase<BaseAppConfig>, 'schema' | 'entities' | 'migrations'> & { events?: 'none' },
  config: BaseAppConfig,
): DynamicModule {
  return ServiceDatabaseModule.forRoot({
    url: config.DATABASE_URL,
    schema: definition.schema,
    entities: definition.entities,
    migrations: serviceMigrations(definition),
    poolSize: config.DATABASE_POOL_SIZE,
  });
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
      databaseModule(definition, config),
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

/** The root module of an app without events: logs, metrics, its schema, database health, its features. */
export function httpAppRootModule<C extends BaseAppConfig>(definition: HttpAppDefinition<C>, config: C): Type<unknown> {
  @Module({
    imports: [
      ObservabilityModule.forRoot({ serviceName: definition.service, level: config.LOG_LEVEL }),
      databaseModule(definition, config),
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

/** The Nest app every Awda process starts from: JSON logs, strict input validation, graceful shutdown. */
async function nestApp(rootModule: Type<unknown>, logger: false | undefined, bodyParser: boolean): Promise<INestApplication> {
  const app = await NestFactory.create(rootModule, { bufferLogs: true, logger, bodyParser });
  if (logger !== false) app.useLogger(app.get(PinoLogger));
  app.useGlobalPipes(strictValidationPipe());
  app.enableShutdownHooks();
  return app;
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
  // logDestination: where the JSON logs go instead of stdout (tests read them).
  overrides?: { messaging?: Partial<MessagingOptions>; logger?: false; logDestination?: DestinationStream },
): Promise<ServiceApp<C>>;
export async function createServiceApp<C extends BaseAppConfig>(
  definition: HttpAppDefinition<C>,
  env?: Record<string, string | undefined>,
  overrides?: { logger?: false },
): Promise<HttpApp<C>>;
export async function createServiceApp<C extends BaseServiceConfig>(
  definition: ServiceDefinition<C> | HttpAppDefinition<C>,
  env: Record<string, string | undefined> = process.env,
  overrides: { messaging?: Partial<MessagingOptions>; logger?: false; logDestination?: DestinationStream } = {},
): Promise<ServiceApp<C> | HttpApp<C>> {
  if (definition.service === 'gateway') return createHttpApp(definition, env, overrides);
  const config = loadConfig(definition.configClass, env);
  const messaging = messagingOptionsFor(definition, config, overrides.messaging);
  const app = await nestApp(serviceRootModule(definition, config, messaging, overrides.logDestination), overrides.logger, true);
  // Content-Security-Policy, X-Content-Type-Options: nosniff and friends; no X-Powered-By. (The gateway
  // sets its own headers for the console it serves.)
  app.use(helmet());
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
  const app = await nestApp(httpAppRootModule(definition, config), overrides.logger, definition.bodyParser ?? true);
  await definition.configureHttp?.(app, config);
  setUpOpenApi(app, definition.openApi, 'cookie');
  await app.init();
  return { app, config };
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

/** main.ts: start the app, or stop at once naming each bad configuration variable. */
export async function runService<C extends BaseServiceConfig>(definition: ServiceDefinition<C>): Promise<void>;
export async function runService<C extends BaseAppConfig>(definition: HttpAppDefinition<C>): Promise<void>;
export async function runService<C extends BaseServiceConfig>(definition: ServiceDefinition<C> | HttpAppDefinition<C>): Promise<void> {
  try {
    const { app, config } =
      definition.service === 'gateway' ? await createServiceApp(definition) : await createServiceApp(definition);
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
