import type { TranslationBundle } from '@jupyterlab/translation';
import type { RequestStatus } from 'leap-hub-service/dist/api/requests-schemas';
import * as React from 'react';
import { statusLabel } from './notifications';

/** The data team's status change: the allowed next statuses, a note, the catalog dataset for done. */
export function TriageForm(props: TriageForm.IProps): JSX.Element | null {
  const { trans, next, busy, change, status } = props;
  const [to, setTo] = React.useState<RequestStatus | ''>('');
  const [note, setNote] = React.useState('');
  const [datasetId, setDatasetId] = React.useState('');
  if (next.length === 0) {
    return <p>{trans.__('This request is %1; its status no longer changes.', statusLabel(status, trans))}</p>;
  }
  return (
    <form
      className="jp-LeapRequests-triage"
      aria-label={trans.__('Triage')}
      onSubmit={e => {
        e.preventDefault();
        if (to !== '') {
          change(to, note, datasetId.trim());
          setNote('');
        }
      }}
    >
      <label htmlFor="jp-leap-request-status" className="jp-LeapRequests-label">{trans.__('New status')}</label>
      <select id="jp-leap-request-status" className="jp-mod-styled jp-LeapRequests-select" value={to} onChange={e => setTo(e.target.value as RequestStatus | '')}>
        <option value="">{trans.__('Choose')}</option>
        {next.map(option => (
          <option key={option} value={option}>{statusLabel(option, trans)}</option>
        ))}
      </select>
      {to === 'done' ? (
        <>
          <label htmlFor="jp-leap-request-dataset" className="jp-LeapRequests-label">{trans.__('Catalog dataset id')}</label>
          <input id="jp-leap-request-dataset" className="jp-mod-styled jp-LeapRequests-input" type="text" required value={datasetId} onChange={e => setDatasetId(e.target.value)} placeholder={trans.__('e.g. leap:aws-noaa-oisst-feedstock')} />
        </>
      ) : null}
      <label htmlFor="jp-leap-request-note" className="jp-LeapRequests-label">{trans.__('Note for the requester')}</label>
      <textarea id="jp-leap-request-note" className="jp-mod-styled jp-LeapRequests-textarea" rows={2} value={note} onChange={e => setNote(e.target.value)} />
      <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept" disabled={busy || to === '' || (to === 'done' && datasetId.trim() === '')}>
        {trans.__('Change status')}
      </button>
    </form>
  );
}

export namespace TriageForm {
  export interface IProps {
    trans: TranslationBundle;
    status: RequestStatus;
    next: RequestStatus[];
    busy: boolean;
    change: (status: RequestStatus, note: string, datasetId: string) => void;
  }
}
