import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { ConfigError, type ConfigProblem } from './config.error.js';
import { describeValue } from './secrets.js';

type Env = Record<string, string | undefined>;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/**
 * Builds a validated config object: the class's property names are the environment variable
 * names, property initialisers are the defaults. Throws ConfigError naming every bad variable.
 */
export function loadConfig<T extends object>(cls: new () => T, env: Env = process.env): T {
  const defaults = new cls();
  const raw: Record<string, string> = {};
  for (const name of variableNames(cls)) {
    const value = env[name];
    // An empty variable counts as unset, so `PORT=` falls back to the default.
    if (value !== undefined && value.trim() !== '') raw[name] = value.trim();
  }

  const plain: Record<string, unknown> = {};
  const unreadableBooleans: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const kind = kindOf(cls, defaults, name);
    plain[name] = kind === 'number' ? toNumber(value) : kind === 'boolean' ? toBoolean(value) : value;
    if (kind === 'boolean' && plain[name] === value) unreadableBooleans.push(name);
  }

  const config = plainToInstance(cls, plain, { enableImplicitConversion: true, exposeDefaultValues: true });
  // Implicit conversion would read any word as true: put the raw word back for the validator to refuse.
  for (const name of unreadableBooleans) Reflect.set(config, name, raw[name]);
  const errors = validateSync(config, { forbidUnknownValues: false, validationError: { target: false } });
  if (errors.length > 0) throw new ConfigError(errors.flatMap((e) => describeError(e, raw, config)));
  return Object.freeze(config);
}

// Every property with a class-validator decorator (including inherited ones) is a variable.
function variableNames(cls: new () => object): string[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  return [...new Set(metadata.map((m) => m.propertyName))];
}

// The declared type when the compiler emitted it, else the type of the default (`PORT = 3000`).
function kindOf(cls: new () => object, defaults: object, name: string): 'number' | 'boolean' | 'other' {
  const declared: unknown = Reflect.getMetadata('design:type', cls.prototype, name);
  if (declared === Number) return 'number';
  if (declared === Boolean) return 'boolean';
  const fallback = typeof Reflect.get(defaults, name);
  return fallback === 'number' ? 'number' : fallback === 'boolean' ? 'boolean' : 'other';
}

// Anything that is not plainly a number stays a string, for the validator to refuse by name.
function toNumber(value: string): unknown {
  return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}

// class-transformer's implicit conversion turns "false" into true; booleans are read by word.
function toBoolean(value: string): unknown {
  const word = value.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return value;
}

function describeError(error: ValidationError, raw: Record<string, string>, config: object): ConfigProblem[] {
  const reasons = [...new Set(Object.values(error.constraints ?? {}))];
  if (reasons.length === 0) return [];
  const variable = error.property;
  const fromEnv = Object.hasOwn(raw, variable);
  const shown = describeValue(variable, fromEnv ? raw[variable] : Reflect.get(config, variable), !fromEnv);
  return [{ variable, reason: `${reasons.join('; ')} ${shown}` }];
}
