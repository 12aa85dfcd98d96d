import type { Progress, ProgressUpdate, StepProgress, Tutorial } from '../api/tutorials-schemas.js';
import type { Database, Queryable } from '../db/database.js';
import { TutorialError } from './errors.js';
import { normalizeCode } from './sessions.js';

type StepRecord = Omit<StepProgress, 'step'>;

export interface ProgressRow {
  user_name: string;
  tutorial_id: string;
  current_step: string;
  step_entered_at: Date;
  steps: Record<string, StepRecord>;
  completed: boolean;
  seconds_spent: number;
  session_code: string | null;
  started_at: Date;
  updated_at: Date;
}

const EMPTY_STEP: StepRecord = { attempts: 0, passed: false, lastResult: null, lastMessage: null, hintsShown: 0, seconds: 0 };

export function toProgress(tutorial: Pick<Tutorial, 'id' | 'steps'>, row: ProgressRow | undefined): Progress {
  if (row === undefined) {
    return {
      tutorialId: tutorial.id,
      currentStep: tutorial.steps[0]?.id ?? '',
      steps: [],
      completed: false,
      secondsSpent: 0,
      session: null,
      startedAt: null,
      updatedAt: null
    };
  }
  return {
    tutorialId: tutorial.id,
    currentStep: row.current_step,
    // Tutorial order; records of steps a re-import removed are kept in the row but not shown.
    steps: tutorial.steps.filter((step) => row.steps[step.id] !== undefined).map((step) => ({ step: step.id, ...row.steps[step.id] })),
    completed: row.completed,
    secondsSpent: row.seconds_spent,
    session: row.session_code,
    startedAt: row.started_at.toISOString(),
    updatedAt: row.updated_at.toISOString()
  };
}

export async function readProgress(db: Queryable, user: string, tutorial: Pick<Tutorial, 'id' | 'steps'>): Promise<Progress> {
  const [row] = await db.query<ProgressRow>('SELECT * FROM tutorial_progress WHERE user_name = $1 AND tutorial_id = $2', [user, tutorial.id]);
  return toProgress(tutorial, row);
}

/** Deletes the user's progress; returns the open class sessions whose dashboards changed. */
export async function resetProgress(db: Queryable, user: string, tutorialId: string): Promise<string[]> {
  await db.query('DELETE FROM tutorial_progress WHERE user_name = $1 AND tutorial_id = $2', [user, tutorialId]);
  return bumpSessions(db, user, tutorialId);
}

/** One more version for every open class session of this tutorial the user joined. */
async function bumpSessions(db: Queryable, user: string, tutorialId: string): Promise<string[]> {
  const bumped = await db.query<{ code: string }>(
    `UPDATE class_sessions SET version = version + 1
     WHERE tutorial_id = $1 AND ended_at IS NULL
       AND code IN (SELECT code FROM class_session_learners WHERE user_name = $2)
     RETURNING code`,
    [tutorialId, user]
  );
  return bumped.map((b) => b.code);
}

function checkStepIds(tutorial: Pick<Tutorial, 'steps'>, update: ProgressUpdate): void {
  const ids = new Set(tutorial.steps.map((step) => step.id));
  if (!ids.has(update.currentStep)) {
    throw new TutorialError('invalid', `currentStep "${update.currentStep}" is not a step of this tutorial`, 'body/currentStep');
  }
  if (update.check !== undefined && !ids.has(update.check.step)) {
    throw new TutorialError('invalid', `check.step "${update.check.step}" is not a step of this tutorial`, 'body/check/step');
  }
}

async function join(tx: Queryable, user: string, tutorialId: string, rawCode: string): Promise<string> {
  const code = normalizeCode(rawCode);
  const [session] = await tx.query<{ tutorial_id: string; ended_at: Date | null }>(
    'SELECT tutorial_id, ended_at FROM class_sessions WHERE code = $1',
    [code]
  );
  if (session === undefined) {
    throw new TutorialError('not_found', `No class session has the code "${rawCode}"`, 'body/session');
  }
  if (session.tutorial_id !== tutorialId) {
    throw new TutorialError('invalid', `Class session ${code} is for the tutorial "${session.tutorial_id}", not "${tutorialId}"`, 'body/session');
  }
  if (session.ended_at !== null) {
    // A learner of the session keeps saving (a player may send the code with every update);
    // joining an ended session is refused so that the player can say so and resend without it.
    const [member] = await tx.query('SELECT 1 FROM class_session_learners WHERE code = $1 AND user_name = $2', [code, user]);
    if (member !== undefined) {
      return code;
    }
    throw new TutorialError('session_ended', `Class session ${code} has ended: send your progress without it`, 'body/session');
  }
  await tx.query('INSERT INTO class_session_learners (code, user_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [code, user]);
  return code;
}

/**
 * Applies a learner's update to their own progress (one transaction) and bumps the version of
 * every open class session they joined for this tutorial. Returns the progress and those sessions.
 */
export async function updateProgress(
  db: Database,
  user: string,
  tutorial: Pick<Tutorial, 'id' | 'steps'>,
  update: ProgressUpdate
): Promise<{ progress: Progress; sessions: string[] }> {
  checkStepIds(tutorial, update);
  const progress = await db.transaction(async (tx) => {
    const joined = update.session === undefined ? null : await join(tx, user, tutorial.id, update.session);
    const [old] = await tx.query<ProgressRow>(
      'SELECT * FROM tutorial_progress WHERE user_name = $1 AND tutorial_id = $2 FOR UPDATE',
      [user, tutorial.id]
    );
    const steps: Record<string, StepRecord> = { ...(old?.steps ?? {}) };
    const edit = (id: string, change: (record: StepRecord) => StepRecord): void => {
      steps[id] = change({ ...EMPTY_STEP, ...steps[id] });
    };
    const seconds = update.secondsDelta ?? 0;
    if (seconds > 0) {
      // Time since the last update was spent on the step the learner was on until now.
      edit(old?.current_step ?? update.currentStep, (r) => ({ ...r, seconds: r.seconds + seconds }));
    }
    if (update.check !== undefined) {
      const { result, message } = update.check;
      edit(update.check.step, (r) => ({
        ...r,
        attempts: r.attempts + 1,
        passed: r.passed || result === 'passed',
        lastResult: result,
        lastMessage: message ?? null
      }));
    }
    if (update.hintsShown !== undefined) {
      const shown = update.hintsShown;
      edit(update.currentStep, (r) => ({ ...r, hintsShown: Math.max(r.hintsShown, shown) }));
    }
    const moved = old === undefined || old.current_step !== update.currentStep;
    // clock_timestamp(), not now(): taken after the row lock, so one learner's updates are in order.
    const [row] = await tx.query<ProgressRow>(
      `INSERT INTO tutorial_progress (user_name, tutorial_id, current_step, step_entered_at, steps, completed, seconds_spent,
         session_code, started_at, updated_at)
       VALUES ($1, $2, $3, COALESCE($4::timestamptz, clock_timestamp()), $5::jsonb, $6, $7, $8,
         COALESCE($9::timestamptz, clock_timestamp()), clock_timestamp())
       ON CONFLICT (user_name, tutorial_id) DO UPDATE SET current_step = EXCLUDED.current_step,
         step_entered_at = EXCLUDED.step_entered_at, steps = EXCLUDED.steps, completed = EXCLUDED.completed,
         seconds_spent = EXCLUDED.seconds_spent, session_code = EXCLUDED.session_code, updated_at = EXCLUDED.updated_at
       RETURNING *`,
      [
        user,
        tutorial.id,
        update.currentStep,
        moved ? null : old.step_entered_at,
        JSON.stringify(steps),
        update.completed ?? old?.completed ?? false,
        (old?.seconds_spent ?? 0) + seconds,
        joined ?? old?.session_code ?? null,
        old?.started_at ?? null
      ]
    );
    return toProgress(tutorial, row);
  });
  // After the commit, outside the transaction: a whole class bumps the same row, so its lock is
  // held for one statement only. A dashboard that reads the new version then reads this update.
  return { progress, sessions: await bumpSessions(db, user, tutorial.id) };
}
