import type { ReportRow } from 'leap-hub-service/dist/api/costs-schemas';

/**
 * The columns of the admin report table that sort.
 */
export type ReportColumn =
  | 'key'
  | 'users'
  | 'cpu'
  | 'memory'
  | 'gpu'
  | 'dask'
  | 'storage'
  | 'total'
  | 'monthlyBudget';

export type SortDirection = 'ascending' | 'descending';

export interface IReportSort {
  column: ReportColumn;
  direction: SortDirection;
}

function value(row: ReportRow, column: ReportColumn): string | number | null {
  switch (column) {
    case 'key':
    case 'users':
    case 'total':
    case 'monthlyBudget':
      return row[column];
    default:
      return row.byResource[column];
  }
}

/**
 * The rows sorted by a column (a copy). Names compare in the locale's order;
 * rows without a budget go last either way; ties keep the key order.
 */
export function sortRows(rows: readonly ReportRow[], sort: IReportSort, locale?: string): ReportRow[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: 'base' });
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.column);
    const y = value(b, sort.column);
    if (x === null || y === null) {
      return x === y ? collator.compare(a.key, b.key) : x === null ? 1 : -1;
    }
    const order = typeof x === 'string' ? collator.compare(x, String(y)) : x - Number(y);
    return order !== 0 ? sign * order : collator.compare(a.key, b.key);
  });
}

/**
 * The sort after clicking a column header: the same column flips; a new one
 * starts descending for amounts, ascending for names.
 */
export function nextSort(current: IReportSort, column: ReportColumn): IReportSort {
  if (current.column === column) {
    return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  }
  return { column, direction: column === 'key' ? 'ascending' : 'descending' };
}
