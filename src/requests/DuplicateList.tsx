import type { TranslationBundle } from '@jupyterlab/translation';
import type { Duplicates } from 'leap-hub-service/dist/api/requests-schemas';
import * as React from 'react';
import { statusLabel } from './notifications';

/** Catalog datasets and requests the one being written may duplicate. */
export function DuplicateList({ duplicates, trans }: { duplicates: Duplicates; trans: TranslationBundle }): JSX.Element {
  const reason = (why: Duplicates['datasets'][number]['reason']) =>
    why === 'url' ? trans.__('same URL') : why === 'all-words' ? trans.__('every word of the name') : trans.__('most words of the name');
  return (
    <section className="jp-LeapRequests-duplicates" aria-labelledby="jp-leap-request-duplicates">
      <h3 id="jp-leap-request-duplicates">{trans.__('Possibly there already')}</h3>
      <ul>
        {duplicates.datasets.map(dataset => (
          <li key={dataset.id}>
            <strong>{dataset.title}</strong> <code>{dataset.id}</code> <span className="jp-LeapRequests-reason">({reason(dataset.reason)})</span>
            {dataset.summary ? <div className="jp-LeapRequests-summary">{dataset.summary}</div> : null}
          </li>
        ))}
        {duplicates.requests.map(request => (
          <li key={`request-${request.id}`}>
            {trans.__('Request %1 “%2” by %3 (%4)', request.id, request.name, request.requester, statusLabel(request.status, trans))}
          </li>
        ))}
      </ul>
    </section>
  );
}
