import { randomInt } from 'node:crypto';
import type { ClassSession } from '../api/tutorials-schemas.js';
import type { Identity } from '../auth/identity.js';
import type { Database, Queryable } from '../db/database.js';
import { TutorialError } from './errors.js';
import { readTutorial } from './store.js';

/** Join-code letters: upper case without the look-alikes I and O (no digits, so no 0/1 either). */
export const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

export function newCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) {
    code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  }
  return code;
}

/** Codes are typed by people: case and surrounding spaces do not matter. */
export function normalizeCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Who may create class sessions: hub admins and members of an instructor group; in local mode the local user. */
export function isInstructor(identity: Identity, mode: 'local' | 'hub', instructorGroups: readonly string[]): boolean {
  return mode === 'local' || identity.admin || identity.groups.some((group) => instructorGroups.includes(group));
}

interface SessionRow {
  code: string;
  tutorial_id: string;
  tutorial_title: string;
  instructors: string[];
  created_by: string;
  created_at: Date;
  ended_at: Date | null;
  version: number;
  learners: number;
}

const SELECT = `SELECT s.code, s.tutorial_id, t.title AS tutorial_title, s.instructors, s.created_by, s.created_at, s.ended_at,
  s.version, (SELECT count(*)::int FROM class_session_learners l WHERE l.code = s.code) AS learners
  FROM class_sessions s JOIN tutorials t ON t.id = s.tutorial_id`;

export function sessionLink(tutorialId: string, code: string): string {
  return `lab?tutorial=${encodeURIComponent(tutorialId)}&session=${code}`;
}

function toSession(row: SessionRow): ClassSession {
  return {
    code: row.code,
    tutorialId: row.tutorial_id,
    tutorialTitle: row.tutorial_title,
    instructors: row.instructors,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    endedAt: row.ended_at === null ? null : row.ended_at.toISOString(),
    link: sessionLink(row.tutorial_id, row.code),
    learners: row.learners
  };
}

export async function readSession(db: Queryable, rawCode: string): Promise<ClassSession & { version: number }> {
  const [row] = await db.query<SessionRow>(`${SELECT} WHERE s.code = $1`, [normalizeCode(rawCode)]);
  if (row === undefined) {
    throw new TutorialError('not_found', `No class session has the code "${rawCode}"`);
  }
  return { ...toSession(row), version: Number(row.version) };
}

/** The session, when `user` is one of its instructors; 403 otherwise (404 when there is none). */
export async function readOwnSession(db: Queryable, rawCode: string, user: string): Promise<ClassSession & { version: number }> {
  const session = await readSession(db, rawCode);
  if (!session.instructors.includes(user)) {
    throw new TutorialError('forbidden', `Only the instructors of class session ${session.code} may see its dashboard, end or export it`);
  }
  return session;
}

export async function createSession(db: Database, tutorialId: string, creator: string, coInstructors: readonly string[] = []): Promise<ClassSession> {
  if ((await readTutorial(db, tutorialId)) === null) {
    throw new TutorialError('not_found', `No tutorial has the id "${tutorialId}"`, 'body/tutorialId');
  }
  const instructors = [creator, ...coInstructors.filter((name, i) => name !== creator && coInstructors.indexOf(name) === i)];
  for (let attempt = 0; attempt < 20; attempt++) {
    const inserted = await db
      .query<{ code: string }>(
        `INSERT INTO class_sessions (code, tutorial_id, instructors, created_by) VALUES ($1, $2, $3::jsonb, $4)
         ON CONFLICT (code) DO NOTHING RETURNING code`,
        [newCode(), tutorialId, JSON.stringify(instructors), creator]
      )
      .catch((error: unknown) => {
        // foreign_key_violation: the tutorial was deleted since it was read (DELETE /api/tutorials/{id})
        if ((error as { code?: unknown }).code === '23503') {
          throw new TutorialError('not_found', `No tutorial has the id "${tutorialId}" (it was just deleted)`, 'body/tutorialId');
        }
        throw error;
      });
    if (inserted.length === 1) {
      return readSession(db, inserted[0].code);
    }
  }
  throw new Error('no free class session code after 20 tries');
}

/** Sessions the user instructs, newest first. */
export async function listOwnSessions(db: Queryable, user: string): Promise<ClassSession[]> {
  const rows = await db.query<SessionRow>(`${SELECT} WHERE s.instructors @> $1::jsonb ORDER BY s.created_at DESC, s.code`, [
    JSON.stringify([user])
  ]);
  return rows.map(toSession);
}

export async function endSession(db: Queryable, rawCode: string, user: string): Promise<ClassSession> {
  const session = await readOwnSession(db, rawCode, user);
  await db.query('UPDATE class_sessions SET ended_at = now(), version = version + 1 WHERE code = $1 AND ended_at IS NULL', [session.code]);
  return readSession(db, session.code);
}

export async function sessionVersion(db: Queryable, code: string): Promise<number> {
  const [row] = await db.query<{ version: number }>('SELECT version FROM class_sessions WHERE code = $1', [code]);
  return row === undefined ? 0 : Number(row.version);
}
