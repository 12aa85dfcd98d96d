import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { TutorialImportReport, TutorialSource } from '../api/tutorials-schemas.js';
import type { Database } from '../db/database.js';
import { fromManifest } from './from-manifest.js';
import { parseManifest, problem, TutorialImportError } from './manifest.js';
import { readShippedFiles } from './shipped-files.js';
import { saveTutorial } from './store.js';
import { fromToc } from './toc.js';
import type { ImportedTutorial, StoredFile } from './types.js';

const MANIFEST_NAMES = ['tutorial.yaml', 'tutorial.yml', 'tutorial.json'];
const TOC_NAMES = ['_toc.yml', 'myst.yml'];

/** The file an import path stands for: itself, or the manifest / TOC inside a folder. */
async function resolveEntry(target: string): Promise<string> {
  const info = await stat(target).catch(() => null);
  if (info === null) {
    throw new TutorialImportError([problem(target, null, null, 'does not exist')]);
  }
  if (!info.isDirectory()) {
    return target;
  }
  for (const name of [...MANIFEST_NAMES, ...TOC_NAMES]) {
    const candidate = path.join(target, name);
    if ((await stat(candidate).catch(() => null))?.isFile() === true) {
      return candidate;
    }
  }
  throw new TutorialImportError([problem(target, null, null, `holds none of ${[...MANIFEST_NAMES, ...TOC_NAMES].join(', ')}`)]);
}

/** Reads a manifest, a folder with one, or a Jupyter Book / MyST table of contents. Nothing saved. */
export async function readTutorialSource(
  target: string,
  source?: TutorialSource
): Promise<{ tutorial: ImportedTutorial; files: StoredFile[] }> {
  const entry = await resolveEntry(path.resolve(target));
  const name = path.basename(entry);
  let tutorial: ImportedTutorial;
  let where: (i: number) => { file: string; line: number | null; field: string };
  let locate: ((field: (string | number)[]) => number | null) | undefined;
  if (TOC_NAMES.includes(name)) {
    tutorial = await fromToc(entry);
    where = (i) => ({ file: name, line: null, field: `page ${i + 1}` });
  } else {
    const { manifest, doc } = parseManifest(await readFile(entry, 'utf8'), entry);
    tutorial = fromManifest(manifest, doc, entry, source);
    where = (i) => ({ file: doc.file, line: doc.line(['files', 'paths', i]), field: `files.paths[${i}]` });
    locate = (field) => doc.line(field);
  }
  if (tutorial.files.kind !== 'shipped') {
    return { tutorial, files: [] };
  }
  const { files, problems } = await readShippedFiles(tutorial.files.root, tutorial.files.paths, where);
  if (problems.length > 0) {
    throw new TutorialImportError(problems);
  }
  const shipped = new Set(files.map((f) => f.path));
  tutorial.steps.forEach((step, i) => {
    if (step.notebook !== undefined && !shipped.has(step.notebook)) {
      const line = locate?.(['steps', i, 'notebook']) ?? null;
      tutorial.warnings.push(problem(name, line, `steps[${i}].notebook`, `"${step.notebook}" is not among the shipped files (files.paths): the learner will not have it`));
    }
  });
  return { tutorial, files };
}

/**
 * Imports a tutorial from a server-side path and saves it. A refused import saves nothing and
 * reports every problem (file, line, field); it never throws for a bad source.
 */
export async function importTutorial(db: Database, target: string, source?: TutorialSource): Promise<TutorialImportReport> {
  try {
    const { tutorial, files } = await readTutorialSource(target, source);
    const saved = await saveTutorial(db, tutorial, files);
    const { files: _files, steps: _steps, prerequisites: _prerequisites, importedAt: _at, ...summary } = saved.tutorial;
    return { status: 'ok', tutorial: { ...summary, steps: saved.tutorial.steps.length }, errors: [], warnings: tutorial.warnings };
  } catch (error) {
    if (error instanceof TutorialImportError) {
      return { status: 'failed', tutorial: null, errors: error.problems, warnings: [] };
    }
    throw error;
  }
}
