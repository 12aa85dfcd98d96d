import type { ThresholdEvent } from 'leap-hub-service/dist/api/costs-schemas';

/**
 * Which budget-threshold events to notify: each (budget, month, threshold)
 * once, however often the service lists it (until acknowledged) and whatever
 * its event id. Pure bookkeeping; the notifier shows and acknowledges.
 */
export class ThresholdDedupe {
  /**
   * The events not notified before, oldest first, remembered as notified.
   */
  take(events: readonly ThresholdEvent[]): ThresholdEvent[] {
    const fresh: ThresholdEvent[] = [];
    for (const event of [...events].sort((a, b) => a.at.localeCompare(b.at) || a.threshold - b.threshold)) {
      const key = ThresholdDedupe.key(event);
      if (event.acknowledged || this._seen.has(key)) {
        continue;
      }
      this._seen.add(key);
      fresh.push(event);
    }
    return fresh;
  }

  /**
   * Forget events (e.g. when telling the service failed, to try again).
   */
  forget(events: readonly ThresholdEvent[]): void {
    events.forEach(event => this._seen.delete(ThresholdDedupe.key(event)));
  }

  static key(event: ThresholdEvent): string {
    return `${event.scope}\u0000${event.name}\u0000${event.month}\u0000${event.threshold}`;
  }

  private readonly _seen = new Set<string>();
}
