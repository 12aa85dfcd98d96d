import type { TranslationBundle } from '@jupyterlab/translation';
import type { ByResource, CostHistory, CostSummary } from 'leap-hub-service/dist/api/costs-schemas';
import React, { useCallback, useEffect, useState } from 'react';
import type { WhoAmI } from '../api';
import { intlLocale, ServiceUnavailable, useServiceStatus } from '../components';
import { BudgetBar } from './BudgetBar';
import { DailyChart } from './DailyChart';
import { formatDuration, formatMoney, formatRate } from './format';
import type { ICostViewOptions } from './panelWidget';

/**
 * The parts of the bill the panel breaks down: the server is its CPU and
 * memory; GPU, Dask and storage on their own.
 */
const PARTS: ReadonlyArray<{ id: string; of: (r: ByResource) => number }> = [
  { id: 'server', of: r => r.cpu + r.memory },
  { id: 'gpu', of: r => r.gpu },
  { id: 'dask', of: r => r.dask },
  { id: 'storage', of: r => r.storage }
];

function useSummary(meter: ICostViewOptions['meter']): CostSummary | null {
  const [summary, setSummary] = useState(meter.summary);
  useEffect(() => {
    const update = (): void => setSummary(meter.summary);
    meter.changed.connect(update);
    update();
    return () => {
      meter.changed.disconnect(update);
    };
  }, [meter]);
  return summary;
}

export function CostPanel(props: ICostViewOptions): JSX.Element {
  const { client, status, meter, translator, openReport } = props;
  const trans = translator.load('jupyterlab_leap');
  const locale = intlLocale(translator.languageCode);
  const snapshot = useServiceStatus(status);
  const summary = useSummary(meter);
  const [history, setHistory] = useState<CostHistory | null>(null);
  const [admin, setAdmin] = useState(false);

  useEffect(() => {
    void meter.refresh();
    client.whoami().then(
      (me: WhoAmI) => setAdmin(me.admin),
      () => setAdmin(false)
    );
  }, [meter, client]);
  useEffect(() => {
    let current = true;
    client.request<CostHistory>('costs/history').then(
      answer => current && setHistory(answer),
      () => undefined // the chart stays as it was; the meter's state shows problems
    );
    return () => {
      current = false;
    };
  }, [client, summary?.at]);
  const retry = useCallback(() => status.refresh().then(() => meter.refresh()), [status, meter]);

  return (
    <div className="jp-LeapCosts-view">
      <header className="jp-LeapCosts-header">
        <h2 className="jp-LeapCosts-heading">{trans.__('Cost meter')}</h2>
      </header>
      <ServiceUnavailable snapshot={snapshot} trans={trans} onRetry={retry} />
      {snapshot.state === 'online' && !summary && (
        <p className="jp-LeapCosts-message" role="status">
          {meter.error ? trans.__('Costs are not available: %1', meter.error.message) : trans.__('Loading costs…')}
        </p>
      )}
      {summary && <Summary summary={summary} history={history} trans={trans} locale={locale} />}
      {admin && (
        <footer className="jp-LeapCosts-footer">
          <button type="button" className="jp-Button jp-mod-styled jp-mod-reject" onClick={openReport}>
            {trans.__('Cost report and budgets')}
          </button>
        </footer>
      )}
    </div>
  );
}

function Summary(props: {
  summary: CostSummary;
  history: CostHistory | null;
  trans: TranslationBundle;
  locale?: string;
}): JSX.Element {
  const { summary, history, trans, locale } = props;
  const { currency } = summary;
  const money = (n: number): string => formatMoney(n, currency, locale);
  const now = new Date(summary.at).getTime();
  const names: Record<string, string> = {
    server: trans.__('Server (CPU, memory)'),
    gpu: trans.__('GPU'),
    dask: trans.__('Dask clusters'),
    storage: trans.__('Storage')
  };
  return (
    <div className="jp-LeapCosts-summary">
      <section className="jp-LeapCosts-totals" aria-label={trans.__('Totals')}>
        <Stat label={trans.__('Rate now')} value={formatRate(summary.rate.total, currency, trans, locale)} />
        <Stat label={trans.__('Today')} value={money(summary.today.total)} />
        <Stat label={trans.__('This month')} value={money(summary.monthToDate.total)} />
      </section>

      {summary.idle.length > 0 && (
        <section className="jp-LeapCosts-hints" aria-label={trans.__('Hints')}>
          {summary.idle.map(hint => (
            <p key={hint.server} className="jp-LeapCosts-hint">
              {hint.server
                ? trans.__(
                    'Your server “%1” has been idle %2 at %3. Stop it from the Hub Control Panel when you are done.',
                    hint.server,
                    formatDuration(hint.idleSeconds, trans, locale),
                    formatRate(hint.ratePerHour, currency, trans, locale)
                  )
                : trans.__(
                    'Your server has been idle %1 at %2. Stop it from the Hub Control Panel when you are done.',
                    formatDuration(hint.idleSeconds, trans, locale),
                    formatRate(hint.ratePerHour, currency, trans, locale)
                  )}
            </p>
          ))}
        </section>
      )}

      <section aria-labelledby="jp-LeapCosts-budgets">
        <h3 id="jp-LeapCosts-budgets">{trans.__('Budget')}</h3>
        {summary.budgets.length === 0 ? (
          <p className="jp-LeapCosts-message">{trans.__('No budget is set for you or your groups.')}</p>
        ) : (
          summary.budgets.map(b => (
            <BudgetBar key={`${b.scope}:${b.name}`} budget={b} currency={currency} now={now} trans={trans} locale={locale} />
          ))
        )}
      </section>

      <section aria-labelledby="jp-LeapCosts-breakdown">
        <h3 id="jp-LeapCosts-breakdown">{trans.__('Breakdown')}</h3>
        <table className="jp-LeapCosts-breakdown">
          <thead>
            <tr>
              <th scope="col">{trans.__('Resource')}</th>
              <th scope="col">{trans.__('Per hour now')}</th>
              <th scope="col">{trans.__('This month')}</th>
            </tr>
          </thead>
          <tbody>
            {PARTS.map(part => (
              <tr key={part.id} data-part={part.id}>
                <th scope="row">{names[part.id]}</th>
                <td>{money(part.of(summary.rate.byResource))}</td>
                <td>{money(part.of(summary.monthToDate.byResource))}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {summary.daskClusters.map(c => (
          <p key={c.id} className="jp-LeapCosts-detail">
            {trans._n('Dask cluster %2: %1 worker, %3', 'Dask cluster %2: %1 workers, %3', c.workers, c.id.slice(0, 12), formatRate(c.ratePerHour, currency, trans, locale))}
          </p>
        ))}
      </section>

      <section aria-labelledby="jp-LeapCosts-daily">
        <h3 id="jp-LeapCosts-daily">{trans.__('Daily')}</h3>
        {history ? (
          <DailyChart days={history.days} currency={currency} trans={trans} locale={locale} />
        ) : (
          <p className="jp-LeapCosts-message">{trans.__('Loading the daily costs…')}</p>
        )}
      </section>
    </div>
  );
}

function Stat(props: { label: string; value: string }): JSX.Element {
  return (
    <div className="jp-LeapCosts-stat">
      <span className="jp-LeapCosts-statLabel">{props.label}</span>
      <span className="jp-LeapCosts-statValue">{props.value}</span>
    </div>
  );
}
