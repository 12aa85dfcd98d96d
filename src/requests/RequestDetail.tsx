import type { TranslationBundle } from '@jupyterlab/translation';
import type { DatasetRequest, RequestDetail, RequestStatus } from 'leap-hub-service/dist/api/requests-schemas';
import * as React from 'react';
import type { LeapApiClient } from '../api';
import { formatDateTime } from '../components/format';
import { renderMarkdown } from '../components/markdown';
import { awaitingFirstAttempt, EventGitHub, MirrorStatus } from './MirrorStatus';
import { statusLabel } from './notifications';
import { TriageForm } from './TriageForm';

const LOOK_AGAIN_MS = 2000;
const MAX_LOOKS = 10;

/** One request: its fields, the GitHub issue, its history, a comment box and (data team) triage. */
export function RequestDetailView(props: RequestDetailView.IProps): JSX.Element {
  const { client, trans, id, transitions, changed } = props;
  const [detail, setDetail] = React.useState<RequestDetail | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  const [comment, setComment] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const load = React.useCallback(
    () => client.request<RequestDetail>(`requests/${id}`).then(setDetail, (reason: Error) => setError(reason.message)),
    [client, id]
  );
  React.useEffect(() => void load(), [load]);
  // What the GitHub mirror has not tried yet goes out within seconds: look again (a few times).
  const looks = React.useRef(0);
  React.useEffect(() => {
    if (detail === null || !awaitingFirstAttempt(detail) || looks.current >= MAX_LOOKS) {
      return;
    }
    const timer = setTimeout(() => {
      looks.current++;
      void load();
    }, LOOK_AGAIN_MS);
    return () => clearTimeout(timer);
  }, [detail, load]);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      looks.current = 0;
      await load();
      changed();
    } catch (reason) {
      setError((reason as Error).message);
    } finally {
      setBusy(false);
    }
  };
  if (detail === null) {
    return <div role="status">{error ?? trans.__('Loading…')}</div>;
  }
  const request: DatasetRequest = detail.request;
  const rows: [string, string][] = [
    [trans.__('Dataset URL'), request.url],
    [trans.__('Size'), request.size],
    [trans.__('License'), request.license],
    [trans.__('Data Format'), request.formatOther ? `${request.format}: ${request.formatOther}` : request.format],
    [trans.__('Access protocol'), request.accessProtocol],
    [trans.__('Authorization'), request.authorization ?? ''],
    [trans.__('Target Format'), request.targetFormat],
    [trans.__('Example URLs'), request.exampleUrls.join('\n')]
  ];
  const markdown: [string, string][] = [
    [trans.__('Description'), request.description],
    [trans.__('Source File Organization'), request.organization],
    [trans.__('Transformation / Processing'), request.transformation],
    [trans.__('Comments'), request.comments]
  ];
  return (
    <article className="jp-LeapRequests-detail" aria-labelledby="jp-leap-request-detail-title">
      <h2 id="jp-leap-request-detail-title">{request.name}</h2>
      <p>
        <span className={`jp-LeapRequests-status jp-LeapRequests-status-${request.status}`}>{statusLabel(request.status, trans)}</span>{' '}
        {trans.__('requested by %1 on %2', request.requester, formatDateTime(request.created))}
        {request.datasetId ? ' · ' + trans.__('in the Data Library as %1', request.datasetId) : ''}
      </p>
      {request.mirror ? (
        <MirrorStatus mirror={request.mirror} trans={trans} canTriage={detail.canTriage} busy={busy}
          retry={() => void act(() => client.request(`requests/${id}/mirror/retry`, { method: 'POST' }))}
        />
      ) : null}
      <dl className="jp-LeapRequests-fields">
        {rows.filter(([, value]) => value !== '').map(([label, value]) => (
          <React.Fragment key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </React.Fragment>
        ))}
        {markdown.filter(([, value]) => value !== '').map(([label, value]) => (
          <React.Fragment key={label}>
            <dt>{label}</dt>
            {/* sanitized by DOMPurify in renderMarkdown */}
            <dd className="jp-RenderedHTMLCommon" dangerouslySetInnerHTML={{ __html: renderMarkdown(value) }} />
          </React.Fragment>
        ))}
      </dl>
      {detail.canTriage ? (
        <TriageForm trans={trans} status={request.status} next={transitions[request.status] ?? []} busy={busy}
          change={(status: RequestStatus, note: string, datasetId: string) =>
            void act(() => client.request(`requests/${id}/status`, { method: 'POST', body: { status, note, ...(status === 'done' ? { datasetId } : {}) } }))
          }
        />
      ) : null}
      <h3>{trans.__('History')}</h3>
      <ol className="jp-LeapRequests-events">
        {detail.events.map(event => (
          <li key={event.id}>
            <span className="jp-LeapRequests-eventWhen">{formatDateTime(event.at)}</span>{' '}
            {event.kind === 'created'
              ? trans.__('%1 requested it', event.actor)
              : event.kind === 'status'
                ? trans.__('%1 changed the status to %2', event.actor, event.to ? statusLabel(event.to, trans) : '')
                : trans.__('%1 commented', event.actor)}
            {event.datasetId ? ` (${event.datasetId})` : ''}
            {event.github ? <>{' · '}<EventGitHub github={event.github} trans={trans} /></> : null}
            {/* sanitized by DOMPurify in renderMarkdown */}
            {event.body ? <div className="jp-RenderedHTMLCommon" dangerouslySetInnerHTML={{ __html: renderMarkdown(event.body) }} /> : null}
          </li>
        ))}
      </ol>
      <form onSubmit={e => { e.preventDefault(); void act(() => client.request(`requests/${id}/comments`, { method: 'POST', body: { body: comment } })).then(() => setComment('')); }}>
        <label htmlFor="jp-leap-request-comment" className="jp-LeapRequests-label">{trans.__('Add a comment')}</label>
        <textarea id="jp-leap-request-comment" className="jp-mod-styled jp-LeapRequests-textarea" rows={2} value={comment} onChange={e => setComment(e.target.value)} />
        <button type="submit" className="jp-Button jp-mod-styled" disabled={busy || comment.trim() === ''}>{trans.__('Comment')}</button>
      </form>
      {error ? <div className="jp-LeapRequests-error" role="alert">{error}</div> : null}
    </article>
  );
}

export namespace RequestDetailView {
  export interface IProps {
    client: LeapApiClient;
    trans: TranslationBundle;
    id: number;
    transitions: Record<string, RequestStatus[]>;
    changed: () => void;
  }
}
