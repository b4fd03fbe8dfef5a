import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KEY_ID_PATTERN, parseFieldEncryptionKeys } from '@awda/config';

const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

export interface FieldCipherOptions {
  /** 32-byte AES keys by key id; keep retired keys here so old ciphertexts still decrypt. */
  keys: Record<string, Uint8Array>;
  /** The key new values are encrypted with. */
  activeKeyId: string;
}

/** Decryption refused: unknown key, malformed text, or authentication failed. Never carries the data. */
export class FieldDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldDecryptionError';
  }
}

/**
 * AES-256-GCM encryption of single personal fields: `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url).
 * Associated data (e.g. the household id) binds a ciphertext to its record: copied elsewhere, it fails.
 */
export class FieldCipher {
  private readonly keys: ReadonlyMap<string, Buffer>;
  readonly activeKeyId: string;

  constructor(options: FieldCipherOptions) {
    const keys = new Map<string, Buffer>();
    for (const [keyId, key] of Object.entries(options.keys)) {
      if (!KEY_ID_PATTERN.test(keyId)) throw new Error(`FieldCipher: key id "${keyId}" must match ${KEY_ID_PATTERN}`);
      if (key.length !== KEY_BYTES) throw new Error(`FieldCipher: key "${keyId}" must be ${KEY_BYTES} bytes`);
      keys.set(keyId, Buffer.from(key));
    }
    if (!keys.has(options.activeKeyId)) throw new Error(`FieldCipher: active key "${options.activeKeyId}" is not among the keys`);
    this.keys = keys;
    this.activeKeyId = options.activeKeyId;
  }

  /** From FIELD_ENCRYPTION_KEYS (`keyId:base64,…`) and FIELD_ENCRYPTION_ACTIVE_KEY. */
  static fromConfig(fieldEncryptionKeys: string, activeKeyId: string): FieldCipher {
    return new FieldCipher({ keys: parseFieldEncryptionKeys(fieldEncryptionKeys), activeKeyId });
  }

  encrypt(plaintext: string, associatedData?: string): string {
    const keyId = this.activeKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.keyFor(keyId), iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(aadFor(keyId, associatedData));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, keyId, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join('.');
  }

  /** The plaintext; throws FieldDecryptionError on tampering, a wrong key or wrong associated data. */
  decrypt(encrypted: string, associatedData?: string): string {
    const { keyId, iv, ciphertext, tag } = parse(encrypted);
    const key = this.keys.get(keyId);
    if (key === undefined) throw new FieldDecryptionError(`Unknown field encryption key id "${keyId}"`);
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aadFor(keyId, associatedData));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new FieldDecryptionError('Encrypted field failed authentication (tampered, wrong key or wrong associated data)');
    }
  }

  /** The key id a ciphertext was made with (for rotation jobs). */
  keyIdOf(encrypted: string): string {
    return parse(encrypted).keyId;
  }

  /** True when a ciphertext was made with a key other than the active one. */
  needsReEncryption(encrypted: string): boolean {
    return this.keyIdOf(encrypted) !== this.activeKeyId;
  }

  private keyFor(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (key === undefined) throw new Error(`FieldCipher: no key "${keyId}"`);
    return key;
  }
}

// The version and key id are authenticated too, so a ciphertext cannot be relabelled.
function aadFor(keyId: string, associatedData: string | undefined): Buffer {
  return Buffer.from(`${VERSION}.${keyId}.${associatedData ?? ''}`, 'utf8');
}

function parse(encrypted: string): { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer } {
  const parts = encrypted.split('.');
  const [version, keyId, iv, ciphertext, tag] = parts;
  if (
    parts.length !== 5 ||
    version !== VERSION ||
    keyId === undefined ||
    !KEY_ID_PATTERN.test(keyId) ||
    [iv, ciphertext, tag].some((part) => part === undefined || !BASE64URL.test(part))
  ) {
    throw new FieldDecryptionError('Not an encrypted field (expected v1.<keyId>.<iv>.<ciphertext>.<tag>)');
  }
  const ivBytes = Buffer.from(iv ?? '', 'base64url');
  const tagBytes = Buffer.from(tag ?? '', 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
    throw new FieldDecryptionError('Encrypted field has a malformed IV or tag');
  }
  return { keyId, iv: ivBytes, ciphertext: Buffer.from(ciphertext ?? '', 'base64url'), tag: tagBytes };
}
