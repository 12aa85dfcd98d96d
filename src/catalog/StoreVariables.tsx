import type { TranslationBundle } from '@jupyterlab/translation';
import { lockIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useMemo, useState } from 'react';
import { LeapApiClient, LeapApiError } from '../api';
import type { Store, StoreMetadata } from './types';
import { metadataSummary, variableRows } from './variables';

type State =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'loaded'; meta: StoreMetadata }
  | { kind: 'failed'; message: string };

/**
 * A store's variables, loaded when asked ("Show variables"): a table of name, long name, units,
 * dims × shape, dtype, chunks and estimated size. A store the service cannot read (private,
 * unreachable, not consolidated…) shows the service's reason inline; nothing here toasts.
 */
export function StoreVariables(props: {
  datasetId: string;
  store: Store;
  client: LeapApiClient;
  trans: TranslationBundle;
  locale?: string;
}): JSX.Element {
  const { datasetId, store, client, trans, locale } = props;
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!open || state.kind !== 'loading') {
      return;
    }
    let live = true;
    client
      .request<StoreMetadata>(
        `catalog/datasets/${encodeURIComponent(datasetId)}/stores/${encodeURIComponent(store.id)}/metadata`
      )
      .then(
        meta => live && setState({ kind: 'loaded', meta }),
        reason =>
          live &&
          setState({
            kind: 'failed',
            message: (reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason)).message
          })
      );
    return () => {
      live = false;
    };
  }, [open, state.kind]);

  const rows = useMemo(
    () => (state.kind === 'loaded' && state.meta.available ? variableRows(state.meta.variables, locale) : []),
    [state, locale]
  );
  const label = store.name || store.id;

  const toggle = (): void => {
    if (!open && (state.kind === 'idle' || state.kind === 'failed')) {
      setState({ kind: 'loading' });
    }
    setOpen(!open);
  };

  return (
    <div className="jp-LeapDataLibrary-variables">
      <button
        type="button"
        className="jp-LeapDataLibrary-action"
        aria-expanded={open}
        onClick={toggle}
        aria-label={open ? trans.__('Hide variables of %1', label) : trans.__('Show variables of %1', label)}
      >
        {open ? trans.__('Hide variables') : trans.__('Show variables')}
      </button>
      {open && state.kind === 'loading' && (
        <p className="jp-LeapDataLibrary-muted" role="status" aria-live="polite">
          {trans.__('Reading the store’s metadata…')}
        </p>
      )}
      {open && state.kind === 'failed' && (
        <p className="jp-LeapDataLibrary-variablesNote" role="note">
          {trans.__('The variables could not be loaded: %1', state.message)}{' '}
          <button type="button" className="jp-LeapDataLibrary-linkButton" onClick={() => setState({ kind: 'loading' })}>
            {trans.__('Try again')}
          </button>
        </p>
      )}
      {open && state.kind === 'loaded' && !state.meta.available && (
        <p className="jp-LeapDataLibrary-variablesNote" role="note" data-problem={state.meta.problem}>
          {state.meta.problem === 'private' && <lockIcon.react tag="span" className="jp-LeapDataLibrary-lock" />}
          {state.meta.problem === 'private'
            ? trans.__('Variables not shown: %1', state.meta.reason)
            : trans.__('Variables unavailable: %1', state.meta.reason)}
        </p>
      )}
      {open && state.kind === 'loaded' && state.meta.available && (
        <>
          <div className="jp-LeapDataLibrary-variablesScroll">
            <table className="jp-LeapDataLibrary-variablesTable" aria-label={trans.__('Variables of %1', label)}>
              <thead>
                <tr>
                  <th scope="col">{trans.__('Name')}</th>
                  <th scope="col">{trans.__('Long name')}</th>
                  <th scope="col">{trans.__('Units')}</th>
                  <th scope="col">{trans.__('Dims × shape')}</th>
                  <th scope="col">{trans.__('Type')}</th>
                  <th scope="col">{trans.__('Chunks')}</th>
                  <th scope="col">{trans.__('Size')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(row => (
                  <tr key={row.name} className={row.isCoordinate ? 'jp-mod-coordinate' : undefined} title={row.title}>
                    <th scope="row">
                      <code>{row.name}</code>
                      {row.isCoordinate && (
                        <span className="jp-LeapDataLibrary-coordBadge" title={trans.__('coordinate')}>
                          {trans.__('coord')}
                        </span>
                      )}
                    </th>
                    <td>{row.longName}</td>
                    <td>{row.units}</td>
                    <td>{row.dimsShape}</td>
                    <td>
                      <code>{row.dtype}</code>
                    </td>
                    <td>{row.chunks}</td>
                    <td className="jp-LeapDataLibrary-number">{row.size}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="jp-LeapDataLibrary-muted">{metadataSummary(state.meta, trans, locale)}</p>
        </>
      )}
    </div>
  );
}
