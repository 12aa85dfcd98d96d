import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import type { CostSummary } from 'leap-hub-service/dist/api/costs-schemas';
import type { ILeapServiceStatus } from '../../tokens';
import type { CostMeter } from '../model';
import { CostStatusItem } from '../statusItem';

const zero = { cpu: 0, memory: 0, gpu: 0, dask: 0, storage: 0 };
const summary: CostSummary = {
  user: 'alice',
  currency: 'USD',
  at: '2026-11-20T12:00:00Z',
  period: { month: '2026-11', start: '2026-11-01T00:00:00Z', end: '2026-12-01T00:00:00Z' },
  rate: { total: 2.5, byResource: zero },
  today: { total: 10, byResource: zero },
  monthToDate: { total: 45, byResource: zero },
  storageBytes: null,
  servers: [],
  daskClusters: [],
  budgets: [
    {
      scope: 'user',
      name: 'alice',
      monthlyAmount: 50,
      thresholds: [50, 80, 100],
      spent: 45,
      percent: 90,
      ratePerHour: 2.5,
      crossed: [50, 80],
      projectedRunOut: '2026-11-20T14:00:00Z',
      runsOutThisPeriod: true
    }
  ],
  idle: []
};

describe('CostStatusItem', () => {
  it('is a labelled button that follows the meter and opens the panel', () => {
    const meter = { summary: null as CostSummary | null, changed: new Signal<unknown, void>({}) };
    const open = jest.fn();
    const item = new CostStatusItem({
      meter: meter as unknown as CostMeter,
      trans: nullTranslator.load('jupyterlab_leap'),
      locale: 'en-US',
      open
    });
    const node = item.node;
    expect(node.getAttribute('role')).toBe('button');
    expect(node.tabIndex).toBe(0);
    expect(node.textContent).toBe('Cost: …');

    meter.summary = summary;
    meter.changed.emit();
    expect(node.textContent).toBe('$2.50/h · $45.00');
    expect(node.getAttribute('aria-label')).toBe(
      '$2.50/h · $45.00 — cost meter: $2.50 per hour now, $45.00 this month. 90% of the monthly budget of $50.00 used. Open the cost meter.'
    );
    expect(node.classList.contains('jp-mod-warn')).toBe(true);

    node.click();
    node.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    node.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(open).toHaveBeenCalledTimes(2);

    item.dispose();
    meter.summary = null;
    meter.changed.emit(); // disconnected: no update after dispose
    expect(node.textContent).toBe('$2.50/h · $45.00');
  });

  it('says offline while the service does not answer, and shows the numbers again when it is back', () => {
    const meter = { summary, changed: new Signal<unknown, void>({}) };
    const status = { state: 'online', stateChanged: new Signal<unknown, unknown>({}) };
    const item = new CostStatusItem({
      meter: meter as unknown as CostMeter,
      trans: nullTranslator.load('jupyterlab_leap'),
      locale: 'en-US',
      status: status as unknown as ILeapServiceStatus,
      open: jest.fn()
    });
    expect(item.node.textContent).toBe('$2.50/h · $45.00');
    status.state = 'offline';
    status.stateChanged.emit({ previous: 'online', current: 'offline' });
    expect(item.node.textContent).toBe('Cost: offline');
    expect(item.node.getAttribute('aria-label')).toBe(
      'Cost: offline — cost meter: the LEAP service cannot be reached. Open the cost meter.'
    );
    expect(item.node.classList.contains('jp-mod-offline')).toBe(true);
    expect(item.node.classList.contains('jp-mod-warn')).toBe(false);
    status.state = 'online';
    status.stateChanged.emit({ previous: 'offline', current: 'online' });
    expect(item.node.textContent).toBe('$2.50/h · $45.00');
    item.dispose();
  });
});
