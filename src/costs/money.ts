import type { TranslationBundle } from '@jupyterlab/translation';
import type { BudgetStatus } from 'leap-hub-service/dist/api/costs-schemas';

/**
 * Money, rates and budget levels: what the status-bar item needs at start
 * (the panel's other wording is in format.ts, loaded with the panel).
 */

const formatters = new Map<string, Intl.NumberFormat>();

/**
 * An amount in the pricing's currency with its usual decimals, in the
 * locale's form: "$12.30", "1.234,50 €", "￥1,235"; amounts under one unit keep
 * three significant digits ("$0.0423") so a small rate does not read "$0.00".
 */
export function formatMoney(amount: number, currency: string, locale?: string): string {
  const small = amount !== 0 && Math.abs(amount) < 1;
  const key = `${locale ?? ''}|${currency}|${small}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat(
        locale,
        small
          ? { style: 'currency', currency, maximumSignificantDigits: 3 }
          : { style: 'currency', currency }
      );
    } catch {
      // not an ISO 4217 code: the number with the code after it
      format = new Intl.NumberFormat(locale, { maximumFractionDigits: small ? 4 : 2 });
      const plain = format;
      format = { format: (n: number) => `${plain.format(n)} ${currency}` } as Intl.NumberFormat;
    }
    formatters.set(key, format);
  }
  return format.format(amount);
}

/**
 * A rate: "$0.42/h".
 */
export function formatRate(
  perHour: number,
  currency: string,
  trans: TranslationBundle,
  locale?: string
): string {
  return trans.__('%1/h', formatMoney(perHour, currency, locale));
}

/**
 * How close to its budget: `over` at or past 100 %, `warn` from `warnAt`
 * percent or when the projection runs out this month, else `ok`.
 */
export type BudgetLevel = 'ok' | 'warn' | 'over';

export function budgetLevel(budget: BudgetStatus, warnAt = 80): BudgetLevel {
  if (budget.percent >= 100) {
    return 'over';
  }
  if (budget.percent >= warnAt || budget.runsOutThisPeriod) {
    return 'warn';
  }
  return 'ok';
}

const ORDER: Record<BudgetLevel, number> = { ok: 0, warn: 1, over: 2 };

/**
 * The budget nearest to running out (highest level, then highest percent).
 */
export function tightestBudget(budgets: readonly BudgetStatus[]): BudgetStatus | null {
  let best: BudgetStatus | null = null;
  for (const budget of budgets) {
    if (
      !best ||
      ORDER[budgetLevel(budget)] > ORDER[budgetLevel(best)] ||
      (budgetLevel(budget) === budgetLevel(best) && budget.percent > best.percent)
    ) {
      best = budget;
    }
  }
  return best;
}
