import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { facetLabel, facetValueLabel } from './labels';
import { IQueryState, isActive } from './query';
import type { Facet } from './types';

const FACET_VALUES_SHOWN = 8;

/**
 * The facets as answered, plus chosen values the answer no longer lists (so
 * they can be switched off), first in their facet.
 */
export function withActive(facets: ReadonlyArray<Facet>, query: IQueryState): Facet[] {
  const out: Facet[] = facets.map(f => ({ ...f, values: [...f.values] }));
  for (const [name, values] of Object.entries(query.filters)) {
    let facet = out.find(f => f.name === name);
    if (!facet) {
      facet = { name, values: [], more: false };
      out.push(facet);
    }
    for (const value of values) {
      if (!facet.values.some(v => v.value === value)) {
        facet.values.unshift({ value, count: 0 });
      }
    }
  }
  return out;
}

/** One facet's chips with counts; the most frequent first, chosen values always shown. */
export function FacetGroup(props: {
  facet: Facet;
  query: IQueryState;
  trans: TranslationBundle;
  locale?: string;
  expanded: boolean;
  onExpand: () => void;
  onToggle: (name: string, value: string) => void;
}): JSX.Element | null {
  const { facet, query, trans, locale, expanded, onExpand, onToggle } = props;
  if (facet.values.length === 0) {
    return null;
  }
  const number = new Intl.NumberFormat(locale);
  // chosen values always show
  const shown = expanded
    ? facet.values
    : facet.values.filter((v, i) => i < FACET_VALUES_SHOWN || isActive(query, facet.name, v.value));
  const label = facetLabel(trans, facet.name);
  const groupId = `jp-leap-dl-facet-${facet.name}`;
  return (
    <div className="jp-LeapDataLibrary-facet" role="group" aria-labelledby={groupId}>
      <div id={groupId} className="jp-LeapDataLibrary-facetName">
        {label}
      </div>
      <div className="jp-LeapDataLibrary-chips">
        {shown.map(v => {
          const on = isActive(query, facet.name, v.value);
          const text = facetValueLabel(trans, facet.name, v.value);
          return (
            <button
              key={v.value}
              type="button"
              className={`jp-LeapDataLibrary-chip${on ? ' jp-mod-active' : ''}`}
              aria-pressed={on}
              title={trans.__('%1: %2 (%3 datasets)', label, text, number.format(v.count))}
              onClick={() => onToggle(facet.name, v.value)}
            >
              <span className="jp-LeapDataLibrary-chipText">{text}</span>
              <span className="jp-LeapDataLibrary-chipCount">{number.format(v.count)}</span>
            </button>
          );
        })}
        {facet.values.length > FACET_VALUES_SHOWN && (
          <button
            type="button"
            className="jp-LeapDataLibrary-more"
            aria-expanded={expanded}
            aria-label={expanded ? trans.__('Fewer %1', label) : trans.__('More %1', label)}
            onClick={onExpand}
          >
            {expanded ? trans.__('Fewer') : trans.__('More…')}
          </button>
        )}
      </div>
    </div>
  );
}
