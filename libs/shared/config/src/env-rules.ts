import { registerDecorator, type ValidationArguments } from 'class-validator';

type Check = (value: unknown, config: Record<string, unknown>) => boolean;

/**
 * A named class-validator rule that may look at the other variables (cross-field checks).
 * `message` may use `$property`; it must never include the value.
 */
export function EnvRule(name: string, message: string | ((args: ValidationArguments) => string), check: Check) {
  return (target: object, propertyName: string): void => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => check(value, args.object as Record<string, unknown>),
      },
    });
  };
}

/** Refuses a development default (or the same value set explicitly) when NODE_ENV=production. */
export function RefuseInProduction(devDefault: string, when: (config: Record<string, unknown>) => boolean = () => true) {
  return EnvRule(
    'refuseDevDefaultInProduction',
    '$property must be set in production (the development default is refused)',
    (value, config) => !(config['NODE_ENV'] === 'production' && value === devDefault && when(config)),
  );
}

/** True when value is a URL whose scheme is one of protocols (e.g. 'postgres:'). */
export function isUrlWith(value: unknown, protocols: readonly string[]): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol);
  } catch {
    return false;
  }
}

/** Splits a comma list, trimming entries and dropping empty ones. */
export function splitList(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}
