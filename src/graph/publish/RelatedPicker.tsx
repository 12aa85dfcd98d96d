import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useRef, useState } from 'react';
import type { GraphApi } from '../api';
import { kindLabel } from '../labels';
import type { NodeSummary } from '../types';

const DOI = /^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)?(10\.\d{4,9}\/\S+)$/i;
export const RELATED_DEBOUNCE_MS = 150;

/**
 * Search-as-you-type over the graph for a related item (any kind but
 * people); a DOI typed in can be added as it is.
 */
export function RelatedPicker(props: {
  api: GraphApi;
  trans: TranslationBundle;
  exclude: ReadonlySet<string>;
  onPick: (item: { id?: string; doi?: string; title: string }) => void;
}): JSX.Element {
  const { api, trans, exclude, onPick } = props;
  const [text, setText] = useState('');
  const [items, setItems] = useState<NodeSummary[]>([]);
  const [error, setError] = useState<string | null>(null);
  const ticket = useRef(0);

  useEffect(() => {
    const q = text.trim();
    const mine = ++ticket.current;
    if (!q || DOI.test(q)) {
      setItems([]);
      return;
    }
    const timer = setTimeout(() => {
      api
        .search({ q, kind: ['Dataset', 'Paper', 'ProjectCode', 'TrainedModel', 'EducationalModule', 'Project'], limit: 8 })
        .then(
          result => {
            if (mine === ticket.current) {
              setItems(result.items);
              setError(null);
            }
          },
          reason => mine === ticket.current && setError(String(reason?.message ?? reason))
        );
    }, RELATED_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  const doi = DOI.exec(text.trim())?.[1];
  const pick = (item: { id?: string; doi?: string; title: string }): void => {
    onPick(item);
    setText('');
    setItems([]);
  };
  return (
    <div className="jp-LeapPublish-picker">
      <input
        type="search"
        className="jp-mod-styled jp-LeapPublish-input"
        value={text}
        placeholder={trans.__('Search the graph, or paste a DOI')}
        aria-label={trans.__('Find a related item')}
        onChange={e => setText(e.target.value)}
      />
      {error && <div className="jp-LeapPublish-problem">{error}</div>}
      {(items.length > 0 || doi) && (
        <ul className="jp-LeapPublish-suggestions" aria-label={trans.__('Matching items')}>
          {doi && (
            <li>
              <button type="button" className="jp-LeapPublish-suggestion" onClick={() => pick({ doi, title: doi })}>
                {trans.__('Add DOI %1', doi)}
              </button>
            </li>
          )}
          {items
            .filter(i => !exclude.has(i.id))
            .map(item => (
              <li key={item.id}>
                <button type="button" className="jp-LeapPublish-suggestion" onClick={() => pick({ id: item.id, title: item.title })}>
                  <span className="jp-LeapGraph-kind">{kindLabel(item.kind, trans)}</span> {item.title}
                </button>
              </li>
            ))}
        </ul>
      )}
    </div>
  );
}
