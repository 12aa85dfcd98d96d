import type { TranslationBundle } from '@jupyterlab/translation';
import type { DashboardLearner } from './api';

export type LearnerSortKey = 'name' | 'step' | 'passed' | 'failed' | 'stuck';

/**
 * The dashboard's learner rows sorted by a column (ties by name, so the order
 * is stable between refreshes). Descending puts the most advanced, the most
 * stuck or the most failing first.
 */
export function sortLearners(
  learners: ReadonlyArray<DashboardLearner>,
  key: LearnerSortKey,
  descending: boolean
): DashboardLearner[] {
  const value = (l: DashboardLearner): number | string => {
    switch (key) {
      case 'step':
        return l.completed ? Number.MAX_SAFE_INTEGER : l.currentStepIndex;
      case 'passed':
        return l.passed;
      case 'failed':
        return l.failed;
      case 'stuck':
        return l.stuckMinutes;
      default:
        return l.name.toLowerCase();
    }
  };
  const sign = descending ? -1 : 1;
  return [...learners].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const primary = va < vb ? -1 : va > vb ? 1 : 0;
    return primary !== 0 ? primary * sign : a.name.localeCompare(b.name);
  });
}

/**
 * Whether a learner counts as stuck (shown highlighted): on one step without
 * passing it for at least `minutes`.
 */
export function isStuck(learner: DashboardLearner, minutes: number): boolean {
  return !learner.completed && learner.stuckMinutes >= minutes;
}

/**
 * "12 min", "1 h 5 min" for minutes (rounded down to whole minutes).
 */
export function formatMinutes(minutes: number, trans: TranslationBundle): string {
  const whole = Math.floor(Math.max(0, minutes));
  if (whole < 60) {
    return trans.__('%1 min', whole);
  }
  const hours = Math.floor(whole / 60);
  const rest = whole % 60;
  return rest ? trans.__('%1 h %2 min', hours, rest) : trans.__('%1 h', hours);
}
