import type { TranslationBundle } from '@jupyterlab/translation';
import type { BudgetScope } from 'leap-hub-service/dist/api/costs-schemas';
import React, { useState } from 'react';

/**
 * Set the monthly budget of any user or group, also one with no costs yet
 * (the table only lists those with costs).
 */
export function NewBudgetForm(props: {
  currency: string;
  trans: TranslationBundle;
  save: (scope: BudgetScope, name: string, amount: number) => Promise<void>;
}): JSX.Element {
  const { currency, trans, save } = props;
  const [scope, setScope] = useState<BudgetScope>('group');
  const [name, setName] = useState('');
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const value = Number(amount);
  const valid = name.trim() !== '' && amount.trim() !== '' && Number.isFinite(value) && value > 0;

  return (
    <form
      className="jp-LeapCostReport-newBudget"
      aria-label={trans.__('Set a budget')}
      onSubmit={async event => {
        event.preventDefault();
        if (!valid) {
          return;
        }
        try {
          await save(scope, name.trim(), value);
          setMessage({ ok: true, text: trans.__('Budget of %1 saved.', name.trim()) });
          setName('');
          setAmount('');
        } catch (reason) {
          setMessage({ ok: false, text: reason instanceof Error ? reason.message : String(reason) });
        }
      }}
    >
      <h3>{trans.__('Set a budget')}</h3>
      <select
        className="jp-mod-styled"
        aria-label={trans.__('For a user or a group')}
        value={scope}
        onChange={event => setScope(event.target.value as BudgetScope)}
      >
        <option value="group">{trans.__('group')}</option>
        <option value="user">{trans.__('user')}</option>
      </select>
      <input
        className="jp-mod-styled"
        aria-label={trans.__('Name')}
        placeholder={trans.__('name')}
        value={name}
        onChange={event => setName(event.target.value)}
      />
      <input
        type="number"
        min="0.01"
        step="0.01"
        className="jp-mod-styled"
        aria-label={trans.__('Monthly amount in %1', currency)}
        placeholder={currency}
        value={amount}
        onChange={event => setAmount(event.target.value)}
      />
      <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept" disabled={!valid}>
        {trans.__('Set budget')}
      </button>
      {message && (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? undefined : 'jp-LeapCostReport-problem'}>
          {message.text}
        </span>
      )}
    </form>
  );
}
