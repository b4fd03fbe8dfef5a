import { describe, expect, it } from '@jest/globals';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { ConfigError } from './config.error.js';
import { loadConfig } from './load-config.js';

class ExampleConfig {
  @IsInt({ message: '$property must be an integer between 1 and 10' })
  @Min(1, { message: '$property must be an integer between 1 and 10' })
  @Max(10, { message: '$property must be an integer between 1 and 10' })
  WORKERS = 2;

  @IsBoolean({ message: '$property must be true or false' })
  DRY_RUN = false;

  @IsInt({ message: '$property must be an integer' })
  API_TOKEN_TTL = 60;
}

function problemsOf(env: Record<string, string>): string {
  try {
    loadConfig(ExampleConfig, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('should use property initialisers as defaults', () => {
    const config = loadConfig(ExampleConfig, {});
    expect(config).toBeInstanceOf(ExampleConfig);
    expect(config.WORKERS).toBe(2);
    expect(config.DRY_RUN).toBe(false);
  });

  it('should convert numbers and booleans from strings', () => {
    const config = loadConfig(ExampleConfig, { WORKERS: '7', DRY_RUN: 'false', API_TOKEN_TTL: '5' });
    expect(config.WORKERS).toBe(7);
    expect(config.DRY_RUN).toBe(false);
    expect(loadConfig(ExampleConfig, { DRY_RUN: 'true' }).DRY_RUN).toBe(true);
  });

  it('should treat an empty variable as unset', () => {
    expect(loadConfig(ExampleConfig, { WORKERS: '' }).WORKERS).toBe(2);
  });

  it('should ignore variables the class does not declare', () => {
    const config = loadConfig(ExampleConfig, { PATH: '/usr/bin' });
    expect(Object.keys(config)).not.toContain('PATH');
  });

  it('should name each bad variable on its own line with the value shown', () => {
    const message = problemsOf({ WORKERS: '42', DRY_RUN: 'maybe' });
    expect(message.split('\n')).toEqual([
      'Invalid configuration:',
      ' - WORKERS must be an integer between 1 and 10 (got "42")',
      ' - DRY_RUN must be true or false (got "maybe")',
    ]);
  });

  it('should hide the value of a variable whose name marks it as secret', () => {
    const message = problemsOf({ API_TOKEN_TTL: 'not-a-number-s3cr3t' });
    expect(message).toContain('API_TOKEN_TTL must be an integer (value hidden)');
    expect(message).not.toContain('s3cr3t');
  });
});
