import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useRef, useState } from 'react';
import type { GraphApi } from './api';
import { kindLabel, NODE_KINDS } from './labels';
import { ErrorBox, NodeCard } from './NodeCard';
import type { NodeKind, NodeSummary } from './types';
import { useRequest } from './useRequest';

export const GRAPH_SEARCH_DEBOUNCE_MS = 150;

export interface ISearchState {
  q: string;
  kind: NodeKind | '';
  mine: boolean;
}

/** Search the graph: words, one kind or all, only mine (drafts included); results as cards. */
export function SearchView(props: {
  api: GraphApi;
  trans: TranslationBundle;
  state: ISearchState;
  onChange: (state: ISearchState) => void;
  onOpen: (node: NodeSummary) => void;
}): JSX.Element {
  const { api, trans, state, onChange, onOpen } = props;
  const [text, setText] = useState(state.q);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const timer = setTimeout(() => text !== state.q && onChange({ ...state, q: text }), GRAPH_SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const key = JSON.stringify(state);
  const { value, error, reload } = useRequest(
    () => api.search({ q: state.q, kind: state.kind ? [state.kind] : undefined, mine: state.mine, limit: 50 }),
    key
  );
  return (
    <div className="jp-LeapGraph-search">
      <div className="jp-LeapGraph-searchBar">
        <input
          ref={input}
          type="search"
          className="jp-mod-styled jp-LeapGraph-searchInput"
          placeholder={trans.__('Search papers, code, datasets, people…')}
          aria-label={trans.__('Search the knowledge graph')}
          value={text}
          onChange={e => setText(e.target.value)}
          onKeyDown={e => e.key === 'Enter' && onChange({ ...state, q: text })}
        />
        <div className="jp-LeapGraph-filters">
          <select
            className="jp-mod-styled"
            aria-label={trans.__('Kind')}
            value={state.kind}
            onChange={e => onChange({ ...state, q: text, kind: e.target.value as NodeKind | '' })}
          >
            <option value="">{trans.__('All kinds')}</option>
            {NODE_KINDS.map(k => (
              <option key={k} value={k}>
                {kindLabel(k, trans)}
              </option>
            ))}
          </select>
          <label className="jp-LeapGraph-mine">
            <input type="checkbox" checked={state.mine} onChange={e => onChange({ ...state, q: text, mine: e.target.checked })} />
            {trans.__('Only mine (with drafts)')}
          </label>
        </div>
      </div>
      {/* one live region for the whole search, so screen readers announce each new count */}
      <div className="jp-LeapGraph-muted jp-LeapGraph-count" role="status" aria-live="polite">
        {error ? '' : !value ? trans.__('Searching…') : trans._n('%1 item', '%1 items', value.total)}
      </div>
      {error ? (
        <ErrorBox
          trans={trans}
          message={trans.__('The search failed.')}
          detail={error.message}
          onRetry={() => {
            // the button goes with the error: the keyboard goes back to the search box
            input.current?.focus();
            reload();
          }}
        />
      ) : (
        value && (
          <ul className="jp-LeapGraph-results" aria-label={trans.__('Results')}>
            {value.items.map(node => (
              <li key={node.id}>
                <NodeCard node={node} trans={trans} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}
