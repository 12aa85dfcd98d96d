import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ImportProblem } from '../api/tutorials-schemas.js';
import { problem } from './manifest.js';
import { MAX_SHIPPED_BYTES, type StoredFile } from './types.js';

/** Never shipped: version control and editor or kernel leftovers. Symbolic links inside folders are skipped. */
const SKIPPED = new Set(['.git', '.ipynb_checkpoints', '__pycache__', '.DS_Store']);

async function walk(root: string, relative: string, out: string[]): Promise<void> {
  const entries = await readdir(path.join(root, relative), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (SKIPPED.has(entry.name)) {
      continue;
    }
    const child = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      await walk(root, child, out);
    } else if (entry.isFile()) {
      out.push(child);
    }
  }
}

/**
 * Reads the shipped files (folders expanded) under root, sorted by path. A path that does not exist
 * or a total over MAX_SHIPPED_BYTES is a problem named in `manifestFile` at `field`.
 */
export async function readShippedFiles(
  root: string,
  paths: readonly string[],
  where: (i: number) => { file: string; line: number | null; field: string }
): Promise<{ files: StoredFile[]; problems: ImportProblem[] }> {
  const problems: ImportProblem[] = [];
  const names = new Set<string>();
  const realRoot = await realpath(root);
  for (const [i, p] of paths.entries()) {
    const info = await stat(path.join(root, p)).catch(() => null);
    const real = info === null ? null : await realpath(path.join(root, p));
    if (info === null) {
      const at = where(i);
      problems.push(problem(at.file, at.line, at.field, `"${p}" does not exist beside the manifest (${root})`));
    } else if (real !== realRoot && !real!.startsWith(`${realRoot}${path.sep}`)) {
      // A symbolic link out of the manifest's folder would ship files from elsewhere on the server.
      const at = where(i);
      problems.push(problem(at.file, at.line, at.field, `"${p}" leads out of the manifest's folder (a symbolic link to ${real})`));
    } else if (info.isDirectory()) {
      const inside: string[] = [];
      await walk(root, p, inside);
      inside.forEach((name) => names.add(name));
    } else {
      names.add(p);
    }
  }
  const files: StoredFile[] = [];
  let total = 0;
  for (const name of [...names].sort()) {
    const content = await readFile(path.join(root, name));
    total += content.length;
    if (total > MAX_SHIPPED_BYTES) {
      const at = where(0);
      problems.push(problem(at.file, null, 'files.paths', `add up to more than ${MAX_SHIPPED_BYTES / 1024 / 1024} MiB: ship large data another way (a catalog store)`));
      break;
    }
    files.push({ path: name, content, size: content.length, sha256: createHash('sha256').update(content).digest('hex') });
  }
  return { files, problems };
}
