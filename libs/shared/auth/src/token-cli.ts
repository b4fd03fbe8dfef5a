import { parseArgs } from 'node:util';
import { BaseServiceConfig, loadConfig } from '@awda/config';
import { ROLES, isRole, type Role } from './roles.js';
import { signToken } from './sign-token.js';

export const TOKEN_CLI_USAGE = `Usage: npm run token -- --role <role> --camp <campId> [--role …] [--camp …] [--sub <id>] [--ttl 8h]
  roles: ${ROLES.join(', ')}; --camp '*' means every camp; ttl: <n>s, <n>m, <n>h or <n>d (at most JWT_MAX_TOKEN_AGE_SECONDS, 1d by default)
  Reads JWT_SECRET, JWT_ISSUER and JWT_AUDIENCE like the services do.`;

const MAX_TTL_SECONDS = 30 * 24 * 3600;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Seconds in a duration such as 90, 90s, 15m, 8h or 2d, at most maxSeconds (the services refuse longer-lived tokens). */
export function parseTtl(text: string, maxSeconds = MAX_TTL_SECONDS): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * (UNIT_SECONDS[match[2] || 's'] ?? 1) : Number.NaN;
  if (!Number.isInteger(seconds) || seconds <= 0 || seconds > maxSeconds) {
    throw new Error(`--ttl must be a duration such as 15m, 8h or 2d, at most ${maxSeconds} s (JWT_MAX_TOKEN_AGE_SECONDS) (got "${text}")`);
  }
  return seconds;
}

/** Signs a development token from command-line arguments (see TOKEN_CLI_USAGE) and the environment. */
export async function tokenFromCommandLine(args: string[], env: Record<string, string | undefined>): Promise<string> {
  const { values } = parseArgs({
    args,
    options: {
      role: { type: 'string', multiple: true },
      camp: { type: 'string', multiple: true },
      sub: { type: 'string' },
      ttl: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const roles = values.role ?? [];
  if (roles.length === 0) throw new Error(`At least one --role is needed\n${TOKEN_CLI_USAGE}`);
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0) throw new Error(`Unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);

  const config = loadConfig(BaseServiceConfig, env);
  if (!config.JWT_ALGORITHMS.includes('HS256')) {
    throw new Error('JWT_ALGORITHMS does not allow HS256 here: get a token from the identity provider instead');
  }
  return signToken(
    {
      sub: values.sub ?? 'dev-user',
      roles: roles.filter(isRole) satisfies Role[],
      camps: values.camp ?? [],
      ttlSeconds: parseTtl(values.ttl ?? '8h', config.JWT_MAX_TOKEN_AGE_SECONDS),
    },
    { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE },
  );
}
