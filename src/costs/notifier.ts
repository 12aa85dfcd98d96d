import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { IDisposable } from '@lumino/disposable';
import type { ThresholdEvent, ThresholdEvents } from 'leap-hub-service/dist/api/costs-schemas';
import type { LeapApiClient } from '../api';
import { formatMoney } from './money';
import type { CostMeter } from './model';
import { ThresholdDedupe } from './thresholds';

/**
 * Loaded after the first cost summary arrived (not at start). After each
 * cost update, asks the service for budget thresholds crossed and
 * not yet acknowledged, shows one notification per threshold per month, then
 * acknowledges them (so other tabs and later sessions stay quiet).
 */
export class CostThresholdNotifier implements IDisposable {
  constructor(options: CostThresholdNotifier.IOptions) {
    this._options = options;
    this._notify = options.notify ?? Notification;
    options.meter.changed.connect(this.check, this);
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (!this._isDisposed) {
      this._isDisposed = true;
      this._options.meter.changed.disconnect(this.check, this);
    }
  }

  /**
   * Resolves when the check in flight (if any) is done.
   */
  get settled(): Promise<void> {
    return this._checking ?? Promise.resolve();
  }

  /**
   * Ask the service for new crossings (runs on every cost update).
   */
  check(): void {
    if (this._checking || !this._options.meter.summary) {
      return;
    }
    this._checking = this._run().finally(() => {
      this._checking = null;
    });
  }

  private async _run(): Promise<void> {
    const { client } = this._options;
    let answer: ThresholdEvents;
    try {
      answer = await client.request<ThresholdEvents>('costs/events', { query: { unacknowledged: true } });
    } catch {
      return; // the meter's poll reports the service's state; try again on the next update
    }
    const fresh = this._dedupe.take(answer.events);
    if (fresh.length === 0) {
      return;
    }
    fresh.forEach(event => this._show(event, answer.currency));
    try {
      await client.request('costs/events/ack', { method: 'POST', body: { ids: fresh.map(e => e.id) } });
    } catch {
      // shown already; the dedupe keeps this tab quiet, another session may show them again
    }
  }

  private _show(event: ThresholdEvent, currency: string): void {
    const { trans, locale, open } = this._options;
    const spent = formatMoney(event.spent, currency, locale);
    const amount = formatMoney(event.monthlyAmount, currency, locale);
    const message =
      event.scope === 'user'
        ? trans.__('You have used %1% of your monthly budget (%2 of %3).', event.threshold, spent, amount)
        : trans.__('Group %1 has used %2% of its monthly budget (%3 of %4).', event.name, event.threshold, spent, amount);
    const show = event.threshold >= 100 ? this._notify.error : this._notify.warning;
    show(message, {
      autoClose: false,
      actions: [{ label: trans.__('Open cost meter'), callback: () => open() }]
    });
  }

  private readonly _options: CostThresholdNotifier.IOptions;
  private readonly _notify: CostThresholdNotifier.INotify;
  private readonly _dedupe = new ThresholdDedupe();
  private _checking: Promise<void> | null = null;
  private _isDisposed = false;
}

export namespace CostThresholdNotifier {
  export interface INotify {
    warning: typeof Notification.warning;
    error: typeof Notification.error;
  }

  export interface IOptions {
    meter: CostMeter;
    client: LeapApiClient;
    trans: TranslationBundle;
    locale?: string;
    open: () => void;
    notify?: INotify;
  }
}
