import { Notification } from '@jupyterlab/apputils';
import type { IDisposable } from '@lumino/disposable';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { ILeapServiceStatus } from '../tokens';

/**
 * Tells the user, once per transition, when the LEAP service stops answering
 * after having answered, and when it is back. A service that was never online
 * (still starting, or not installed) raises nothing: panels show that.
 */
export class ServiceNotifier implements IDisposable {
  constructor(options: ServiceNotifier.IOptions) {
    this._status = options.status;
    this._trans = options.trans;
    this._notify = options.notify ?? Notification;
    this._status.stateChanged.connect(this._onStateChanged, this);
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._status.stateChanged.disconnect(this._onStateChanged, this);
  }

  private _onStateChanged(
    _: ILeapServiceStatus,
    { previous, current }: ILeapServiceStatus.IStateChange
  ): void {
    const trans = this._trans;
    if (current === 'online') {
      if (this._down) {
        this._down = false;
        this._notify.success(trans.__('The LEAP service is back online.'), {
          autoClose: 5000
        });
      }
      return;
    }
    if (previous === 'online') {
      this._down = true;
      this._notify.warning(
        trans.__(
          'The LEAP service is not answering. LEAP panels will retry on their own.'
        ),
        {
          autoClose: 10000,
          actions: [
            {
              label: trans.__('Retry now'),
              callback: () => void this._status.refresh()
            }
          ]
        }
      );
    }
  }

  private readonly _status: ILeapServiceStatus;
  private readonly _trans: TranslationBundle;
  private readonly _notify: ServiceNotifier.INotify;
  private _down = false;
  private _isDisposed = false;
}

export namespace ServiceNotifier {
  /**
   * The part of `Notification` the notifier uses.
   */
  export interface INotify {
    warning: typeof Notification.warning;
    success: typeof Notification.success;
  }

  export interface IOptions {
    status: ILeapServiceStatus;
    trans: TranslationBundle;
    notify?: INotify;
  }
}
