// Prints a development bearer token: npm run token -- --role caseworker --camp mahmoudli [--ttl 8h]
import { TOKEN_CLI_USAGE, tokenFromCommandLine } from '@awda/auth';
import { ConfigError } from '@awda/config';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(`${TOKEN_CLI_USAGE}\n`);
} else {
  try {
    process.stdout.write(`${await tokenFromCommandLine(args, process.env)}\n`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A configuration problem is about the environment, not the arguments: no usage text then.
    process.stderr.write(error instanceof ConfigError ? `${message}\n` : `${message}\n${TOKEN_CLI_USAGE}\n`);
    process.exitCode = 1;
  }
}
