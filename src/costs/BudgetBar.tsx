import type { TranslationBundle } from '@jupyterlab/translation';
import type { BudgetStatus } from 'leap-hub-service/dist/api/costs-schemas';
import React from 'react';
import { budgetLevel, formatMoney, formatRate, projectionText } from './format';

/**
 * One budget: spent of the monthly amount as a bar (thresholds marked), and
 * when it runs out at the current rate.
 */
export function BudgetBar(props: {
  budget: BudgetStatus;
  currency: string;
  now: number;
  trans: TranslationBundle;
  locale?: string;
}): JSX.Element {
  const { budget, currency, now, trans, locale } = props;
  const level = budgetLevel(budget);
  const title = budget.scope === 'user' ? trans.__('Your monthly budget') : trans.__('Group %1', budget.name);
  const spent = trans.__(
    '%1 of %2 (%3%)',
    formatMoney(budget.spent, currency, locale),
    formatMoney(budget.monthlyAmount, currency, locale),
    Math.floor(budget.percent)
  );
  return (
    <div className={`jp-LeapCosts-budget jp-mod-${level}`}>
      <div className="jp-LeapCosts-budgetHead">
        <span>{title}</span>
        <span>{spent}</span>
      </div>
      <div
        className="jp-LeapCosts-budgetTrack"
        role="progressbar"
        aria-label={title}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.min(100, Math.round(budget.percent))}
        aria-valuetext={spent}
      >
        <div className="jp-LeapCosts-budgetFill" style={{ width: `${Math.min(100, budget.percent)}%` }} />
        {budget.thresholds
          .filter(t => t < 100)
          .map(t => (
            <span key={t} className="jp-LeapCosts-budgetMark" style={{ left: `${t}%` }} />
          ))}
      </div>
      <p className="jp-LeapCosts-projection">
        {projectionText(budget, now, trans, locale)}{' '}
        {budget.ratePerHour > 0 && trans.__('Now %1.', formatRate(budget.ratePerHour, currency, trans, locale))}
      </p>
    </div>
  );
}
