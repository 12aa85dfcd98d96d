import type { TranslationBundle } from '@jupyterlab/translation';
import { closeIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { LeapApiError } from '../../api';
import type { GraphApi } from '../api';
import { kindLabel } from '../labels';
import { SPDX_LICENSES } from '../spdx';
import type { PublishResult, RelationType } from '../types';
import { checkForm, describeField, IPublishState, Problems, RECORD_KINDS, RecordKind, RELATION_CHOICES, toRequest, withoutFieldPrefix } from './form';
import { RelatedPicker } from './RelatedPicker';

/**
 * The publish form: record fields, authors with ORCID, related items,
 * detected datasets, files and provenance; "Save as draft" or "Publish".
 */
export function PublishForm(props: {
  api: GraphApi;
  trans: TranslationBundle;
  initial: IPublishState;
  onDone: (result: PublishResult, draft: boolean) => void;
  onCancel: () => void;
  /** Called with every change (the dialog keeps the form being written). */
  onChange?: (state: IPublishState) => void;
  /** The fields were written before (kept over a reload): say so. */
  restored?: boolean;
}): JSX.Element {
  const { api, trans, onDone, onCancel, onChange } = props;
  const [state, setState] = useState<IPublishState>(props.initial);
  const mounted = useRef(false);
  useEffect(() => {
    // every change the person makes, not the form as it opened
    if (mounted.current) {
      onChange?.(state);
    }
    mounted.current = true;
  }, [state]);
  const [problems, setProblems] = useState<Problems>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);
  const live = useMemo(() => checkForm(state), [state]);
  const shown = { ...live, ...problems };
  const set = (patch: Partial<IPublishState>): void => {
    setState(s => ({ ...s, ...patch }));
    setProblems({});
  };

  const submit = async (draft: boolean): Promise<void> => {
    const found = checkForm(state);
    if (Object.keys(found).length) {
      setProblems(found);
      setServerError(trans.__('Please correct the fields marked below.'));
      return;
    }
    setBusy(draft ? 'draft' : 'publish');
    setServerError(null);
    try {
      onDone(await api.publish(toRequest(state, draft)), draft);
    } catch (reason) {
      const error = reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason);
      if (error.field) {
        const message = withoutFieldPrefix(error.message, error.field);
        setProblems({ [error.field.replace(/^\//, '')]: message });
        setServerError(`${describeField(error.field, state)}: ${message}`);
      } else if (error.status === 503) {
        // the service (or its database) went away mid-way: say what to do, the form stays as written
        setServerError(trans.__('The LEAP service did not answer (%1). What you wrote is kept: publish again when it is back.', error.message));
      } else {
        setServerError(error.message);
      }
    } finally {
      setBusy(null);
    }
  };

  const problem = (key: string): JSX.Element | null =>
    shown[key] ? (
      <div className="jp-LeapPublish-problem" role="alert" id={`leap-publish-${key.replace(/\//g, '-')}`}>
        {shown[key]}
      </div>
    ) : null;
  const described = (key: string) => (shown[key] ? `leap-publish-${key.replace(/\//g, '-')}` : undefined);
  const setAuthor = (i: number, patch: Partial<IPublishState['authors'][number]>) =>
    set({ authors: state.authors.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const relatedIds = new Set(state.related.flatMap(r => (r.id ? [r.id] : [])));

  return (
    <form className="jp-LeapPublish" onSubmit={e => e.preventDefault()} aria-label={trans.__('Publish to the knowledge graph')}>
      {props.restored && (
        <p className="jp-LeapPublish-restored" role="status">
          {trans.__('What you were writing for this notebook before the page reloaded is back.')}
        </p>
      )}
      {serverError && (
        <div className="jp-LeapPublish-error" role="alert">
          {serverError}
        </div>
      )}
      <label className="jp-LeapPublish-field">
        <span>{trans.__('Title')}</span>
        <input
          className="jp-mod-styled jp-LeapPublish-input"
          name="title"
          value={state.title}
          aria-invalid={!!shown['body/title']}
          aria-describedby={described('body/title')}
          onChange={e => set({ title: e.target.value })}
        />
      </label>
      {problem('body/title')}
      <label className="jp-LeapPublish-field">
        <span>{trans.__('Description (Markdown)')}</span>
        <textarea
          className="jp-mod-styled jp-LeapPublish-input"
          name="description"
          rows={3}
          value={state.description}
          onChange={e => set({ description: e.target.value })}
        />
      </label>
      {problem('body/description')}
      <div className="jp-LeapPublish-row">
        <label className="jp-LeapPublish-field">
          <span>{trans.__('Kind')}</span>
          <select className="jp-mod-styled" name="kind" value={state.kind} onChange={e => set({ kind: e.target.value as RecordKind })}>
            {RECORD_KINDS.map(k => (
              <option key={k} value={k}>
                {kindLabel(k, trans)}
              </option>
            ))}
          </select>
        </label>
        <label className="jp-LeapPublish-field">
          <span>{trans.__('License')}</span>
          <select className="jp-mod-styled" name="license" value={state.license} onChange={e => set({ license: e.target.value })}>
            <option value="">{trans.__('No license')}</option>
            {SPDX_LICENSES.map(l => (
              <option key={l.id} value={l.id} title={l.name}>
                {l.id}
              </option>
            ))}
          </select>
        </label>
      </div>
      {problem('body/license')}
      <label className="jp-LeapPublish-field">
        <span>{trans.__('Keywords (comma separated)')}</span>
        <input className="jp-mod-styled jp-LeapPublish-input" name="keywords" value={state.keywords} onChange={e => set({ keywords: e.target.value })} />
      </label>
      {Object.keys(shown).filter(k => k.startsWith('body/keywords')).map(k => <React.Fragment key={k}>{problem(k)}</React.Fragment>)}

      <fieldset className="jp-LeapPublish-group">
        <legend>{trans.__('Authors')}</legend>
        {state.authors.map((a, i) => (
          <div key={i} className="jp-LeapPublish-author" data-author={i}>
            <input
              className="jp-mod-styled jp-LeapPublish-input"
              aria-label={trans.__('Author %1 name', i + 1)}
              placeholder={trans.__('Family, Given')}
              value={a.name}
              aria-invalid={!!shown[`body/authors/${i}/name`]}
              onChange={e => setAuthor(i, { name: e.target.value })}
            />
            <input
              className="jp-mod-styled jp-LeapPublish-input jp-LeapPublish-orcid"
              aria-label={trans.__('Author %1 ORCID iD', i + 1)}
              placeholder="0000-0000-0000-0000"
              value={a.orcid}
              aria-invalid={!!shown[`body/authors/${i}/orcid`]}
              aria-describedby={described(`body/authors/${i}/orcid`)}
              onChange={e => setAuthor(i, { orcid: e.target.value })}
            />
            <input
              className="jp-mod-styled jp-LeapPublish-input"
              aria-label={trans.__('Author %1 affiliation', i + 1)}
              placeholder={trans.__('Affiliation')}
              value={a.affiliation}
              onChange={e => setAuthor(i, { affiliation: e.target.value })}
            />
            <button
              type="button"
              className="jp-LeapPublish-remove"
              aria-label={trans.__('Remove author %1', i + 1)}
              disabled={state.authors.length === 1}
              onClick={() => set({ authors: state.authors.filter((_, j) => j !== i) })}
            >
              <closeIcon.react tag="span" />
            </button>
            {problem(`body/authors/${i}/name`)}
            {problem(`body/authors/${i}/orcid`)}
          </div>
        ))}
        {problem('body/authors')}
        <button
          type="button"
          className="jp-mod-styled jp-LeapPublish-add"
          onClick={() => set({ authors: [...state.authors, { name: '', orcid: '', affiliation: '' }] })}
        >
          {trans.__('Add author')}
        </button>
      </fieldset>

      <fieldset className="jp-LeapPublish-group">
        <legend>{trans.__('Datasets used (found in the code)')}</legend>
        {state.datasets.length === 0 && <p className="jp-LeapPublish-muted">{trans.__('No dataset ids or store URLs found in the code cells.')}</p>}
        {state.datasets.map((d, i) => (
          <label key={i} className="jp-LeapPublish-dataset" title={d.resolved.reference.value}>
            <input
              type="checkbox"
              checked={d.checked}
              onChange={e => set({ datasets: state.datasets.map((x, j) => (j === i ? { ...x, checked: e.target.checked } : x)) })}
            />
            <span>
              {d.resolved.title ?? <code>{d.resolved.reference.value}</code>}
              <span className="jp-LeapPublish-muted">
                {d.resolved.datasetId
                  ? ` — ${d.resolved.datasetId}`
                  : trans.__(' — not in the Data Library: recorded as an outside dataset (cell %1)', d.resolved.reference.cell + 1)}
              </span>
            </span>
          </label>
        ))}
      </fieldset>

      <fieldset className="jp-LeapPublish-group">
        <legend>{trans.__('Related items')}</legend>
        {state.related.map((r, i) => (
          <div key={i} className="jp-LeapPublish-related">
            <select
              className="jp-mod-styled"
              aria-label={trans.__('Relation to %1', r.title)}
              value={r.relationType}
              onChange={e =>
                set({ related: state.related.map((x, j) => (j === i ? { ...x, relationType: e.target.value as RelationType } : x)) })
              }
            >
              {RELATION_CHOICES.map(c => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
            <span className="jp-LeapPublish-relatedTitle">{r.title}</span>
            <button
              type="button"
              className="jp-LeapPublish-remove"
              aria-label={trans.__('Remove %1', r.title)}
              onClick={() => set({ related: state.related.filter((_, j) => j !== i) })}
            >
              <closeIcon.react tag="span" />
            </button>
            {problem(`body/related/${i}/id`)}
            {problem(`body/related/${i}/doi`)}
          </div>
        ))}
        <RelatedPicker
          api={api}
          trans={trans}
          exclude={relatedIds}
          onPick={item => set({ related: [...state.related, { ...item, relationType: 'References' }] })}
        />
      </fieldset>

      <details className="jp-LeapPublish-group">
        <summary>{trans.__('Files and environment recorded')}</summary>
        <ul className="jp-LeapPublish-facts">
          {state.files.map(f => (
            <li key={f.path}>
              <code>{f.path}</code> sha256 <code>{f.sha256.slice(0, 16)}…</code> ({trans.__('%1 bytes', f.size)})
            </li>
          ))}
          {state.provenance.kernel && <li>{trans.__('Kernel: %1', state.provenance.kernel)}</li>}
          {state.provenance.jupyterlab && <li>{trans.__('JupyterLab %1', state.provenance.jupyterlab)}</li>}
          {state.provenance.image && <li>{trans.__('Image: %1', state.provenance.image)}</li>}
          {Object.entries(state.provenance.packages ?? {}).map(([n, v]) => (
            <li key={n}>
              {n} {v}
            </li>
          ))}
        </ul>
      </details>

      <div className="jp-LeapPublish-actions">
        <button type="button" className="jp-Dialog-button jp-mod-reject jp-mod-styled" onClick={onCancel}>
          <div className="jp-Dialog-buttonLabel">{trans.__('Cancel')}</div>
        </button>
        <button
          type="button"
          className="jp-Dialog-button jp-mod-styled"
          disabled={busy !== null}
          aria-busy={busy === 'draft'}
          onClick={() => void submit(true)}
        >
          <div className="jp-Dialog-buttonLabel">{trans.__('Save as draft')}</div>
        </button>
        <button
          type="button"
          className="jp-Dialog-button jp-mod-accept jp-mod-styled"
          disabled={busy !== null}
          aria-busy={busy === 'publish'}
          onClick={() => void submit(false)}
        >
          <div className="jp-Dialog-buttonLabel">{trans.__('Publish')}</div>
        </button>
      </div>
    </form>
  );
}
