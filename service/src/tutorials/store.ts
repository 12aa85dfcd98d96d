import { createHash } from 'node:crypto';
import type { Tutorial, TutorialFiles, TutorialStep, TutorialSummary } from '../api/tutorials-schemas.js';
import type { Database, Queryable } from '../db/database.js';
import type { ImportedTutorial, StoredFile } from './types.js';

interface TutorialRow {
  id: string;
  title: string;
  description: string;
  authors: string[];
  level: Tutorial['level'];
  duration: number;
  tags: string[];
  prerequisites: string[];
  source: Tutorial['source'];
  files: StoredFilesColumn;
  steps: TutorialStep[];
  checksum: string;
  imported_at: Date;
}

/** tutorials.files: the API's TutorialFiles without the URL (derived from the id). */
type StoredFilesColumn =
  | Extract<TutorialFiles, { kind: 'git' } | { kind: 'none' }>
  | { kind: 'shipped'; dest: string; files: { path: string; size: number; sha256: string }[] };

const COLUMNS = 'id, title, description, authors, level, duration, tags, prerequisites, source, files, steps, checksum, imported_at';

export function filesUrl(id: string): string {
  return `/api/tutorials/${encodeURIComponent(id)}/files/`;
}

function summary(row: TutorialRow): TutorialSummary {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    authors: row.authors,
    level: row.level,
    duration: Number(row.duration),
    tags: row.tags,
    source: row.source,
    steps: row.steps.length
  };
}

function tutorial(row: TutorialRow): Tutorial {
  const files: TutorialFiles = row.files.kind === 'shipped' ? { ...row.files, url: filesUrl(row.id) } : row.files;
  return {
    ...summary(row),
    prerequisites: row.prerequisites,
    files,
    steps: row.steps,
    importedAt: row.imported_at.toISOString()
  };
}

function storedFiles(t: ImportedTutorial, files: readonly StoredFile[]): StoredFilesColumn {
  if (t.files.kind === 'shipped') {
    return { kind: 'shipped', dest: t.files.dest, files: files.map(({ path, size, sha256 }) => ({ path, size, sha256 })) };
  }
  return t.files;
}

/**
 * Saves a tutorial and its shipped files in one transaction, replacing an earlier import of the
 * same id (learners' progress stays). Unchanged content (same checksum) is not written again.
 */
export async function saveTutorial(db: Database, t: ImportedTutorial, files: readonly StoredFile[]): Promise<{ tutorial: Tutorial; changed: boolean }> {
  const { warnings: _warnings, files: _files, ...fields } = t;
  const filesColumn = storedFiles(t, files);
  const checksum = createHash('sha256').update(JSON.stringify({ fields, filesColumn })).digest('hex');
  return db.transaction(async (tx) => {
    const [existing] = await tx.query<{ checksum: string }>('SELECT checksum FROM tutorials WHERE id = $1 FOR UPDATE', [t.id]);
    if (existing?.checksum === checksum) {
      return { tutorial: (await readTutorial(tx, t.id))!, changed: false };
    }
    await tx.query(
      `INSERT INTO tutorials (id, title, description, authors, level, duration, tags, prerequisites, source, files, steps, checksum, imported_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb, $12, now())
       ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, description = EXCLUDED.description, authors = EXCLUDED.authors,
         level = EXCLUDED.level, duration = EXCLUDED.duration, tags = EXCLUDED.tags, prerequisites = EXCLUDED.prerequisites,
         source = EXCLUDED.source, files = EXCLUDED.files, steps = EXCLUDED.steps, checksum = EXCLUDED.checksum,
         imported_at = EXCLUDED.imported_at`,
      [
        t.id,
        t.title,
        t.description,
        JSON.stringify(t.authors),
        t.level,
        t.duration,
        JSON.stringify(t.tags),
        JSON.stringify(t.prerequisites),
        JSON.stringify(t.source),
        JSON.stringify(filesColumn),
        JSON.stringify(t.steps),
        checksum
      ]
    );
    await tx.query('DELETE FROM tutorial_files WHERE tutorial_id = $1', [t.id]);
    for (const file of files) {
      await tx.query('INSERT INTO tutorial_files (tutorial_id, path, size, sha256, content) VALUES ($1, $2, $3, $4, $5)', [
        t.id,
        file.path,
        file.size,
        file.sha256,
        file.content
      ]);
    }
    return { tutorial: (await readTutorial(tx, t.id))!, changed: true };
  });
}

export async function listTutorials(db: Queryable): Promise<TutorialSummary[]> {
  const rows = await db.query<TutorialRow>(`SELECT ${COLUMNS} FROM tutorials ORDER BY title, id`);
  return rows.map(summary);
}

export async function readTutorial(db: Queryable, id: string): Promise<Tutorial | null> {
  const [row] = await db.query<TutorialRow>(`SELECT ${COLUMNS} FROM tutorials WHERE id = $1`, [id]);
  return row === undefined ? null : tutorial(row);
}

/** Parsed tutorials per database, each valid while its checksum is the stored one. Only a cache. */
const parsed = new WeakMap<Queryable, Map<string, { checksum: string; tutorial: Tutorial }>>();
const CACHED_TUTORIALS = 200;

/**
 * readTutorial for the hot paths (progress updates, dashboards): one indexed checksum read, the
 * parsed tutorial from memory unless a re-import (on any replica) changed it.
 */
export async function readTutorialCached(db: Queryable, id: string): Promise<Tutorial | null> {
  const [row] = await db.query<{ checksum: string }>('SELECT checksum FROM tutorials WHERE id = $1', [id]);
  if (row === undefined) {
    return null;
  }
  const cache = parsed.get(db) ?? new Map<string, { checksum: string; tutorial: Tutorial }>();
  parsed.set(db, cache);
  const hit = cache.get(id);
  if (hit?.checksum === row.checksum) {
    return hit.tutorial;
  }
  const tutorial = await readTutorial(db, id);
  if (tutorial !== null) {
    if (cache.size >= CACHED_TUTORIALS) {
      cache.clear();
    }
    cache.set(id, { checksum: row.checksum, tutorial });
  }
  return tutorial;
}

export async function readTutorialFile(db: Queryable, id: string, filePath: string): Promise<{ content: Buffer; sha256: string } | null> {
  const [row] = await db.query<{ content: Uint8Array; sha256: string }>(
    'SELECT content, sha256 FROM tutorial_files WHERE tutorial_id = $1 AND path = $2',
    [id, filePath]
  );
  return row === undefined ? null : { content: Buffer.from(row.content.buffer, row.content.byteOffset, row.content.byteLength), sha256: row.sha256 };
}
