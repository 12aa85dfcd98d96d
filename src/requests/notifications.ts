import type { RequestEvent, RequestStatus } from 'leap-hub-service/dist/api/requests-schemas';
import type { TranslationBundle } from '@jupyterlab/translation';

/** A request status in words. */
export function statusLabel(status: RequestStatus, trans: TranslationBundle): string {
  switch (status) {
    case 'new':
      return trans.__('new');
    case 'accepted':
      return trans.__('accepted');
    case 'ingesting':
      return trans.__('ingesting');
    case 'done':
      return trans.__('done');
    case 'declined':
      return trans.__('declined');
  }
}

/** What the requester is told about one event. */
export function notificationText(event: RequestEvent, trans: TranslationBundle): string {
  if (event.kind === 'comment') {
    return trans.__('%1 commented on your dataset request “%2”.', event.actor, event.requestName);
  }
  if (event.to === 'done' && event.datasetId) {
    return trans.__('Your dataset request “%1” is done: it is in the Data Library as %2.', event.requestName, event.datasetId);
  }
  if (event.to === null) {
    return trans.__('Your dataset request “%1” changed.', event.requestName);
  }
  return trans.__('Your dataset request “%1” is now %2.', event.requestName, statusLabel(event.to, trans));
}

/** Which toast: done is good news, declined a warning, the rest information. */
export function notificationKind(event: RequestEvent): 'success' | 'warning' | 'info' {
  return event.to === 'done' ? 'success' : event.to === 'declined' ? 'warning' : 'info';
}
