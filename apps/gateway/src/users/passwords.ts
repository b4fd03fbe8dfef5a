import { randomInt } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';

// argon2id (the package's default algorithm) with RFC 9106's second recommended option, 64 MiB
// and 3 passes; one lane keeps each sign-in to one thread of the pool (~100-250 ms on the 2-core machines).
const PARAMETERS = { memoryCost: 65_536, timeCost: 3, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN_LENGTH = 12;
// Long enough for any passphrase, short enough that hashing one is never a denial of service.
export const PASSWORD_MAX_LENGTH = 256;

/** An argon2id PHC string for the password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMETERS);
}

/** True when the password matches the stored hash; false for anything unreadable. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with other parameters than today's (rehash at the next sign-in). */
export function needsRehash(stored: string): boolean {
  try {
    const options = parseOptions(stored);
    return (
      !stored.startsWith('$argon2id$') ||
      options.memoryCost !== PARAMETERS.memoryCost ||
      options.timeCost !== PARAMETERS.timeCost ||
      options.parallelism !== PARAMETERS.parallelism
    );
  } catch {
    return true;
  }
}

let decoy: Promise<string> | undefined;

/**
 * Spends the time a real check would on a hash nobody's password matches, so that an unknown
 * username is answered as slowly as a wrong password.
 */
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(`decoy-${randomInt(2 ** 40)}`);
  await verifyPassword(await decoy, password);
  return false;
}

// No 0/O, 1/l/I: a temporary password is often read aloud or copied from paper.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password an administrator hands over: 4 groups of 4 (about 79 bits), e.g. "k7mq-x2pf-9rtn-wd4h". */
export function generateTemporaryPassword(): string {
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

// The most common passwords of 12 characters or more in public breach lists, and this system's own words.
const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', 'qwertyuiop12', 'qwertyuiopas',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'iloveyou1234', 'abcdefghijkl',
  'abcd12345678', 'aaaaaaaaaaaa', '111111111111', '000000000000', 'qwerty123456', '1q2w3e4r5t6y',
  'administrator', 'admin1234567', 'welcome12345', 'changeme1234', 'letmein12345', 'awda12345678',
  'awdaawdaawda', 'mahmoudli123', 'returnhome12',
]);

export interface PasswordContext {
  username: string;
  displayName?: string;
}

/** What is wrong with a new password, as sentences a person understands; empty when it is acceptable. */
export function passwordProblems(password: string, context: PasswordContext): string[] {
  const problems: string[] = [];
  const lower = password.toLowerCase();
  if ([...password].length < PASSWORD_MIN_LENGTH) problems.push(`The password must be at least ${PASSWORD_MIN_LENGTH} characters long`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`The password must be at most ${PASSWORD_MAX_LENGTH} characters long`);
  const username = context.username.toLowerCase();
  if (username.length >= 3 && lower.includes(username)) problems.push('The password must not contain the username');
  const name = context.displayName?.trim().toLowerCase();
  if (name && name.length >= 4 && lower.includes(name)) problems.push('The password must not contain your name');
  if (COMMON.has(lower)) problems.push('This password is too common; choose another');
  else if (new Set(password).size < 4) problems.push('The password needs more different characters');
  return problems;
}
