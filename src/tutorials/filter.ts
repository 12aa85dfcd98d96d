import type { TutorialSummary } from './api';

export type LevelFilter = 'any' | 'beginner' | 'intermediate' | 'advanced';

/** The duration filter's choices, in minutes. */
export const DURATION_LIMITS = [15, 30, 60];

export interface ITutorialFilter {
  /** Words that must all appear in the title, description, tags or authors. */
  query: string;
  level: LevelFilter;
  /** 0: any duration. */
  maxMinutes: number;
}

/**
 * The tutorials matching the list's search box and filters, in their order.
 */
export function filterTutorials(
  tutorials: ReadonlyArray<TutorialSummary>,
  filter: ITutorialFilter
): TutorialSummary[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return tutorials.filter(t => {
    if (filter.level !== 'any' && t.level !== filter.level) {
      return false;
    }
    if (filter.maxMinutes > 0 && t.duration > filter.maxMinutes) {
      return false;
    }
    const text = [t.title, t.description, ...t.tags, ...t.authors].join(' ').toLowerCase();
    return words.every(w => text.includes(w));
  });
}
