import type { TranslationBundle } from '@jupyterlab/translation';
import type { EventMirror, RequestDetail, RequestMirror } from 'leap-hub-service/dist/api/requests-schemas';
import * as React from 'react';
import { safeUrl } from '../components/markdown';

/** Queued and not failed yet (not tried, or being sent): the service is on it. */
const inFlight = (item: { state: string; attempts: number; lastError: string | null }) =>
  item.state === 'queued' && (item.attempts === 0 || item.lastError === null);

/**
 * Whether the mirror is sending something it has not failed at yet (a new request's issue, an
 * update of an open issue): that takes seconds, so the view looks again.
 */
export function awaitingFirstAttempt(detail: RequestDetail): boolean {
  const mirror = detail.request.mirror;
  if (mirror === null) {
    return false;
  }
  if (mirror.state !== 'sent') {
    return inFlight(mirror);
  }
  return detail.events.some(event => event.github !== null && inFlight(event.github));
}

/** Whether the data team has something to send to GitHub again: the issue, or updates waiting or refused. */
export function canRetryMirror(mirror: RequestMirror): boolean {
  return mirror.state !== 'sent' || mirror.updates.failed > 0 || (mirror.updates.waiting > 0 && mirror.updates.lastError !== null);
}

/** The request's GitHub issue: its link or why it is not open yet, and how its later updates fare. */
export function MirrorStatus(props: MirrorStatus.IProps): JSX.Element {
  const { mirror, trans, canTriage, busy, retry } = props;
  const issueUrl = safeUrl(mirror.issueUrl);
  const { waiting, failed, lastError } = mirror.updates;
  return (
    <p className="jp-LeapRequests-mirror">
      {mirror.state === 'sent' && issueUrl ? (
        <a href={issueUrl} target="_blank" rel="noopener noreferrer">{trans.__('GitHub issue %1#%2', mirror.repo, mirror.issueNumber ?? '')}</a>
      ) : mirror.state === 'queued' ? (
        trans.__('Waiting to be opened on GitHub (%1 attempts). %2', mirror.attempts, mirror.lastError ?? '')
      ) : (
        trans.__('Not opened on GitHub: %1', mirror.lastError ?? '')
      )}
      {failed > 0 ? (
        <span className="jp-LeapRequests-mirrorUpdates">{trans._n('%1 update not sent to GitHub: %2', '%1 updates not sent to GitHub: %2', failed, lastError ?? '')}</span>
      ) : waiting > 0 ? (
        <span className="jp-LeapRequests-mirrorUpdates">
          {trans._n('%1 update waiting for GitHub.', '%1 updates waiting for GitHub.', waiting)}
          {lastError ? ' ' + lastError : ''}
        </span>
      ) : null}
      {canTriage && canRetryMirror(mirror) ? (
        <button type="button" className="jp-Button jp-mod-styled" disabled={busy} onClick={retry}>
          {trans.__('Try GitHub again')}
        </button>
      ) : null}
    </p>
  );
}

export namespace MirrorStatus {
  export interface IProps {
    mirror: RequestMirror;
    trans: TranslationBundle;
    canTriage: boolean;
    busy: boolean;
    retry: () => void;
  }
}

/** Where one history entry stands on the GitHub issue (status changes and data-team comments). */
export function EventGitHub(props: { github: EventMirror; trans: TranslationBundle }): JSX.Element {
  const { github, trans } = props;
  const url = safeUrl(github.commentUrl);
  return (
    <span className="jp-LeapRequests-eventGitHub">
      {github.state === 'sent' ? (
        url ? <a href={url} target="_blank" rel="noopener noreferrer">{trans.__('on GitHub')}</a> : trans.__('on GitHub')
      ) : github.state === 'queued' ? (
        github.lastError === null
          ? trans.__('waiting for GitHub')
          : trans.__('waiting for GitHub (%1 attempts): %2', github.attempts, github.lastError ?? '')
      ) : (
        trans.__('not sent to GitHub: %1', github.lastError ?? '')
      )}
    </span>
  );
}
