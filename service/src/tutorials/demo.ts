import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TutorialImportReport } from '../api/tutorials-schemas.js';
import type { Database } from '../db/database.js';
import { importTutorial } from './import.js';

/**
 * examples/tutorials of a checkout, read relative to this module (src/tutorials and
 * dist/tutorials both sit three levels below the repository). LEAP_TUTORIALS_DIR overrides it,
 * e.g. for an installed package whose bundle has no checkout beside it.
 */
export const DEMO_TUTORIALS_DIR = fileURLToPath(new URL('../../../examples/tutorials/', import.meta.url));

/** The folders under dir holding a tutorial.yaml, sorted; none when dir does not exist. */
export async function demoTutorialFolders(dir = DEMO_TUTORIALS_DIR): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
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
 * Local mode: imports every demo tutorial (source kind "demo"). Unchanged ones are not written
 * again, changed ones are replaced (learners' progress stays).
 */
export async function loadDemoTutorials(db: Database, dir = DEMO_TUTORIALS_DIR): Promise<TutorialImportReport[]> {
  const reports: TutorialImportReport[] = [];
  for (const folder of await demoTutorialFolders(dir)) {
    reports.push(await importTutorial(db, folder, { kind: 'demo', location: `demo:${path.basename(folder)}` }));
  }
  return reports;
}
