// What a boarding tablet keeps on the device: the manifests opened online, the check-ins and
// no-shows waiting for the network, and the conflicts a person must look at.
//
// Encryption at rest, and why this key: every record is sealed with AES-256-GCM (WebCrypto) under a
// key generated on the device at the first use of boarding in a signed-in session, created
// NON-EXTRACTABLE (no script, ours or an injected one, can export its bytes, and it never goes to a
// server or into a backup of the data). The CryptoKey object itself is kept in IndexedDB beside the
// sealed records, because the boarding page must open after a reload with no network (a key only in
// memory would be gone with the page); it is bound to the signed-in user's id. The key and every
// record are erased together at sign-out, when another person signs in on the tablet, and when the
// convoy has departed (that convoy's records). Limit: the browser keeps the key's material in its own
// profile files, so this protects against reading the stored data through the web platform, not
// against someone holding the unlocked tablet's disk; device encryption and a screen lock do that.
import type { SessionUser } from '../auth/api';

const DB_NAME = 'awda-boarding';
const KEYS = 'keys';
const SEALED = 'sealed';

interface KeyRecord {
  userId: string;
  key: CryptoKey;
}

interface SealedRecord {
  iv: Uint8Array<ArrayBuffer>;
  data: ArrayBuffer;
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB request failed'));
  });
}

function done(transaction: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB transaction failed'));
    transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
  });
}

let opening: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore(KEYS);
      request.result.createObjectStore(SEALED);
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab deleting the database (sign-out there) closes this connection.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => {
      opening = null;
      reject(request.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

let cachedKey: KeyRecord | null = null;

/** Whether boarding ever stored anything here: sign-in and sign-out must not create the database for everyone. */
async function databaseExists(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  if (opening) return true;
  if (typeof indexedDB.databases !== 'function') return true;
  return (await indexedDB.databases()).some((info) => info.name === DB_NAME);
}

async function readKey(): Promise<KeyRecord | undefined> {
  if (cachedKey) return cachedKey;
  const db = await database();
  const record = (await promised(db.transaction(KEYS).objectStore(KEYS).get('session'))) as KeyRecord | undefined;
  if (record) cachedKey = record;
  return record;
}

/** The session's key; created (non-extractable) at first use. Another user's key and data are erased first. */
async function sessionKey(userId: string): Promise<CryptoKey> {
  const existing = await readKey();
  if (existing && existing.userId === userId) return existing.key;
  if (existing) await eraseDevice();
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const db = await database();
  const transaction = db.transaction(KEYS, 'readwrite');
  transaction.objectStore(KEYS).put({ userId, key } satisfies KeyRecord, 'session');
  await done(transaction);
  cachedKey = { userId, key };
  return key;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Stores a value sealed under the session key; the record's name is bound as associated data. */
export async function putSealed(userId: string, name: string, value: unknown): Promise<void> {
  const key = await sessionKey(userId);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoder.encode(name) }, key, encoder.encode(JSON.stringify(value)));
  const db = await database();
  const transaction = db.transaction(SEALED, 'readwrite');
  transaction.objectStore(SEALED).put({ iv, data } satisfies SealedRecord, name);
  await done(transaction);
}

/** A sealed value, or undefined when there is none for this user (or it cannot be opened). */
export async function getSealed<T>(userId: string, name: string): Promise<T | undefined> {
  const keyRecord = await readKey();
  if (!keyRecord || keyRecord.userId !== userId) return undefined;
  const db = await database();
  const record = (await promised(db.transaction(SEALED).objectStore(SEALED).get(name))) as SealedRecord | undefined;
  if (!record) return undefined;
  try {
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: record.iv, additionalData: encoder.encode(name) }, keyRecord.key, record.data);
    return JSON.parse(decoder.decode(plain)) as T;
  } catch {
    return undefined;
  }
}

export async function deleteSealed(names: readonly string[]): Promise<void> {
  const db = await database();
  const transaction = db.transaction(SEALED, 'readwrite');
  for (const name of names) transaction.objectStore(SEALED).delete(name);
  await done(transaction);
}

/** Names of the sealed records that start with `prefix`. */
export async function sealedNames(prefix: string): Promise<string[]> {
  const db = await database();
  const keys = await promised(db.transaction(SEALED).objectStore(SEALED).getAllKeys());
  return keys.map(String).filter((name) => name.startsWith(prefix));
}

/** Everything boarding kept on this device, the key included (sign-out, another person signing in). */
export async function eraseDevice(): Promise<void> {
  cachedKey = null;
  if (!(await databaseExists())) return;
  const db = await database();
  const transaction = db.transaction([KEYS, SEALED], 'readwrite');
  transaction.objectStore(KEYS).clear();
  transaction.objectStore(SEALED).clear();
  await done(transaction);
}

/** Who used boarding on this tablet (the officer, sealed like the rest), for opening the boarding pages with no network. */
export type OfflineUser = Pick<SessionUser, 'id' | 'username' | 'displayName' | 'roles' | 'camps' | 'locale' | 'digits'>;

export function rememberUser(user: SessionUser): Promise<void> {
  const offline: OfflineUser = {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles,
    camps: user.camps,
    locale: user.locale,
    digits: user.digits,
  };
  return putSealed(user.id, 'user', offline);
}

/** The user who stored boarding data on this device, when the gateway cannot be reached. */
export async function offlineUser(): Promise<SessionUser | undefined> {
  if (!(await databaseExists().catch(() => false))) return undefined;
  const keyRecord = await readKey().catch(() => undefined);
  if (!keyRecord) return undefined;
  const user = await getSealed<OfflineUser>(keyRecord.userId, 'user');
  return user ? { ...user, displayName: user.displayName ?? user.username, mustChangePassword: false } : undefined;
}

/** Another person signed in on this tablet: nothing of the previous person's boarding data stays. */
export async function eraseUnlessUser(userId: string): Promise<void> {
  if (!(await databaseExists())) return;
  const db = await database();
  // One transaction: read the key's owner and clear, so a key made meanwhile for this user is never cleared.
  const transaction = db.transaction([KEYS, SEALED], 'readwrite');
  const keys = transaction.objectStore(KEYS);
  const request = keys.get('session');
  request.onsuccess = () => {
    const record = request.result as KeyRecord | undefined;
    if (!record || record.userId === userId) return;
    cachedKey = null;
    keys.clear();
    transaction.objectStore(SEALED).clear();
  };
  await done(transaction);
}
