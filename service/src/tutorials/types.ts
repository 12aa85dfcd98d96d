import type { ImportProblem, Level, TutorialSource, TutorialStep } from '../api/tutorials-schemas.js';

/** Files as an import found them; shipped ones are read from `root` and stored with the tutorial. */
export type ImportedFiles =
  | { kind: 'git'; repo: string; ref: string | null; paths: string[]; dest: string }
  | { kind: 'shipped'; root: string; paths: string[]; dest: string }
  | { kind: 'none' };

/** What every importer (manifest, Jupyter Book, MyST) produces. */
export interface ImportedTutorial {
  id: string;
  title: string;
  description: string;
  authors: string[];
  level: Level;
  duration: number;
  tags: string[];
  prerequisites: string[];
  source: TutorialSource;
  files: ImportedFiles;
  steps: TutorialStep[];
  warnings: ImportProblem[];
}

/** A shipped file as stored: path relative to the files' dest, bytes and digest. */
export interface StoredFile {
  path: string;
  content: Uint8Array;
  size: number;
  sha256: string;
}

export const DEFAULT_STEP_MINUTES = 5;
/** Shipped files of one tutorial together (the database holds them). */
export const MAX_SHIPPED_BYTES = 64 * 1024 * 1024;
