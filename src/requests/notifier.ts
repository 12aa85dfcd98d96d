import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import type { RequestEvent, RequestNotifications } from 'leap-hub-service/dist/api/requests-schemas';
import type { LeapApiClient } from '../api';
import { notificationKind, notificationText } from './notifications';

/** How often an open JupyterLab asks for news about the user's dataset requests. */
export const NOTIFICATION_INTERVAL_MS = 60_000;

/**
 * Tells the requester about status changes of their dataset requests (and the
 * data team's comments): asks the service at start (so what happened while they
 * were away shows at their next visit) and every minute while JupyterLab is
 * open and visible, shows one notification per event, then marks them read.
 */
export class RequestNotifier implements IDisposable {
  constructor(options: RequestNotifier.IOptions) {
    this._options = options;
    this._notify = options.notify ?? Notification;
    this._poll = new Poll({
      auto: false,
      factory: () => this.check(),
      frequency: { interval: options.interval ?? NOTIFICATION_INTERVAL_MS, backoff: true, max: 10 * (options.interval ?? NOTIFICATION_INTERVAL_MS) },
      name: 'jupyterlab-leap:request-notifications',
      standby: 'when-hidden'
    });
  }

  get isDisposed(): boolean {
    return this._poll.isDisposed;
  }

  start(): void {
    void this._poll.start();
  }

  dispose(): void {
    this._poll.dispose();
  }

  /** Asks once; rejects when the service did not answer (the poll backs off). */
  async check(): Promise<void> {
    const { client } = this._options;
    const { events } = await client.request<RequestNotifications>('requests/notifications');
    const fresh = events.filter(event => !this._shown.has(event.id));
    fresh.forEach(event => {
      this._shown.add(event.id);
      this._show(event);
    });
    if (events.length > 0) {
      await client.request('requests/notifications/read', { method: 'POST', body: { ids: events.map(e => e.id) } });
    }
  }

  private _show(event: RequestEvent): void {
    const { trans, open } = this._options;
    this._notify[notificationKind(event)](notificationText(event, trans), {
      autoClose: false,
      actions: [{ label: trans.__('Open request'), callback: () => open(event.requestId) }]
    });
  }

  private readonly _options: RequestNotifier.IOptions;
  private readonly _notify: RequestNotifier.INotify;
  private readonly _poll: Poll;
  private readonly _shown = new Set<number>();
}

export namespace RequestNotifier {
  export interface INotify {
    info: typeof Notification.info;
    success: typeof Notification.success;
    warning: typeof Notification.warning;
  }

  export interface IOptions {
    client: LeapApiClient;
    trans: TranslationBundle;
    /** Opens the request (the notification's action). */
    open: (requestId: number) => void;
    interval?: number;
    notify?: INotify;
  }
}
