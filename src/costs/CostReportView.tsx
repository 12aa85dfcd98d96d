import type { Budget, BudgetInput, BudgetScope, CostReport, ReportBy, ReportRow } from 'leap-hub-service/dist/api/costs-schemas';
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import { LeapApiError } from '../api';
import { intlLocale } from '../components';
import { BudgetCell } from './BudgetCell';
import { NewBudgetForm } from './NewBudgetForm';
import { formatMoney } from './format';
import type { ICostViewOptions } from './panelWidget';
import { IReportSort, nextSort, ReportColumn, sortRows } from './sorting';

const RESOURCES = ['cpu', 'memory', 'gpu', 'dask', 'storage'] as const;

function currentMonth(): string {
  return new Date().toISOString().slice(0, 7);
}

/**
 * Costs per user, group or resource for a month: a sortable table, budgets
 * editable in place (user and group rows), the same report as CSV.
 */
export function CostReportView(props: ICostViewOptions): JSX.Element {
  const { client, meter, translator } = props;
  const trans = translator.load('jupyterlab_leap');
  const locale = intlLocale(translator.languageCode);
  const [by, setBy] = useState<ReportBy>('user');
  const [month, setMonth] = useState(currentMonth);
  const [report, setReport] = useState<CostReport | null>(null);
  const [budgets, setBudgets] = useState<Budget[]>([]);
  const [sort, setSort] = useState<IReportSort>({ column: 'total', direction: 'descending' });
  const [problem, setProblem] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(0);

  const explain = useCallback(
    (reason: unknown): string =>
      reason instanceof LeapApiError && reason.status === 403
        ? trans.__('Only hub admins can see the cost report.')
        : reason instanceof Error
          ? reason.message
          : String(reason),
    [trans]
  );

  useEffect(() => {
    let current = true;
    Promise.all([
      client.request<CostReport>('costs/report', { query: { by, month } }),
      client.request<Budget[]>('costs/budgets')
    ]).then(
      ([answer, list]) => {
        if (current) {
          setReport(answer);
          setBudgets(list);
          setProblem(null);
        }
      },
      reason => current && setProblem(explain(reason))
    );
    return () => {
      current = false;
    };
  }, [client, by, month, loaded, explain]);

  const rows = useMemo(() => (report ? sortRows(report.rows, sort, locale) : []), [report, sort, locale]);

  const saveBudget = (row: ReportRow, amount: number | null): Promise<void> =>
    putBudget(by === 'group' ? 'group' : 'user', row.key, amount);

  const putBudget = async (scope: BudgetScope, name: string, amount: number | null): Promise<void> => {
    const path = `costs/budgets/${scope}/${encodeURIComponent(name)}`;
    if (amount === null) {
      // an empty object, not no body: JupyterLab labels every request application/json, and the
      // service refuses an empty body of that type
      await client.request(path, { method: 'DELETE' });
    } else {
      const known = budgets.find(b => b.scope === scope && b.name === name);
      const body: BudgetInput = { monthlyAmount: amount, ...(known ? { thresholds: known.thresholds } : {}) };
      await client.request(path, { method: 'PUT', body });
    }
    setLoaded(n => n + 1);
    void meter.refresh();
  };

  const download = async (): Promise<void> => {
    try {
      const file = await client.download(`costs/report?by=${by}&month=${month}&format=csv`);
      const url = URL.createObjectURL(new Blob([file.text], { type: file.contentType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.filename ?? `leap-costs-${by}-${month}.csv`;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (reason) {
      setProblem(explain(reason));
    }
  };

  const columns: Array<{ id: ReportColumn; label: string }> = [
    { id: 'key', label: by === 'user' ? trans.__('User') : by === 'group' ? trans.__('Group') : trans.__('Resource') },
    { id: 'users', label: trans.__('Users') },
    ...(by === 'resource'
      ? []
      : [
          { id: 'cpu' as const, label: trans.__('CPU') },
          { id: 'memory' as const, label: trans.__('Memory') },
          { id: 'gpu' as const, label: trans.__('GPU') },
          { id: 'dask' as const, label: trans.__('Dask') },
          { id: 'storage' as const, label: trans.__('Storage') }
        ]),
    { id: 'total', label: trans.__('Total') },
    ...(by === 'resource' ? [] : [{ id: 'monthlyBudget' as const, label: trans.__('Monthly budget') }])
  ];
  const currency = report?.currency ?? 'USD';
  const money = (n: number): string => formatMoney(n, currency, locale);

  return (
    <div className="jp-LeapCostReport">
      <h2 className="jp-LeapCostReport-heading">{trans.__('Cost report')}</h2>
      <div className="jp-LeapCostReport-controls">
        <label>
          {trans.__('Per')}{' '}
          <select className="jp-mod-styled" value={by} onChange={event => setBy(event.target.value as ReportBy)}>
            <option value="user">{trans.__('user')}</option>
            <option value="group">{trans.__('group')}</option>
            <option value="resource">{trans.__('resource')}</option>
          </select>
        </label>
        <label>
          {trans.__('Month')}{' '}
          <input
            type="month"
            className="jp-mod-styled"
            value={month}
            onChange={event => event.target.value && setMonth(event.target.value)}
          />
        </label>
        <button type="button" className="jp-Button jp-mod-styled jp-mod-accept" onClick={() => void download()}>
          {trans.__('Download CSV')}
        </button>
      </div>
      {problem && (
        <p className="jp-LeapCostReport-problem" role="alert">
          {problem}
        </p>
      )}
      {report && (
        <table className="jp-LeapCostReport-table">
          <caption>
            {trans.__('%1 to %2, %3 in all', report.from, report.to, money(report.total))}
          </caption>
          <thead>
            <tr>
              {columns.map(column => (
                <th
                  key={column.id}
                  scope="col"
                  aria-sort={sort.column === column.id ? sort.direction : 'none'}
                >
                  <button type="button" onClick={() => setSort(nextSort(sort, column.id))}>
                    {column.label}
                    <span aria-hidden="true">
                      {sort.column === column.id ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={columns.length}>{trans.__('No costs in this period.')}</td>
              </tr>
            )}
            {rows.map(row => (
              <tr key={row.key}>
                <th scope="row">{row.key === '' ? trans.__('(no group)') : row.key}</th>
                <td>{row.users}</td>
                {by !== 'resource' && RESOURCES.map(r => <td key={r}>{money(row.byResource[r])}</td>)}
                <td>{money(row.total)}</td>
                {by !== 'resource' && (
                  <td>
                    {row.key === '' ? (
                      '—'
                    ) : (
                      <BudgetCell
                        name={row.key}
                        amount={row.monthlyBudget}
                        currency={currency}
                        trans={trans}
                        locale={locale}
                        save={amount => saveBudget(row, amount)}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && <NewBudgetForm currency={currency} trans={trans} save={(scope, name, amount) => putBudget(scope, name, amount)} />}
    </div>
  );
}
