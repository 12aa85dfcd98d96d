import type { ThresholdEvent } from 'leap-hub-service/dist/api/costs-schemas';
import { ThresholdDedupe } from '../thresholds';

function event(part: Partial<ThresholdEvent>): ThresholdEvent {
  return {
    id: 1,
    scope: 'user',
    name: 'alice',
    month: '2026-11',
    threshold: 50,
    spent: 26,
    monthlyAmount: 50,
    at: '2026-11-10T10:00:00Z',
    acknowledged: false,
    ...part
  };
}

describe('ThresholdDedupe', () => {
  it('gives each threshold once per budget and month, oldest first', () => {
    const dedupe = new ThresholdDedupe();
    const fifty = event({ id: 1 });
    const eighty = event({ id: 2, threshold: 80, at: '2026-11-12T10:00:00Z' });
    expect(dedupe.take([eighty, fifty])).toEqual([fifty, eighty]);
    expect(dedupe.take([eighty, fifty])).toEqual([]);
    // the same crossing listed again under another id is not news
    expect(dedupe.take([event({ id: 7 })])).toEqual([]);
  });

  it('tells months, budgets and scopes apart', () => {
    const dedupe = new ThresholdDedupe();
    const events = [
      event({ id: 1 }),
      event({ id: 2, month: '2026-12' }),
      event({ id: 3, scope: 'group', name: 'alice' }),
      event({ id: 4, name: 'bob' })
    ];
    expect(dedupe.take(events).map(e => e.id)).toEqual([1, 2, 3, 4]);
  });

  it('skips acknowledged events and can forget', () => {
    const dedupe = new ThresholdDedupe();
    expect(dedupe.take([event({ acknowledged: true })])).toEqual([]);
    const fresh = dedupe.take([event({})]);
    dedupe.forget(fresh);
    expect(dedupe.take([event({})])).toHaveLength(1);
  });
});
