import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TutorialImportReport } from '../api/tutorials-schemas.js';
import type { Database } from '../db/database.js';
import { importTutorial } from './import.js';

/**
 * Where the demo tutorials are, relative to this module: examples/tutorials of a checkout
 * (src/tutorials and dist/tutorials sit three levels below the repository, the bundle in
 * jupyterlab_leap/service/ two), else the copy scripts/bundle.mjs puts beside the bundle (an
 * installed package). LEAP_TUTORIALS_DIR overrides them.
 */
export const DEMO_TUTORIALS_DIRS = ['../../../examples/tutorials/', '../../examples/tutorials/', './tutorials/'].map((relative) =>
  fileURLToPath(new URL(relative, import.meta.url))
);

/** The first of DEMO_TUTORIALS_DIRS holding tutorials ('' when none does). */
export async function findDemoTutorialsDir(): Promise<string> {
  for (const dir of DEMO_TUTORIALS_DIRS) {
    if ((await demoTutorialFolders(dir)).length > 0) {
      return dir;
    }
  }
  return '';
}

/** The folders under dir holding a tutorial.yaml, sorted; none when dir does not exist. */
export async function demoTutorialFolders(dir: string): Promise<string[]> {
  const entries = dir === '' ? [] : await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders: string[] = [];
  for (const entry of entries.filter((e) => e.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const manifest = await stat(path.join(dir, entry.name, 'tutorial.yaml')).catch(() => null);
    if (manifest?.isFile() === true) {
      folders.push(path.join(dir, entry.name));
    }
  }
  return folders;
}

/**
 * Local mode: imports every demo tutorial (source kind "demo") from dir, else the checkout's. Unchanged ones are not written
 * again, changed ones are replaced (learners' progress stays).
 */
export async function loadDemoTutorials(db: Database, dir?: string): Promise<TutorialImportReport[]> {
  const reports: TutorialImportReport[] = [];
  for (const folder of await demoTutorialFolders(dir ?? (await findDemoTutorialsDir()))) {
    reports.push(await importTutorial(db, folder, { kind: 'demo', location: `examples/tutorials/${path.basename(folder)}` }));
  }
  return reports;
}
