import type { TranslationBundle } from '@jupyterlab/translation';
import type { RequestList, RequestFormInfo } from 'leap-hub-service/dist/api/requests-schemas';
import * as React from 'react';
import type { LeapApiClient } from '../api';
import { RequestDetailView } from './RequestDetail';
import { statusLabel } from './notifications';

/** The caller's dataset requests, or (data team) everyone's, with the chosen one's detail. */
export function RequestsView(props: RequestsView.IProps): JSX.Element {
  const { client, trans, selected, select, requestDataset } = props;
  const [info, setInfo] = React.useState<RequestFormInfo | null>(null);
  const [all, setAll] = React.useState(false);
  const [list, setList] = React.useState<RequestList | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [version, setVersion] = React.useState(0);

  React.useEffect(() => {
    client.request<RequestFormInfo>('requests/form').then(
      form => {
        setInfo(form);
        setAll(form.canTriage);
      },
      (reason: Error) => setError(reason.message)
    );
  }, [client]);
  React.useEffect(() => {
    if (info === null) {
      return;
    }
    client.request<RequestList>('requests', { query: { all: all ? 'true' : undefined, limit: 200 } }).then(
      answer => {
        setList(answer);
        setError(null);
      },
      (reason: Error) => setError(reason.message)
    );
  }, [client, info, all, version]);

  return (
    <div className="jp-LeapRequests-view">
      <div className="jp-LeapRequests-listPane">
        <div className="jp-LeapRequests-toolbar">
          <h2 id="jp-leap-requests-title">{all ? trans.__('All dataset requests') : trans.__('My dataset requests')}</h2>
          {info?.canTriage ? (
            <label className="jp-LeapRequests-toggle">
              <input type="checkbox" checked={all} onChange={e => setAll(e.target.checked)} /> {trans.__("Everyone's requests (data team)")}
            </label>
          ) : null}
          <button type="button" className="jp-Button jp-mod-styled jp-mod-accept" onClick={requestDataset}>
            {trans.__('Request a dataset')}
          </button>
        </div>
        {error ? <div className="jp-LeapRequests-error" role="alert">{trans.__('Could not load the requests: %1', error)}</div> : null}
        {list !== null && list.items.length === 0 ? <p>{trans.__('No dataset requests yet.')}</p> : null}
        <ul className="jp-LeapRequests-list" aria-labelledby="jp-leap-requests-title">
          {list?.items.map(request => (
            <li key={request.id}>
              <button
                type="button"
                className={request.id === selected ? 'jp-LeapRequests-item jp-mod-selected' : 'jp-LeapRequests-item'}
                aria-current={request.id === selected ? 'true' : undefined}
                onClick={() => select(request.id)}
              >
                <span className="jp-LeapRequests-itemName">{request.name}</span>
                <span className={`jp-LeapRequests-status jp-LeapRequests-status-${request.status}`}>{statusLabel(request.status, trans)}</span>
                {all ? <span className="jp-LeapRequests-itemBy">{request.requester}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="jp-LeapRequests-detailPane">
        {selected !== null && info !== null ? (
          <RequestDetailView key={selected} client={client} trans={trans} id={selected} transitions={info.transitions} changed={() => setVersion(v => v + 1)} />
        ) : (
          <p className="jp-LeapRequests-empty">{trans.__('Choose a request to see its status and history.')}</p>
        )}
      </div>
    </div>
  );
}

export namespace RequestsView {
  export interface IProps {
    client: LeapApiClient;
    trans: TranslationBundle;
    selected: number | null;
    select: (id: number | null) => void;
    requestDataset: () => void;
  }
}
