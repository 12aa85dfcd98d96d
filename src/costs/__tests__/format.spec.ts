import { nullTranslator } from '@jupyterlab/translation';
import type { BudgetStatus } from 'leap-hub-service/dist/api/costs-schemas';
import {
  budgetLevel,
  formatBytes,
  formatDuration,
  formatMoney,
  formatRate,
  projectionText,
  tightestBudget
} from '../format';

const trans = nullTranslator.load('jupyterlab_leap');

function budget(part: Partial<BudgetStatus>): BudgetStatus {
  return {
    scope: 'user',
    name: 'alice',
    monthlyAmount: 50,
    thresholds: [50, 80, 100],
    spent: 10,
    percent: 20,
    ratePerHour: 0.1,
    crossed: [],
    projectedRunOut: '2026-12-30T00:00:00Z',
    runsOutThisPeriod: false,
    ...part
  };
}

describe('formatMoney', () => {
  it('formats in the pricing currency with two decimals', () => {
    expect(formatMoney(12.3, 'USD', 'en-US')).toBe('$12.30');
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(0, 'USD', 'en-US')).toBe('$0.00');
  });

  it('keeps three significant digits under one unit', () => {
    expect(formatMoney(0.0423456, 'USD', 'en-US')).toBe('$0.0423');
    expect(formatMoney(0.42, 'USD', 'en-US')).toBe('$0.42');
  });

  it('shows a code that is not a currency after the number', () => {
    expect(formatMoney(3, 'credits', 'en-US')).toBe('3 credits');
  });
});

describe('formatRate and formatDuration', () => {
  it('reads per hour', () => {
    expect(formatRate(0.42, 'USD', trans, 'en-US')).toBe('$0.42/h');
  });

  it('uses the largest sensible unit', () => {
    expect(formatDuration(20, trans)).toBe('1 min');
    expect(formatDuration(45 * 60, trans)).toBe('45 min');
    expect(formatDuration(2 * 3600, trans)).toBe('2 h');
    expect(formatDuration(2.5 * 3600, trans)).toBe('2.5 h');
    expect(formatDuration(3 * 86400, trans)).toBe('3 d');
  });

  it('writes numbers with the locale\'s digits', () => {
    expect(formatDuration(2.5 * 3600, trans, 'de-DE')).toBe('2,5 h');
    expect(formatDuration(2.5 * 3600, trans, 'en-US')).toBe('2.5 h');
    expect(formatDuration(45 * 60, trans, 'ar-EG')).toBe('٤٥ min');
    expect(formatBytes(3.2 * 1024 ** 3, 'de-DE')).toBe('3,2 GiB');
    expect(formatBytes(2000 * 1024 ** 5, 'en-US')).toBe('2,000 PiB');
  });

  it('formats money in the pricing\'s currency for the locale', () => {
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(1234.5, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(formatMoney(0.0423, 'GBP', 'en-GB')).toBe('£0.0423');
    expect(formatMoney(1234.5, 'JPY', 'ja-JP')).toBe('￥1,235');
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.2 * 1024 ** 3)).toBe('3.2 GiB');
    expect(formatBytes(20 * 1024 ** 2)).toBe('20 MiB');
  });
});

describe('budget levels', () => {
  it('is over at 100 %, warns from 80 % or when it runs out this month', () => {
    expect(budgetLevel(budget({ percent: 100 }))).toBe('over');
    expect(budgetLevel(budget({ percent: 80 }))).toBe('warn');
    expect(budgetLevel(budget({ percent: 30, runsOutThisPeriod: true }))).toBe('warn');
    expect(budgetLevel(budget({ percent: 79.9 }))).toBe('ok');
  });

  it('picks the budget nearest to running out', () => {
    const own = budget({ percent: 60 });
    const group = budget({ scope: 'group', name: 'ocean', percent: 40, runsOutThisPeriod: true });
    const over = budget({ scope: 'group', name: 'atmos', percent: 120 });
    expect(tightestBudget([])).toBeNull();
    expect(tightestBudget([own, group])).toBe(group);
    expect(tightestBudget([own, group, over])).toBe(over);
    expect(tightestBudget([own, budget({ percent: 70 })])?.percent).toBe(70);
  });
});

describe('projectionText', () => {
  const now = Date.parse('2026-11-20T12:00:00Z');

  it('says when the budget runs out at this rate', () => {
    const text = projectionText(budget({ runsOutThisPeriod: true, projectedRunOut: '2026-11-27T15:30:00Z' }), now, trans, 'en-US');
    expect(text).toMatch(/^At this rate the budget runs out on Nov 27, \d{1,2}:30\s?[AP]M\.$/);
  });

  it('covers lasting the month, nothing running, over and now', () => {
    expect(projectionText(budget({}), now, trans)).toBe('At this rate the budget lasts the month.');
    expect(projectionText(budget({ projectedRunOut: null }), now, trans)).toBe(
      'Nothing is running: the budget is not being used now.'
    );
    expect(projectionText(budget({ percent: 104 }), now, trans)).toBe('Over budget.');
    expect(
      projectionText(budget({ runsOutThisPeriod: true, projectedRunOut: '2026-11-20T11:00:00Z' }), now, trans)
    ).toBe('At this rate the budget runs out now.');
  });
});
