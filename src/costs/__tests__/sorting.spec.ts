import type { ReportRow } from 'leap-hub-service/dist/api/costs-schemas';
import { nextSort, sortRows } from '../sorting';

function row(key: string, total: number, budget: number | null, gpu = 0): ReportRow {
  return {
    key,
    users: 1,
    total,
    byResource: { cpu: total - gpu, memory: 0, gpu, dask: 0, storage: 0 },
    monthlyBudget: budget
  };
}

const rows = [row('bob', 5, 50), row('alice', 12, null, 10), row('Carol', 5, 20), row('user10', 1, 5), row('user9', 1, null)];

describe('sortRows', () => {
  it('sorts amounts, ties by name', () => {
    const keys = sortRows(rows, { column: 'total', direction: 'descending' }).map(r => r.key);
    expect(keys).toEqual(['alice', 'bob', 'Carol', 'user9', 'user10']);
    expect(sortRows(rows, { column: 'gpu', direction: 'descending' })[0].key).toBe('alice');
  });

  it('sorts names in natural, case-blind order', () => {
    const keys = sortRows(rows, { column: 'key', direction: 'ascending' }, 'en').map(r => r.key);
    expect(keys).toEqual(['alice', 'bob', 'Carol', 'user9', 'user10']);
  });

  it('puts rows without a budget last both ways', () => {
    const up = sortRows(rows, { column: 'monthlyBudget', direction: 'ascending' }).map(r => r.key);
    const down = sortRows(rows, { column: 'monthlyBudget', direction: 'descending' }).map(r => r.key);
    expect(up).toEqual(['user10', 'Carol', 'bob', 'alice', 'user9']);
    expect(down).toEqual(['bob', 'Carol', 'user10', 'alice', 'user9']);
  });

  it('does not change its input', () => {
    const copy = rows.slice();
    sortRows(rows, { column: 'total', direction: 'ascending' });
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('flips the same column and starts amounts descending, names ascending', () => {
    expect(nextSort({ column: 'total', direction: 'descending' }, 'total')).toEqual({ column: 'total', direction: 'ascending' });
    expect(nextSort({ column: 'total', direction: 'ascending' }, 'key')).toEqual({ column: 'key', direction: 'ascending' });
    expect(nextSort({ column: 'key', direction: 'ascending' }, 'gpu')).toEqual({ column: 'gpu', direction: 'descending' });
  });
});
