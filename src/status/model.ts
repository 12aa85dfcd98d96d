import { IPoll, Poll } from '@lumino/polling';
import { Signal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';
import {
  Health,
  IGatewayInfo,
  LeapApiClient,
  LeapApiError,
  SERVICE_UNAVAILABLE
} from '../api';
import type {
  ILeapServiceSnapshot,
  ILeapServiceStatus,
  LeapServiceState
} from '../tokens';

/**
 * Polls the gateway info and the service health. A failing check is an
 * expected state (offline), not an error: the poll backs off up to the
 * maximum interval and nothing is logged. While the gateway reports the
 * service starting, it checks again after `startingInterval`.
 */
export class LeapServiceStatus implements ILeapServiceStatus, IDisposable {
  constructor(options: LeapServiceStatus.IOptions) {
    this._client = options.client;
    this._startingInterval = options.startingInterval ?? 2000;
    this._frequency = LeapServiceStatus.frequency(options);
    this._poll = new Poll<ILeapServiceSnapshot, LeapApiError>({
      auto: options.auto ?? true,
      factory: () => this._check(),
      frequency: this._frequency,
      name: 'jupyterlab-leap:LeapServiceStatus',
      standby: options.standby ?? 'when-hidden'
    });
    // The constructor raises `max` to at least 30 s; the setter keeps ours.
    this._poll.frequency = this._frequency;
  }

  get state(): LeapServiceState {
    return this._state;
  }

  get health(): Health | null {
    return this._health;
  }

  get gateway(): IGatewayInfo | null {
    return this._gateway;
  }

  get error(): LeapApiError | null {
    return this._error;
  }

  get checkedAt(): number {
    return this._checkedAt;
  }

  get changed(): Signal<this, ILeapServiceSnapshot> {
    return this._changed;
  }

  get stateChanged(): Signal<this, ILeapServiceStatus.IStateChange> {
    return this._stateChanged;
  }

  /**
   * The poll, for observing its schedule (interval after backoff, phase).
   */
  get poll(): Poll<ILeapServiceSnapshot, LeapApiError> {
    return this._poll;
  }

  get isDisposed(): boolean {
    return this._poll.isDisposed;
  }

  /**
   * Apply new poll settings (from the settings registry).
   */
  configure(options: LeapServiceStatus.IFrequencyOptions): void {
    this._frequency = LeapServiceStatus.frequency(options);
    this._poll.frequency = this._frequency;
  }

  /**
   * Start checking (when constructed with `auto: false`).
   */
  start(): Promise<void> {
    return this._poll.start();
  }

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

  private async _check(): Promise<ILeapServiceSnapshot> {
    const next = await this._probe();
    this._poll.frequency =
      next.state === 'starting'
        ? { ...this._frequency, interval: this._startingInterval }
        : this._frequency;
    const previous = this._state;
    this._state = next.state;
    this._gateway = next.gateway;
    this._health = next.health ?? this._health;
    this._error = next.error;
    this._checkedAt = Date.now();
    const snapshot = this._snapshot();
    this._changed.emit(snapshot);
    if (previous !== next.state) {
      this._stateChanged.emit({ previous, current: next.state });
    }
    if (next.error && next.state === 'offline') {
      throw next.error;
    }
    return snapshot;
  }

  private async _probe(): Promise<Private.IProbe> {
    let gateway: IGatewayInfo;
    try {
      gateway = await this._client.gatewayInfo();
    } catch (reason) {
      return Private.offline(null, reason);
    }
    const { state, message } = gateway.service;
    if (state === 'starting' || state === 'restarting') {
      return { state: 'starting', gateway, health: null, error: null };
    }
    if (state === 'failed') {
      const error = new LeapApiError({
        status: 503,
        code: SERVICE_UNAVAILABLE,
        message: message ?? ''
      });
      return { state: 'offline', gateway, health: null, error };
    }
    try {
      const health = await this._client.health();
      return { state: 'online', gateway, health, error: null };
    } catch (reason) {
      return Private.offline(gateway, reason);
    }
  }

  private _snapshot(): ILeapServiceSnapshot {
    return {
      state: this._state,
      health: this._health,
      gateway: this._gateway,
      error: this._error,
      checkedAt: this._checkedAt
    };
  }

  private readonly _client: LeapApiClient;
  private readonly _poll: Poll<ILeapServiceSnapshot, LeapApiError>;
  private readonly _startingInterval: number;
  private _frequency: IPoll.Frequency;
  private _state: LeapServiceState = 'starting';
  private _health: Health | null = null;
  private _gateway: IGatewayInfo | null = null;
  private _error: LeapApiError | null = null;
  private _checkedAt = 0;
  private readonly _changed = new Signal<this, ILeapServiceSnapshot>(this);
  private readonly _stateChanged = new Signal<
    this,
    ILeapServiceStatus.IStateChange
  >(this);
}

export namespace LeapServiceStatus {
  export interface IFrequencyOptions {
    /**
     * Milliseconds between checks while the service answers.
     */
    interval: number;
    /**
     * The longest wait between checks while it does not (backoff ceiling).
     */
    maxInterval: number;
  }

  export interface IOptions extends IFrequencyOptions {
    client: LeapApiClient;
    /**
     * Milliseconds between checks while the gateway starts the service.
     */
    startingInterval?: number;
    /**
     * Start polling on construction (default true).
     */
    auto?: boolean;
    /**
     * When to skip checks (default: while the page is hidden).
     */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
  }

  /**
   * The poll frequency for the options: backoff on failure, up to maxInterval.
   */
  export function frequency(options: IFrequencyOptions): IPoll.Frequency {
    const interval = Math.max(0, options.interval);
    return {
      interval,
      backoff: true,
      max: Math.max(interval, options.maxInterval)
    };
  }
}

namespace Private {
  export interface IProbe {
    state: LeapServiceState;
    gateway: IGatewayInfo | null;
    health: Health | null;
    error: LeapApiError | null;
  }

  export function offline(
    gateway: IGatewayInfo | null,
    reason: unknown
  ): IProbe {
    const error =
      reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason);
    return { state: 'offline', gateway, health: null, error };
  }
}
