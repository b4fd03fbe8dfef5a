/** One environment variable that failed validation, with a sentence saying why. */
export interface ConfigProblem {
  variable: string;
  reason: string;
}

/** Thrown by loadConfig: names every bad variable, one per line, never a secret's value. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(['Invalid configuration:', ...problems.map((p) => ` - ${p.reason}`)].join('\n'));
    this.name = 'ConfigError';
  }
}
