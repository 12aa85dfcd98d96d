import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { formatMoney } from './format';

/**
 * A row's monthly budget with Edit / Remove; editing shows a number field
 * with Save and Cancel. `save(null)` removes the budget.
 */
export function BudgetCell(props: {
  name: string;
  amount: number | null;
  currency: string;
  trans: TranslationBundle;
  locale?: string;
  save: (amount: number | null) => Promise<void>;
}): JSX.Element {
  const { name, amount, currency, trans, locale, save } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = async (value: number | null): Promise<void> => {
    setBusy(true);
    setProblem(null);
    try {
      await save(value);
      setDraft(null);
    } catch (reason) {
      setProblem(reason instanceof Error ? reason.message : String(reason));
    } finally {
      setBusy(false);
    }
  };

  if (draft !== null) {
    const value = Number(draft);
    const valid = draft.trim() !== '' && Number.isFinite(value) && value > 0;
    return (
      <form
        className="jp-LeapCostReport-budgetForm"
        onSubmit={event => {
          event.preventDefault();
          if (valid) {
            void run(value);
          }
        }}
      >
        <input
          type="number"
          min="0.01"
          step="0.01"
          className="jp-mod-styled"
          aria-label={trans.__('Monthly budget of %1 in %2', name, currency)}
          value={draft}
          autoFocus
          onChange={event => setDraft(event.target.value)}
          onKeyDown={event => event.key === 'Escape' && setDraft(null)}
        />
        <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept" disabled={!valid || busy}>
          {trans.__('Save')}
        </button>
        <button type="button" className="jp-Button jp-mod-styled jp-mod-reject" onClick={() => setDraft(null)}>
          {trans.__('Cancel')}
        </button>
        {!valid && draft.trim() !== '' && (
          <span className="jp-LeapCostReport-problem" role="alert">
            {trans.__('The budget must be a number above 0.')}
          </span>
        )}
        {problem && (
          <span className="jp-LeapCostReport-problem" role="alert">
            {problem}
          </span>
        )}
      </form>
    );
  }
  return (
    <div className="jp-LeapCostReport-budget">
      <span>{amount === null ? trans.__('none') : formatMoney(amount, currency, locale)}</span>
      <button
        type="button"
        className="jp-LeapCostReport-link"
        aria-label={trans.__('Edit the budget of %1', name)}
        onClick={() => setDraft(amount === null ? '' : String(amount))}
      >
        {amount === null ? trans.__('Set') : trans.__('Edit')}
      </button>
      {amount !== null && (
        <button
          type="button"
          className="jp-LeapCostReport-link"
          aria-label={trans.__('Remove the budget of %1', name)}
          disabled={busy}
          onClick={() => void run(null)}
        >
          {trans.__('Remove')}
        </button>
      )}
      {problem && (
        <span className="jp-LeapCostReport-problem" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
