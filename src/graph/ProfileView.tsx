import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import type { GraphApi } from './api';
import { relationLabel } from './labels';
import { ErrorBox, NodeCard } from './NodeCard';
import type { NodeSummary } from './types';
import { useRequest } from './useRequest';

/** A person: name, ORCID (linked), affiliation, their outputs. `id` "me" is the caller. */
export function ProfileView(props: { api: GraphApi; trans: TranslationBundle; id: string; onOpen: (node: NodeSummary) => void }): JSX.Element {
  const { api, trans, id, onOpen } = props;
  const { value, error, reload } = useRequest(() => (id === 'me' ? api.me() : api.person(id)), id);
  if (error) {
    return <ErrorBox trans={trans} message={trans.__('The profile could not be loaded.')} detail={error.message} onRetry={reload} />;
  }
  if (!value) {
    return (
      <div className="jp-LeapGraph-loading" role="status">
        {trans.__('Loading…')}
      </div>
    );
  }
  const { person, outputs } = value;
  const orcid = person.identifiers.orcid;
  return (
    <article className="jp-LeapGraph-detail jp-LeapGraph-profile" aria-label={person.title} data-node-id={person.id}>
      <span className="jp-LeapGraph-kind jp-LeapGraph-kind-Person">{trans.__('Person')}</span>
      <h2 className="jp-LeapGraph-title">{person.title}</h2>
      <dl className="jp-LeapGraph-facts">
        {orcid && /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(orcid) && (
          <>
            <dt>ORCID</dt>
            <dd>
              <a href={`https://orcid.org/${orcid}`} target="_blank" rel="noopener noreferrer" aria-label={trans.__('%1, ORCID record of %2', `https://orcid.org/${orcid}`, person.title)}>
                {`https://orcid.org/${orcid}`}
              </a>
            </dd>
          </>
        )}
        {person.affiliation && (
          <>
            <dt>{trans.__('Affiliation')}</dt>
            <dd>{person.affiliation}</dd>
          </>
        )}
        {person.hubUser && (
          <>
            <dt>{trans.__('Hub user')}</dt>
            <dd>{person.hubUser}</dd>
          </>
        )}
      </dl>
      <section className="jp-LeapGraph-group">
        <h3 className="jp-LeapGraph-groupTitle">
          {trans.__('Outputs')} <span className="jp-LeapGraph-muted">({outputs.length})</span>
        </h3>
        {outputs.length === 0 && <p className="jp-LeapGraph-muted">{trans.__('No published outputs yet.')}</p>}
        <ul className="jp-LeapGraph-results">
          {outputs.map(o => (
            <li key={o.node.id}>
              <span className="jp-LeapGraph-muted">{relationLabel(o.relation, 'in', trans)}</span>
              <NodeCard node={o.node} trans={trans} onOpen={onOpen} />
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
