export { currentContext, runWithContext, type RequestContext } from './context.js';
export { awdaMetrics, metricsRegistry } from './metrics.js';
export { PUBLIC_ROUTE, Public } from './public.decorator.js';
export { PERSONAL_FIELD_NAMES, PERSONAL_FIELD_PATHS, REDACTED, scrubPersonalFields } from './redaction.js';
export {
  awdaPinoOptions,
  createLogger,
  toLogLevel,
  type CreateLoggerOptions,
  type DestinationStream,
  type Logger,
  type LogLevel,
} from './logger.js';
export { CORRELATION_HEADER, CorrelationMiddleware, acceptCorrelationId, correlationIdOf } from './correlation.js';
export { MetricsController } from './metrics.controller.js';
export { ObservabilityModule, loggerParams, type ObservabilityModuleOptions } from './observability.module.js';
export { describeError, isDatabaseError, maskDatabaseMessage } from './error-text.js';
