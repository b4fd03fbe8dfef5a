import { mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// awda-import-<pid>-<import id>: the process that owns an upload's temporary copy is in its name.
const PREFIX = 'awda-import-';
const OWNED = /^awda-import-(\d+)-[0-9a-f-]{36}$/;

/** The temporary directory of one import's upload, named after this process. */
export async function makeUploadDir(importId: string, root = tmpdir()): Promise<string> {
  const dir = join(root, `${PREFIX}${process.pid}-${importId}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary uploads of processes that are gone (a service that crashed mid-import leaves
 * its copy behind, up to IMPORT_MAX_MB each). Uploads of live processes, this one included, stay.
 * Returns the directories removed.
 */
export async function removeAbandonedUploads(root = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(root).catch(() => [] as string[])) {
    const owner = OWNED.exec(name)?.[1];
    if (owner === undefined) continue;
    const pid = Number(owner);
    if (pid === process.pid || isAlive(pid)) continue;
    await rm(join(root, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}
