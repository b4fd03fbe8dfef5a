import { createHmac } from 'node:crypto';

export type LookupHashEncoding = 'hex' | 'base64url';

/**
 * Keyed hash (HMAC-SHA256) for finding a record by a personal value without storing it in clear,
 * e.g. an E.164 phone. Equal inputs give equal hashes, so normalise the value before hashing.
 */
export class LookupHasher {
  private readonly key: Buffer;

  constructor(
    key: string | Uint8Array,
    private readonly encoding: LookupHashEncoding = 'hex',
  ) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
    if (this.key.length < 32) throw new Error('LookupHasher: the key must be at least 32 bytes');
  }

  /** From LOOKUP_HASH_KEY (its UTF-8 bytes are the key). */
  static fromConfig(lookupHashKey: string, encoding: LookupHashEncoding = 'hex'): LookupHasher {
    return new LookupHasher(lookupHashKey, encoding);
  }

  hash(value: string): string {
    return createHmac('sha256', this.key).update(value, 'utf8').digest(this.encoding);
  }
}
