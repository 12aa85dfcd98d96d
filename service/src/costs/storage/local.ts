import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import type { StorageBackend } from './meter.js';

/** Bytes of regular files under `dir`, not following symbolic links; 0 when it does not exist. */
async function bytesUnder(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return 0;
    }
    throw error;
  }
  let bytes = 0;
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      bytes += await bytesUnder(full);
    } else if (entry.isFile()) {
      bytes += (await lstat(full)).size;
    }
  }
  return bytes;
}

/** A local (or mounted) directory with one folder per user: `<root>/<user>`. */
export function localStorageBackend(root: string): StorageBackend {
  return {
    description: `local directory ${root}`,
    async bytesOf(user) {
      if (user.includes('/') || user === '.' || user === '..') {
        throw new Error(`user name "${user}" cannot name a folder`);
      }
      return bytesUnder(path.join(root, user));
    }
  };
}
