import type { ClassSession, Dashboard, DashboardLearner, DashboardStep, Tutorial } from '../api/tutorials-schemas.js';
import type { Queryable } from '../db/database.js';
import type { ProgressRow } from './progress.js';
import { readOwnSession } from './sessions.js';
import { readTutorialCached } from './store.js';

interface LearnerRow extends ProgressRow {
  joined_at: Date;
}

function learner(tutorial: Tutorial, row: LearnerRow, now: Date): DashboardLearner {
  const index = Math.max(0, tutorial.steps.findIndex((step) => step.id === row.current_step));
  const records = Object.values(row.steps);
  const currentPassed = row.steps[row.current_step]?.passed === true;
  const stuck = row.completed || currentPassed ? 0 : Math.max(0, (now.getTime() - row.step_entered_at.getTime()) / 60_000);
  return {
    name: row.user_name,
    currentStep: row.current_step,
    currentStepIndex: index,
    passed: records.filter((r) => r.passed).length,
    failed: records.reduce((sum, r) => sum + Math.max(0, r.attempts - (r.passed ? 1 : 0)), 0),
    stuckMinutes: Math.round(stuck * 10) / 10,
    completed: row.completed,
    lastActive: row.updated_at.toISOString()
  };
}

/** Per-step counts; the hardest step has the most failed attempts (ties: more learners on it). */
export function stepStats(tutorial: Tutorial, rows: readonly ProgressRow[]): { steps: DashboardStep[]; hardestStep: string | null } {
  const steps = tutorial.steps.map((step, i): DashboardStep => {
    let current = 0;
    let reached = 0;
    let passed = 0;
    let failedAttempts = 0;
    for (const row of rows) {
      const at = tutorial.steps.findIndex((s) => s.id === row.current_step);
      current += at === i ? 1 : 0;
      reached += at >= i || row.completed ? 1 : 0;
      const record = row.steps[step.id];
      if (record !== undefined) {
        passed += record.passed ? 1 : 0;
        failedAttempts += Math.max(0, record.attempts - (record.passed ? 1 : 0));
      }
    }
    return { id: step.id, title: step.title, hasCheck: step.check !== undefined, current, reached, passed, failedAttempts, hardest: false };
  });
  const hardest = steps
    .filter((step) => step.failedAttempts > 0)
    .reduce<DashboardStep | null>((best, step) => {
      if (best === null || step.failedAttempts > best.failedAttempts) {
        return step;
      }
      return step.failedAttempts === best.failedAttempts && step.current > best.current ? step : best;
    }, null);
  if (hardest !== null) {
    hardest.hardest = true;
  }
  return { steps, hardestStep: hardest?.id ?? null };
}

/** The dashboard of a session its instructor asks for, at `version` (read before the data, so never newer than it). */
export async function buildDashboard(db: Queryable, code: string, user: string): Promise<Dashboard> {
  const { version, ...session } = await readOwnSession(db, code, user);
  return dashboardOf(db, session, version);
}

export async function dashboardOf(db: Queryable, session: ClassSession, version: number): Promise<Dashboard> {
  const tutorial = (await readTutorialCached(db, session.tutorialId))!;
  const [{ now }] = await db.query<{ now: Date }>('SELECT now() AS now');
  const rows = await db.query<LearnerRow>(
    `SELECT p.*, l.joined_at FROM class_session_learners l
     JOIN tutorial_progress p ON p.user_name = l.user_name AND p.tutorial_id = $2
     WHERE l.code = $1 ORDER BY l.user_name`,
    [session.code, session.tutorialId]
  );
  const { steps, hardestStep } = stepStats(tutorial, rows);
  return {
    session: { ...session, learners: rows.length },
    version,
    learners: rows.map((row) => learner(tutorial, row, now)),
    steps,
    hardestStep,
    generatedAt: now.toISOString()
  };
}
