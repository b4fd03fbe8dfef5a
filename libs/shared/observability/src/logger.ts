import { pino, type DestinationStream, type Level, type LevelWithSilent, type Logger, type LoggerOptions } from 'pino';
import { currentContext } from './context.js';
import { PERSONAL_FIELD_PATHS, REDACTED, scrubPersonalFields } from './redaction.js';

export type LogLevel = LevelWithSilent;

const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads a level name, falling back to info for anything pino would not accept. */
export function toLogLevel(level: string | undefined): LogLevel {
  return level !== undefined && LEVELS.includes(level) ? (level as LogLevel) : 'info';
}

// Keys a child logger may already carry (pino-http binds correlationId to request loggers).
const CONTEXT_KEYS = ['correlationId', 'causationId', 'userId'] as const;

function boundText(logger: Logger): string {
  const bound: unknown = Reflect.get(logger, pino.symbols.chindingsSym);
  return typeof bound === 'string' ? bound : '';
}

/** Adds correlationId, causationId and userId of the current unit of work to every record. */
function contextMixin(_record: object, _level: number, logger: Logger<never>): Record<string, string> {
  const context = currentContext();
  if (context === undefined) return {};
  const bound = boundText(logger);
  const fields: Record<string, string> = {};
  for (const key of CONTEXT_KEYS) {
    const value = context[key];
    if (value !== undefined && !bound.includes(`"${key}":`)) fields[key] = value;
  }
  return fields;
}

/** pino options shared by the Nest logger and createLogger: JSON, service name, context, redaction. */
export function awdaPinoOptions(serviceName: string, level: LogLevel = 'info'): LoggerOptions {
  return {
    level,
    base: { service: serviceName },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label: string) => ({ level: label }),
      log: (record: Record<string, unknown>) => scrubPersonalFields(record),
    },
    redact: { paths: [...PERSONAL_FIELD_PATHS], censor: REDACTED },
    mixin: contextMixin,
  };
}

export interface CreateLoggerOptions {
  level?: LogLevel;
  /** Where to write; stdout when omitted (tests pass a stream). */
  destination?: DestinationStream;
}

/** A plain pino logger for code outside Nest (the outbox relay, tools), redacting like the apps. */
export function createLogger(serviceName: string, options: CreateLoggerOptions = {}): Logger {
  const level = options.level ?? toLogLevel(process.env['LOG_LEVEL']);
  const pinoOptions = awdaPinoOptions(serviceName, level);
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

export type { DestinationStream, Level, Logger };
