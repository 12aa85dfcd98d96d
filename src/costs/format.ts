import type { TranslationBundle } from '@jupyterlab/translation';
import type { BudgetStatus } from 'leap-hub-service/dist/api/costs-schemas';

/**
 * Durations, sizes and projections as the cost views show them. Pure, so
 * the words and numbers are unit tested; no function throws on odd input.
 */

export { budgetLevel, formatMoney, formatRate, tightestBudget } from './money';
export type { BudgetLevel } from './money';

/**
 * A duration in its largest sensible unit: "45 min", "2 h", "2.5 h", "3 d",
 * with the locale's digits ("2,5 h" in German).
 */
export function formatDuration(seconds: number, trans: TranslationBundle, locale?: string): string {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  if (seconds < 3600) {
    return trans.__('%1 min', number.format(Math.max(1, Math.round(seconds / 60))));
  }
  if (seconds < 48 * 3600) {
    return trans.__('%1 h', number.format(Math.round((seconds / 3600) * 10) / 10));
  }
  return trans.__('%1 d', number.format(Math.round(seconds / 86400)));
}

/**
 * Bytes in binary units with the locale's digits: "3.2 GiB" ("3,2 GiB").
 */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${number.format(value)} ${units[unit]}`;
}

/**
 * What the projection means, in a sentence.
 */
export function projectionText(
  budget: BudgetStatus,
  now: number,
  trans: TranslationBundle,
  locale?: string
): string {
  if (budget.percent >= 100) {
    return trans.__('Over budget.');
  }
  if (budget.projectedRunOut === null) {
    return trans.__('Nothing is running: the budget is not being used now.');
  }
  if (!budget.runsOutThisPeriod) {
    return trans.__('At this rate the budget lasts the month.');
  }
  const at = new Date(budget.projectedRunOut);
  if (isNaN(at.getTime()) || at.getTime() <= now) {
    return trans.__('At this rate the budget runs out now.');
  }
  const when = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
  return trans.__('At this rate the budget runs out on %1.', when);
}
