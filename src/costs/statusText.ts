import type { TranslationBundle } from '@jupyterlab/translation';
import type { CostSummary } from 'leap-hub-service/dist/api/costs-schemas';
import { BudgetLevel, budgetLevel, formatMoney, formatRate, tightestBudget } from './money';

export interface IStatusText {
  /** What the status bar shows: "$0.42/h · $12.30". */
  text: string;
  /** The whole sentence, for screen readers and the tooltip. */
  label: string;
  level: BudgetLevel;
}

/**
 * The status-bar item's words for a summary (null: not known yet).
 */
export function statusText(
  summary: CostSummary | null,
  trans: TranslationBundle,
  locale?: string
): IStatusText {
  if (!summary) {
    const text = trans.__('Cost: …');
    return { text, label: trans.__('%1 — cost meter: not known yet. Open the cost meter.', text), level: 'ok' };
  }
  const { currency } = summary;
  const rate = formatRate(summary.rate.total, currency, trans, locale);
  const month = formatMoney(summary.monthToDate.total, currency, locale);
  const budget = tightestBudget(summary.budgets);
  const text = `${rate} · ${month}`;
  // The name starts with the visible text (WCAG 2.5.3, label in name), then says it in full.
  let label = trans.__('%1 — cost meter: %2 per hour now, %3 this month.', text, formatMoney(summary.rate.total, currency, locale), month);
  if (budget) {
    label += ' ' + trans.__('%1% of the monthly budget of %2 used.', Math.floor(budget.percent), formatMoney(budget.monthlyAmount, currency, locale));
  }
  return {
    text,
    label: label + ' ' + trans.__('Open the cost meter.'),
    level: budget ? budgetLevel(budget) : 'ok'
  };
}
