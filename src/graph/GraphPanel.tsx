import type { TranslationBundle } from '@jupyterlab/translation';
import { addIcon, caretLeftIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useRef, useState } from 'react';
import { ServiceUnavailable, useServiceStatus } from '../components';
import type { ILeapServiceStatus } from '../tokens';
import type { GraphApi } from './api';
import { GraphView } from './GraphView';
import { NodeDetailView } from './NodeDetail';
import { ProfileView } from './ProfileView';
import { ISearchState, SearchView } from './SearchView';
import type { NodeSummary } from './types';

/** What the panel shows; a stack, so Back returns to the previous view. */
export type GraphRoute = { view: 'search' } | { view: 'node'; id: string } | { view: 'person'; id: string } | { view: 'graph'; id: string };

/** Lets the shell's commands move the React view. */
export class GraphController {
  show(route: GraphRoute): void {
    if (this._handler) {
      this._handler(route);
    } else {
      this._pending = route;
    }
  }

  connect(handler: ((route: GraphRoute) => void) | null): void {
    this._handler = handler;
    if (handler && this._pending) {
      const route = this._pending;
      this._pending = null;
      handler(route);
    }
  }

  private _handler: ((route: GraphRoute) => void) | null = null;
  private _pending: GraphRoute | null = null;
}

export function GraphPanel(props: {
  api: GraphApi;
  trans: TranslationBundle;
  controller: GraphController;
  /** "Add from GitHub" / "Add by DOI" (the shell's commands); absent: no add buttons. */
  onAdd?: (source: 'github' | 'doi') => void;
  status: ILeapServiceStatus;
}): JSX.Element {
  const { api, trans, controller, status, onAdd } = props;
  // while the service does not answer the panel says so; its views mount again (and ask again) when it is back
  const snapshot = useServiceStatus(status);
  const [stack, setStack] = useState<GraphRoute[]>([{ view: 'search' }]);
  const [search, setSearch] = useState<ISearchState>({ q: '', kind: '', mine: false });
  const body = useRef<HTMLDivElement>(null);
  const shown = useRef(false);
  const route = stack[stack.length - 1];
  const push = (next: GraphRoute) => setStack(s => [...s, next]);

  useEffect(() => {
    controller.connect(next => setStack(s => (next.view === 'search' ? [next] : [...s, next])));
    return () => controller.connect(null);
  }, [controller]);
  useEffect(() => {
    body.current?.scrollTo?.({ top: 0 });
    // the keyboard follows to the new view when it was on the one that went (or in the panel)
    const active = document.activeElement;
    if (shown.current && body.current && (active === document.body || body.current.closest('.jp-LeapGraph-view')?.contains(active))) {
      body.current.focus({ preventScroll: true });
    }
    shown.current = true;
  }, [stack.length, route]);

  const open = (node: NodeSummary) => push(node.kind === 'Person' ? { view: 'person', id: node.id } : { view: 'node', id: node.id });
  const back = () => setStack(s => (s.length > 1 ? s.slice(0, -1) : s));
  return (
    <div
      className="jp-LeapGraph-view"
      onKeyDown={e => {
        if (e.key === 'Escape' && stack.length > 1) {
          e.stopPropagation();
          back();
        }
      }}
    >
      <div className="jp-LeapGraph-header">
        <h2 className="jp-LeapGraph-heading">{trans.__('Knowledge Graph')}</h2>
        <button type="button" className="jp-LeapGraph-link" onClick={() => push({ view: 'person', id: 'me' })}>
          {trans.__('My profile')}
        </button>
      </div>
      {onAdd && stack.length === 1 && (
        <div className="jp-LeapGraph-bar" role="group" aria-label={trans.__('Add to the knowledge graph')}>
          <button type="button" className="jp-LeapGraph-link" onClick={() => onAdd('github')}>
            <addIcon.react tag="span" className="jp-LeapGraph-buttonIcon" />
            {trans.__('Add from GitHub')}
          </button>
          <button type="button" className="jp-LeapGraph-link" onClick={() => onAdd('doi')}>
            <addIcon.react tag="span" className="jp-LeapGraph-buttonIcon" />
            {trans.__('Add by DOI')}
          </button>
        </div>
      )}
      {stack.length > 1 && (
        <div className="jp-LeapGraph-bar">
          <button type="button" className="jp-LeapGraph-back" onClick={back} title={trans.__('Back (Escape)')}>
            <caretLeftIcon.react tag="span" className="jp-LeapGraph-buttonIcon" />
            {trans.__('Back')}
          </button>
        </div>
      )}
      <div ref={body} className="jp-LeapGraph-body" tabIndex={-1}>
        <ServiceUnavailable snapshot={snapshot} trans={trans} onRetry={() => status.refresh()} />
        {snapshot.state === 'online' && route.view === 'search' && <SearchView api={api} trans={trans} state={search} onChange={setSearch} onOpen={open} />}
        {snapshot.state === 'online' && route.view === 'node' && (
          <NodeDetailView key={route.id} api={api} trans={trans} id={route.id} onOpen={open} onGraph={id => push({ view: 'graph', id })} />
        )}
        {snapshot.state === 'online' && route.view === 'person' && <ProfileView key={route.id} api={api} trans={trans} id={route.id} onOpen={open} />}
        {snapshot.state === 'online' && route.view === 'graph' && (
          <GraphView
            key={route.id}
            api={api}
            trans={trans}
            id={route.id}
            onOpenId={id => push(id.startsWith('person-') ? { view: 'person', id } : { view: 'node', id })}
          />
        )}
      </div>
    </div>
  );
}
