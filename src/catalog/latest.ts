/**
 * Debouncing and stale-answer handling for the search box.
 */

/**
 * A debounced call: `schedule` (re)starts the timer, `flush` runs a pending
 * call now, `cancel` drops it.
 */
export interface IDebounced<A extends unknown[]> {
  schedule(...args: A): void;
  flush(): void;
  cancel(): void;
  readonly pending: boolean;
}

export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  wait: number
): IDebounced<A> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last: A | null = null;
  const run = (): void => {
    timer = null;
    const args = last;
    last = null;
    if (args) {
      fn(...args);
    }
  };
  return {
    schedule(...args: A) {
      last = args;
      if (timer !== null) {
        clearTimeout(timer);
      }
      timer = setTimeout(run, wait);
    },
    flush() {
      if (timer !== null) {
        clearTimeout(timer);
        run();
      }
    },
    cancel() {
      if (timer !== null) {
        clearTimeout(timer);
      }
      timer = null;
      last = null;
    },
    get pending() {
      return timer !== null;
    }
  };
}

/**
 * Hands out tickets in order; only the newest ticket is current, so an
 * answer that arrives after a newer request started is dropped. Each ticket
 * carries an AbortSignal that is aborted when a newer ticket is taken.
 */
export class LatestOnly {
  /**
   * A new ticket; every earlier ticket becomes stale (and its signal aborts).
   */
  next(): LatestOnly.ITicket {
    this._controller?.abort();
    const controller = new AbortController();
    this._controller = controller;
    const seq = ++this._seq;
    return {
      seq,
      signal: controller.signal,
      isCurrent: () => seq === this._seq && !this._disposed
    };
  }

  /**
   * Make every ticket stale (e.g. the view is gone).
   */
  dispose(): void {
    this._disposed = true;
    this._controller?.abort();
  }

  /**
   * Run `work` for a new ticket; resolves to its value, or to `stale` when a
   * newer ticket was taken meanwhile (errors of stale work are dropped too).
   */
  async run<T>(
    work: (signal: AbortSignal) => Promise<T>
  ): Promise<{ stale: false; value: T } | { stale: true }> {
    const ticket = this.next();
    try {
      const value = await work(ticket.signal);
      return ticket.isCurrent() ? { stale: false, value } : { stale: true };
    } catch (reason) {
      if (!ticket.isCurrent()) {
        return { stale: true };
      }
      throw reason;
    }
  }

  private _seq = 0;
  private _controller: AbortController | null = null;
  private _disposed = false;
}

export namespace LatestOnly {
  export interface ITicket {
    readonly seq: number;
    readonly signal: AbortSignal;
    isCurrent(): boolean;
  }
}
