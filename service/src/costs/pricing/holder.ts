import { readFile, stat } from 'node:fs/promises';
import { defaultPricing, loadPricingFile, PricingError } from './load.js';
import type { Pricing } from './types.js';

export interface ReloadFailure {
  at: Date;
  message: string;
}

/**
 * The pricing in force. A reload (file changed, SIGHUP, admin endpoint) that fails keeps the
 * last good pricing and records why in `lastError` (also passed to `onError` for the log).
 */
export class PricingHolder {
  private pricing: Pricing;
  private loadedAt: Date;
  private failure: ReloadFailure | null = null;
  private watched: { timer: NodeJS.Timeout; mtimeMs: number } | null = null;

  private constructor(
    readonly file: string | null,
    first: Pricing,
    private readonly onError: (message: string) => void,
    private readonly now: () => Date
  ) {
    this.pricing = first;
    this.loadedAt = now();
  }

  /** Loads `file` (null: the built-in defaults); a bad file at start is an error. */
  static async create(
    file: string | null,
    options: { onError?: (message: string) => void; now?: () => Date } = {}
  ): Promise<PricingHolder> {
    const first = file === null ? defaultPricing() : await loadPricingFile(file, (f) => readFile(f, 'utf8'));
    return new PricingHolder(file, first, options.onError ?? (() => undefined), options.now ?? (() => new Date()));
  }

  get current(): Pricing {
    return this.pricing;
  }

  get lastLoadedAt(): Date {
    return this.loadedAt;
  }

  get lastError(): ReloadFailure | null {
    return this.failure;
  }

  /** Reads the file again; on failure throws PricingError and keeps the pricing in force. */
  async reload(): Promise<Pricing> {
    if (this.file === null) {
      return this.pricing;
    }
    try {
      this.pricing = await loadPricingFile(this.file, (f) => readFile(f, 'utf8'));
      this.loadedAt = this.now();
      this.failure = null;
      return this.pricing;
    } catch (error) {
      const message = error instanceof PricingError ? error.message : String(error);
      this.failure = { at: this.now(), message };
      this.onError(message);
      throw error instanceof PricingError ? error : new PricingError(message);
    }
  }

  /** Reloads whenever the file's modification time changes (checked every `intervalMs`). */
  watch(intervalMs: number): void {
    const file = this.file;
    if (file === null || this.watched !== null) {
      return;
    }
    const watched = { timer: setInterval(() => void check(), intervalMs), mtimeMs: 0 };
    watched.timer.unref();
    this.watched = watched;
    const check = async () => {
      const mtimeMs = await stat(file).then((s) => s.mtimeMs, () => -1);
      if (mtimeMs !== watched.mtimeMs) {
        const first = watched.mtimeMs === 0;
        watched.mtimeMs = mtimeMs;
        if (!first) {
          await this.reload().catch(() => undefined); // recorded in lastError and logged by onError
        }
      }
    };
    void check();
  }

  close(): void {
    if (this.watched !== null) {
      clearInterval(this.watched.timer);
      this.watched = null;
    }
  }
}
