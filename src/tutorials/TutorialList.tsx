import type { TranslationBundle } from '@jupyterlab/translation';
import { searchIcon } from '@jupyterlab/ui-components';
import React, { useMemo, useState } from 'react';
import { renderMarkdown } from '../components/markdown';
import type { TutorialSummary } from './api';
import { DURATION_LIMITS, filterTutorials, LevelFilter } from './filter';

export interface ITutorialListProps {
  tutorials: ReadonlyArray<TutorialSummary>;
  trans: TranslationBundle;
  onStart: (id: string) => void;
  onClassSession: (id: string) => void;
  /** Given to those who may delete tutorials (who may import them): shows a Delete button. */
  onDelete?: (id: string) => void;
}

/**
 * The tutorials to choose from: search, level and duration filters.
 */
export function TutorialList(props: ITutorialListProps): JSX.Element {
  const { tutorials, trans, onStart, onClassSession, onDelete } = props;
  const [query, setQuery] = useState('');
  const [level, setLevel] = useState<LevelFilter>('any');
  const [maxMinutes, setMaxMinutes] = useState(0);
  const shown = useMemo(
    () => filterTutorials(tutorials, { query, level, maxMinutes }),
    [tutorials, query, level, maxMinutes]
  );
  const levelLabel = (value: string): string =>
    ({ beginner: trans.__('Beginner'), intermediate: trans.__('Intermediate'), advanced: trans.__('Advanced') })[value] ??
    value;

  return (
    <div className="jp-LeapTutorials-list">
      <div className="jp-LeapTutorials-filters">
        <label className="jp-LeapTutorials-search">
          <searchIcon.react tag="span" className="jp-LeapTutorials-searchIcon" />
          <input
            type="search"
            className="jp-mod-styled"
            aria-label={trans.__('Search tutorials')}
            placeholder={trans.__('Search tutorials')}
            value={query}
            onChange={e => setQuery(e.target.value)}
          />
        </label>
        <label>
          {trans.__('Level')}
          <select className="jp-mod-styled" value={level} onChange={e => setLevel(e.target.value as LevelFilter)}>
            <option value="any">{trans.__('Any level')}</option>
            <option value="beginner">{levelLabel('beginner')}</option>
            <option value="intermediate">{levelLabel('intermediate')}</option>
            <option value="advanced">{levelLabel('advanced')}</option>
          </select>
        </label>
        <label>
          {trans.__('Duration')}
          <select className="jp-mod-styled" value={maxMinutes} onChange={e => setMaxMinutes(Number(e.target.value))}>
            <option value={0}>{trans.__('Any duration')}</option>
            {DURATION_LIMITS.map(m => (
              <option key={m} value={m}>
                {trans.__('Up to %1 min', m)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="jp-LeapTutorials-count" aria-live="polite">
        {trans._n('%1 tutorial', '%1 tutorials', shown.length)}
      </p>
      <ul className="jp-LeapTutorials-items" aria-label={trans.__('Tutorials')}>
        {shown.map(t => (
          <li key={t.id} className="jp-LeapTutorials-item">
            <h3 className="jp-LeapTutorials-itemTitle">{t.title}</h3>
            <p className="jp-LeapTutorials-meta">
              {levelLabel(t.level)} · {trans.__('%1 min', Math.round(t.duration))} ·{' '}
              {trans._n('%1 step', '%1 steps', t.steps)}
            </p>
            {t.description && (
              <div
                className="jp-LeapTutorials-description"
                dangerouslySetInnerHTML={{ __html: renderMarkdown(t.description) }}
              />
            )}
            <div className="jp-LeapTutorials-itemActions">
              <button
                type="button"
                className="jp-Button jp-mod-styled jp-mod-accept"
                aria-label={trans.__('Start %1', t.title)}
                onClick={() => onStart(t.id)}
              >
                {trans.__('Start')}
              </button>
              <button
                type="button"
                className="jp-Button jp-mod-styled"
                aria-label={trans.__('Start a class session of %1', t.title)}
                onClick={() => onClassSession(t.id)}
              >
                {trans.__('Class session…')}
              </button>
              {onDelete && (
                <button
                  type="button"
                  className="jp-Button jp-mod-styled jp-LeapTutorials-delete"
                  aria-label={trans.__('Delete %1', t.title)}
                  onClick={() => onDelete(t.id)}
                >
                  {trans.__('Delete…')}
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
