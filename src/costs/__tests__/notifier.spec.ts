import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import type { CostSummary, ThresholdEvent } from 'leap-hub-service/dist/api/costs-schemas';
import type { LeapApiClient } from '../../api';
import type { CostMeter } from '../model';
import { CostThresholdNotifier } from '../notifier';
import { statusText } from '../statusText';

const trans = nullTranslator.load('jupyterlab_leap');
const zero = { cpu: 0, memory: 0, gpu: 0, dask: 0, storage: 0 };

function summary(part: Partial<CostSummary> = {}): CostSummary {
  return {
    user: 'alice',
    currency: 'USD',
    at: '2026-11-20T12:00:00Z',
    period: { month: '2026-11', start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
    rate: { total: 0.42, byResource: { ...zero, cpu: 0.42 } },
    today: { total: 1.5, byResource: zero },
    monthToDate: { total: 12.3, byResource: zero },
    storageBytes: null,
    servers: [],
    daskClusters: [],
    budgets: [],
    idle: [],
    ...part
  };
}

class FakeMeter {
  summary: CostSummary | null = summary();
  readonly changed = new Signal<this, void>(this);
}

function crossing(part: Partial<ThresholdEvent>): ThresholdEvent {
  return {
    id: 1,
    scope: 'user',
    name: 'alice',
    month: '2026-11',
    threshold: 80,
    spent: 40.5,
    monthlyAmount: 50,
    at: '2026-11-20T11:00:00Z',
    acknowledged: false,
    ...part
  };
}

describe('CostThresholdNotifier', () => {
  let meter: FakeMeter;
  let events: ThresholdEvent[];
  let request: jest.Mock;
  let notify: { warning: jest.Mock; error: jest.Mock };
  let notifier: CostThresholdNotifier;

  beforeEach(() => {
    meter = new FakeMeter();
    events = [];
    request = jest.fn((path: string) =>
      Promise.resolve(path === 'costs/events' ? { currency: 'USD', events } : undefined)
    );
    notify = { warning: jest.fn(), error: jest.fn() };
    notifier = new CostThresholdNotifier({
      meter: meter as unknown as CostMeter,
      client: { request } as unknown as LeapApiClient,
      trans,
      locale: 'en-US',
      open: jest.fn(),
      notify
    });
  });

  afterEach(() => notifier.dispose());

  async function update(): Promise<void> {
    meter.changed.emit();
    await notifier.settled;
  }

  it('notifies each crossing once, then acknowledges it', async () => {
    events = [crossing({ id: 3 })];
    await update();
    expect(request).toHaveBeenCalledWith('costs/events', { query: { unacknowledged: true } });
    expect(notify.warning).toHaveBeenCalledTimes(1);
    expect(notify.warning.mock.calls[0][0]).toBe('You have used 80% of your monthly budget ($40.50 of $50.00).');
    expect(request).toHaveBeenCalledWith('costs/events/ack', { method: 'POST', body: { ids: [3] } });
    await update(); // the service still lists it (ack not seen yet): no second toast
    expect(notify.warning).toHaveBeenCalledTimes(1);
  });

  it('uses an error for 100 % and names a group', async () => {
    events = [crossing({ id: 4, scope: 'group', name: 'ocean', threshold: 100, spent: 200, monthlyAmount: 200 })];
    await update();
    expect(notify.error.mock.calls[0][0]).toBe('Group ocean has used 100% of its monthly budget ($200.00 of $200.00).');
    expect(notify.warning).not.toHaveBeenCalled();
  });

  it('asks nothing before the first summary and stays quiet when the service fails', async () => {
    meter.summary = null;
    await update();
    expect(request).not.toHaveBeenCalled();
    meter.summary = summary();
    request.mockImplementation(() => Promise.reject(new Error('down')));
    await update();
    expect(notify.warning).not.toHaveBeenCalled();
  });
});

describe('statusText', () => {
  it('shows the rate and the month to date, says them in full for screen readers', () => {
    const shown = statusText(summary(), trans, 'en-US');
    expect(shown.text).toBe('$0.42/h · $12.30');
    expect(shown.label).toBe('$0.42/h · $12.30 — cost meter: $0.42 per hour now, $12.30 this month. Open the cost meter.');
    expect(shown.level).toBe('ok');
  });

  it('takes its colour from the tightest budget', () => {
    const budget = {
      scope: 'user' as const,
      name: 'alice',
      monthlyAmount: 10,
      thresholds: [50, 80, 100],
      spent: 12.3,
      percent: 123,
      ratePerHour: 0.42,
      crossed: [50, 80, 100],
      projectedRunOut: '2026-11-19T00:00:00Z',
      runsOutThisPeriod: true
    };
    const shown = statusText(summary({ budgets: [budget] }), trans, 'en-US');
    expect(shown.level).toBe('over');
    expect(shown.label).toContain('123% of the monthly budget of $10.00 used.');
  });

  it('says when nothing is known yet', () => {
    expect(statusText(null, trans).text).toBe('Cost: …');
  });
});
