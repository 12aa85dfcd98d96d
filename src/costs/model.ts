import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';
import type { CostSummary } from 'leap-hub-service/dist/api/costs-schemas';
import { LeapApiClient, LeapApiError } from '../api';

/**
 * The caller's cost summary (`GET /api/costs/summary`), polled every minute
 * with backoff while the service does not answer, shared by the status-bar
 * item, the panel and the threshold notifier.
 */
export class CostMeter implements IDisposable {
  constructor(options: CostMeter.IOptions) {
    this._client = options.client;
    const interval = options.interval ?? 60_000;
    this._poll = new Poll<CostSummary | null, LeapApiError>({
      auto: options.auto ?? true,
      factory: () => this._fetch(),
      frequency: { interval, backoff: true, max: Math.max(interval, options.maxInterval ?? 600_000) },
      name: 'jupyterlab-leap:CostMeter',
      standby: options.standby ?? 'when-hidden'
    });
  }

  get summary(): CostSummary | null {
    return this._summary;
  }

  get error(): LeapApiError | null {
    return this._error;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._poll.isDisposed;
  }

  start(): Promise<void> {
    return this._poll.start();
  }

  /**
   * Ask now (after a budget change, on opening the panel); resolves after.
   */
  async refresh(): Promise<void> {
    await this._poll.refresh();
    await this._poll.tick.catch(() => undefined);
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._poll.dispose();
    Signal.clearData(this);
  }

  private async _fetch(): Promise<CostSummary | null> {
    try {
      this._summary = await this._client.request<CostSummary>('costs/summary');
      this._error = null;
    } catch (reason) {
      this._error = reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason);
      this._changed.emit();
      throw this._error; // the poll backs off
    }
    this._changed.emit();
    return this._summary;
  }

  private readonly _client: LeapApiClient;
  private readonly _poll: Poll<CostSummary | null, LeapApiError>;
  private _summary: CostSummary | null = null;
  private _error: LeapApiError | null = null;
  private readonly _changed = new Signal<this, void>(this);
}

export namespace CostMeter {
  export interface IOptions {
    client: LeapApiClient;
    /** Milliseconds between asks (default 60 s). */
    interval?: number;
    /** Longest wait while the service does not answer (default 10 min). */
    maxInterval?: number;
    auto?: boolean;
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }
}
