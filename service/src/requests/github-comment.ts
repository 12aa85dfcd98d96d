import type { RequestEvent } from '../api/requests-schemas.js';
import type { CloseReason } from './github-updates.js';

/** What one event of a request does to its GitHub issue: a comment, then maybe closing it. */
export interface IssueUpdate {
  body: string;
  /** Close the issue after the comment, with this state_reason; null: leave it as it is. */
  close: CloseReason | null;
}

/** How the issue is closed after a status change: done as completed, declined as not planned. */
export function closeReasonFor(status: string | null): CloseReason | null {
  return status === 'done' ? 'completed' : status === 'declined' ? 'not_planned' : null;
}

/** Ties a comment to its event (invisible on GitHub), and names where it came from. */
function footer(event: RequestEvent): string {
  return `---\n_From JupyterLab (LEAP dataset request ${event.requestId})._ <!-- leap-dataset-request-event:${event.id} -->`;
}

/**
 * The comment a status change or a data-team comment becomes on the request's issue: the new
 * status in bold with who changed it, the catalog dataset a done request became, the note (for a
 * declined request: the reason, or that none was given), or the comment itself.
 */
export function updateFor(event: RequestEvent): IssueUpdate {
  const who = `\`${event.actor}\``;
  const note = event.body.trim();
  let text: string;
  if (event.kind === 'comment') {
    text = `${who} (LEAP data team) commented:\n\n${note}`;
  } else if (event.kind === 'status' && event.to === 'done') {
    text = `**Done**: in the LEAP Data Library as \`${event.datasetId ?? ''}\` (${who}).${note === '' ? '' : `\n\n${note}`}`;
  } else if (event.kind === 'status' && event.to === 'declined') {
    text = `**Declined** by the LEAP data team (${who}).\n\n${note === '' ? '_No reason was given._' : `Reason: ${note}`}`;
  } else if (event.kind === 'status' && event.to === 'ingesting') {
    text = `**Ingesting**: the LEAP data team (${who}) is bringing it into the Data Library.${note === '' ? '' : `\n\n${note}`}`;
  } else if (event.kind === 'status' && event.to === 'accepted') {
    text = `**Accepted** by the LEAP data team (${who}).${note === '' ? '' : `\n\n${note}`}`;
  } else {
    throw new Error(`Dataset request event ${event.id} (${event.kind}${event.to === null ? '' : ` → ${event.to}`}) is not mirrored to GitHub`);
  }
  return { body: `${text}\n\n${footer(event)}`, close: event.kind === 'status' ? closeReasonFor(event.to) : null };
}
