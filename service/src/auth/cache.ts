import { createHash } from 'node:crypto';

interface Entry<V> {
  value: V;
  expires: number;
}

/**
 * A small TTL cache keyed by the sha256 of a secret, so the secret itself is never kept.
 * Only a cache: losing it costs one more round trip, nothing else.
 */
export class SecretKeyedCache<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now
  ) {}

  private key(secret: string): string {
    return createHash('sha256').update(secret, 'utf8').digest('hex');
  }

  get(secret: string): V | undefined {
    const key = this.key(secret);
    const entry = this.entries.get(key);
    if (entry === undefined) {
      return undefined;
    }
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(secret: string, value: V): void {
    const key = this.key(secret);
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
      }
    }
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
  }
}
