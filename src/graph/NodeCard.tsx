import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { kindLabel } from './labels';
import type { NodeSummary } from './types';

/** One node in a list: kind, title (as text), draft badge, version and DOI. */
export function NodeCard(props: { node: NodeSummary; trans: TranslationBundle; onOpen: (node: NodeSummary) => void }): JSX.Element {
  const { node, trans, onOpen } = props;
  return (
    <button type="button" className="jp-LeapGraph-card" data-node-id={node.id} onClick={() => onOpen(node)}>
      <span className={`jp-LeapGraph-kind jp-LeapGraph-kind-${node.kind}`}>{kindLabel(node.kind, trans)}</span>
      {node.status === 'draft' && <span className="jp-LeapGraph-draft">{trans.__('draft')}</span>}
      <span className="jp-LeapGraph-cardTitle">{node.title}</span>
      {(node.version || node.doi) && (
        <span className="jp-LeapGraph-muted">
          {node.version ? trans.__('version %1', node.version) : ''}
          {node.version && node.doi ? ' · ' : ''}
          {node.doi ? `doi:${node.doi}` : ''}
        </span>
      )}
    </button>
  );
}

export function ErrorBox(props: { message: string; detail?: string; trans: TranslationBundle; onRetry: () => void }): JSX.Element {
  return (
    <div className="jp-LeapGraph-error" role="alert">
      <p>{props.message}</p>
      {props.detail && <p className="jp-LeapGraph-muted">{props.detail}</p>}
      <button type="button" className="jp-Button jp-mod-styled jp-mod-accept" onClick={props.onRetry}>
        {props.trans.__('Try again')}
      </button>
    </div>
  );
}
