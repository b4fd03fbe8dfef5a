import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Global,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
} from '@nestjs/common';
import { LoggerModule, type Params } from 'nestjs-pino';
import { CorrelationMiddleware, correlationIdOf } from './correlation.js';
import { awdaPinoOptions, type DestinationStream, type LogLevel } from './logger.js';
import { MetricsController } from './metrics.controller.js';

export interface ObservabilityModuleOptions {
  /** Goes into every log line as `service`. */
  serviceName: string;
  level?: LogLevel;
  /** Where logs go; stdout when omitted (tests pass a stream). */
  destination?: DestinationStream;
}

// Scrapes and health probes would drown the request log.
const QUIET_PATHS = /^\/(metrics|health)(\/|\?|$)/;

interface SerializedRequest {
  id?: unknown;
  method?: string;
  url?: string;
}
interface SerializedResponse {
  statusCode?: number;
}

/** nestjs-pino parameters: one pino instance for the app, request logs without bodies or query strings. */
export function loggerParams(options: ObservabilityModuleOptions): Params {
  const pinoHttp = {
    ...awdaPinoOptions(options.serviceName, options.level),
    genReqId: (req: IncomingMessage, res: ServerResponse) => correlationIdOf(req, res),
    customProps: (req: IncomingMessage, res: ServerResponse) => ({ correlationId: correlationIdOf(req, res) }),
    serializers: {
      // Query strings may carry a phone or a name being searched for: log the path only.
      req: (req: SerializedRequest) => ({ method: req.method, url: req.url?.split('?')[0] }),
      res: (res: SerializedResponse) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
      error !== undefined || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.test(req.url ?? '') },
  } as const;
  return { pinoHttp: options.destination ? [pinoHttp, options.destination] : pinoHttp };
}

/**
 * JSON logs (nestjs-pino) with service name, correlation id and redaction; a request context
 * around every HTTP request; GET /metrics. Apps should also call `app.useLogger(app.get(Logger))`.
 */
@Global()
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(options: ObservabilityModuleOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [LoggerModule.forRoot(loggerParams(options))],
      controllers: [MetricsController],
      exports: [LoggerModule],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    // Same route shape nestjs-pino uses, so a global prefix's root is covered as well.
    consumer.apply(CorrelationMiddleware).forRoutes({ path: '{/*splat}', method: RequestMethod.ALL });
  }
}
