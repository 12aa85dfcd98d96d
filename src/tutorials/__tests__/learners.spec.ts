import { nullTranslator } from '@jupyterlab/translation';
import type { DashboardLearner } from '../api';
import { formatMinutes, isStuck, sortLearners } from '../learners';

const trans = nullTranslator.load('jupyterlab_leap');

function learner(name: string, step: number, passed: number, failed: number, stuck: number, completed = false): DashboardLearner {
  return {
    name,
    currentStep: `s${step}`,
    currentStepIndex: step,
    passed,
    failed,
    stuckMinutes: stuck,
    completed,
    lastActive: '2026-11-25T17:00:00.000Z'
  };
}

const CLASS = [
  learner('dora', 2, 2, 0, 1),
  learner('bob', 1, 1, 4, 12),
  learner('Alice', 4, 4, 1, 0, true),
  learner('carl', 1, 1, 0, 3)
];

describe('sortLearners', () => {
  it('by name, case-insensitively', () => {
    expect(sortLearners(CLASS, 'name', false).map(l => l.name)).toEqual(['Alice', 'bob', 'carl', 'dora']);
  });

  it('by step, completed learners furthest, ties by name', () => {
    expect(sortLearners(CLASS, 'step', true).map(l => l.name)).toEqual(['Alice', 'dora', 'bob', 'carl']);
    expect(sortLearners(CLASS, 'step', false).map(l => l.name)).toEqual(['bob', 'carl', 'dora', 'Alice']);
  });

  it('by stuck time and by failed attempts, the worst first', () => {
    expect(sortLearners(CLASS, 'stuck', true).map(l => l.name)).toEqual(['bob', 'carl', 'dora', 'Alice']);
    expect(sortLearners(CLASS, 'failed', true).map(l => l.name)).toEqual(['bob', 'Alice', 'carl', 'dora']);
  });

  it('leaves the given array alone', () => {
    const before = CLASS.map(l => l.name);
    sortLearners(CLASS, 'name', true);
    expect(CLASS.map(l => l.name)).toEqual(before);
  });
});

describe('stuck learners and minutes', () => {
  it('is stuck after the threshold, never once completed', () => {
    expect(isStuck(CLASS[1], 10)).toBe(true);
    expect(isStuck(CLASS[3], 10)).toBe(false);
    expect(isStuck(learner('x', 3, 3, 0, 50, true), 10)).toBe(false);
  });

  it('formats minutes and hours', () => {
    expect(formatMinutes(0.4, trans)).toBe('0 min');
    expect(formatMinutes(59.9, trans)).toBe('59 min');
    expect(formatMinutes(60, trans)).toBe('1 h');
    expect(formatMinutes(125, trans)).toBe('2 h 5 min');
  });
});
