import type { TutorialDeletion } from '../api/tutorials-schemas.js';
import type { Database } from '../db/database.js';
import { TutorialError } from './errors.js';

export interface DeleteOptions {
  /** keep (default): learners' progress stays and comes back when the same id is imported again. */
  progress: 'keep' | 'delete';
  /** Whether the service imports this tutorial again at its next start (local mode's demo tutorials). */
  reseeded: (source: { kind: string }) => boolean;
}

/**
 * Deletes a tutorial with its shipped files and its ended class sessions, in one transaction.
 * Refused while one of its class sessions is still running (their instructors end them first), so
 * a tutorial never vanishes under the learners of a class. Learners' progress is kept (the rows
 * forget the deleted sessions) unless `progress` is 'delete'.
 */
export async function deleteTutorial(db: Database, id: string, options: DeleteOptions): Promise<TutorialDeletion> {
  return db.transaction(async (tx) => {
    // FOR UPDATE: a class session created meanwhile waits for this to end (its foreign key), then fails.
    const [tutorial] = await tx.query<{ title: string; source: { kind: string } }>('SELECT title, source FROM tutorials WHERE id = $1 FOR UPDATE', [
      id
    ]);
    if (tutorial === undefined) {
      throw new TutorialError('not_found', `No tutorial has the id "${id}"`);
    }
    const sessions = await tx.query<{ code: string; created_by: string; ended: boolean }>(
      'SELECT code, created_by, ended_at IS NOT NULL AS ended FROM class_sessions WHERE tutorial_id = $1 ORDER BY created_at, code',
      [id]
    );
    const running = sessions.filter((s) => !s.ended);
    if (running.length > 0) {
      // the codes first: a notification may show only the start of the message
      const list = running.map((s) => `${s.code} (started by ${s.created_by})`).join(', ');
      const one = running.length === 1;
      throw new TutorialError(
        'sessions_running',
        `Class session${one ? '' : 's'} ${list} of tutorial "${id}" ${one ? 'is' : 'are'} still running: end ${one ? 'it' : 'them'} first.`
      );
    }
    await tx.query(
      'UPDATE tutorial_progress SET session_code = NULL WHERE tutorial_id = $1 AND session_code IN (SELECT code FROM class_sessions WHERE tutorial_id = $1)',
      [id]
    );
    const learners =
      options.progress === 'delete'
        ? await tx.query<{ user_name: string }>('DELETE FROM tutorial_progress WHERE tutorial_id = $1 RETURNING user_name', [id])
        : await tx.query<{ user_name: string }>('SELECT user_name FROM tutorial_progress WHERE tutorial_id = $1', [id]);
    // tutorial_files, class_sessions and their learners go with it (ON DELETE CASCADE).
    await tx.query('DELETE FROM tutorials WHERE id = $1', [id]);
    return {
      id,
      title: tutorial.title,
      progress: options.progress === 'delete' ? 'deleted' : 'kept',
      learners: learners.length,
      endedSessions: sessions.map((s) => s.code),
      returnsAtStart: options.reseeded(tutorial.source)
    };
  });
}
