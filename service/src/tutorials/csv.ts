import type { Dashboard, Progress, Tutorial } from '../api/tutorials-schemas.js';

/** One CSV field (RFC 4180); text a spreadsheet would run as a formula gets a leading quote mark. */
export function csvField(value: string | number | boolean): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) {
    text = `'${text}`;
  }
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const line = (fields: (string | number | boolean)[]): string => `${fields.map(csvField).join(',')}\r\n`;

/**
 * The results of a class session, one row per learner: the dashboard's columns, then for every
 * step its last check result and attempts (`<step>:result`, `<step>:attempts`).
 */
export function sessionCsv(tutorial: Tutorial, dashboard: Dashboard, progress: ReadonlyMap<string, Progress>): string {
  const header = [
    'learner',
    'current_step',
    'steps_passed',
    'failed_checks',
    'completed',
    'stuck_minutes',
    'seconds_spent',
    'last_active',
    ...tutorial.steps.flatMap((step) => [`${step.id}:result`, `${step.id}:attempts`])
  ];
  let out = line(header);
  for (const learner of dashboard.learners) {
    const own = progress.get(learner.name);
    const byStep = new Map(own?.steps.map((s) => [s.step, s]));
    out += line([
      learner.name,
      learner.currentStep,
      learner.passed,
      learner.failed,
      learner.completed,
      learner.stuckMinutes,
      own?.secondsSpent ?? 0,
      learner.lastActive,
      ...tutorial.steps.flatMap((step) => {
        const record = byStep.get(step.id);
        return [record?.passed === true ? 'passed' : (record?.lastResult ?? ''), record?.attempts ?? 0];
      })
    ]);
  }
  return out;
}
