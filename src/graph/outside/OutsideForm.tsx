import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { LeapApiError } from '../../api';
import type { OutsideImportResult } from './api';
import { doiOf, OutsideSource, repositoryOf } from './validate';

/** What the dialog asks for, per source (labels through the translator). */
function texts(source: OutsideSource, trans: TranslationBundle) {
  return source === 'github'
    ? {
        label: trans.__('GitHub repository'),
        placeholder: 'owner/repository',
        hint: trans.__('owner/repo or its github.com URL. Its description, topics, license, latest release, contributors and CITATION.cff / .zenodo.json are read.'),
        invalid: trans.__('Give the repository as owner/repo (e.g. SDXorg/pysd) or as https://github.com/owner/repo.'),
        progress: (value: string) => trans.__('Reading %1 from GitHub (repository, release, contributors, citation files)…', value),
        service: 'GitHub'
      }
    : {
        label: trans.__('DOI'),
        placeholder: '10.5281/zenodo.3763274',
        hint: trans.__('A DOI such as 10.5281/zenodo.3763274, or its https://doi.org/ link. Its metadata comes from DataCite, else Crossref.'),
        invalid: trans.__('A DOI starts with 10., a registrant code and a slash, e.g. 10.1371/journal.pone.0033693.'),
        progress: (value: string) => trans.__('Looking up %1 at DataCite, then Crossref…', value),
        service: 'DataCite / Crossref'
      };
}

/** The heading of a refusal, by the service's error code. */
export function failureTitle(error: LeapApiError, source: OutsideSource, trans: TranslationBundle): string {
  const service = source === 'github' ? 'GitHub' : 'DataCite / Crossref';
  switch (error.code) {
    case 'rate_limited':
      return trans.__('%1 rate limit reached', service);
    case 'not_found':
      return source === 'github' ? trans.__('Repository not found') : trans.__('Unknown DOI');
    case 'outside_unreachable':
      return trans.__('%1 could not be reached', service);
    case 'outside_failed':
      return trans.__('%1 answered with an error', service);
    case 'conflict':
      return trans.__('Already in the graph as a record');
    default:
      return error.unavailable ? trans.__('The LEAP service is not available') : trans.__('Could not add it');
  }
}

/**
 * "Add from GitHub" / "Add by DOI": one labelled field checked as you type,
 * progress while the service reads the outside source, and its refusal
 * (not found, rate limit with its reset time, outage) shown in place.
 */
export function OutsideForm(props: {
  source: OutsideSource;
  trans: TranslationBundle;
  initial: string;
  submit: (value: string) => Promise<OutsideImportResult>;
  onDone: (result: OutsideImportResult) => void;
  onCancel: () => void;
}): JSX.Element {
  const { source, trans, submit, onDone, onCancel } = props;
  const t = texts(source, trans);
  const [value, setValue] = useState(props.initial);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<{ title: string; message: string } | null>(null);
  const parsed = source === 'github' ? repositoryOf(value) : doiOf(value);
  const fieldError = touched && parsed === null ? (value.trim() === '' ? trans.__('This field is required.') : t.invalid) : null;
  const id = `leap-outside-${source}`;

  const run = async (): Promise<void> => {
    setTouched(true);
    if (parsed === null || busy !== null) {
      return;
    }
    setBusy(parsed);
    setFailure(null);
    try {
      onDone(await submit(parsed));
    } catch (reason) {
      const error = reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason);
      setFailure({ title: failureTitle(error, source, trans), message: error.message });
    } finally {
      setBusy(null);
    }
  };

  return (
    <form
      className="jp-LeapOutside-form"
      aria-busy={busy !== null}
      onSubmit={e => {
        e.preventDefault();
        void run();
      }}
    >
      <label className="jp-LeapOutside-label" htmlFor={id}>
        {t.label}
      </label>
      <input
        id={id}
        name={source === 'github' ? 'repository' : 'doi'}
        className="jp-mod-styled jp-LeapOutside-input"
        value={value}
        placeholder={t.placeholder}
        autoComplete="off"
        spellCheck={false}
        // read-only, not disabled, while busy: a disabled field drops the keyboard focus (Escape then misses the dialog)
        readOnly={busy !== null}
        aria-disabled={busy !== null}
        aria-invalid={fieldError !== null}
        aria-describedby={`${id}-hint${fieldError ? ` ${id}-problem` : ''}`}
        onChange={e => {
          setValue(e.target.value);
          setFailure(null);
        }}
        onBlur={() => setTouched(value.trim() !== '')}
      />
      <p className="jp-LeapOutside-hint" id={`${id}-hint`}>
        {t.hint}
      </p>
      {fieldError && (
        <div className="jp-LeapOutside-problem" role="alert" id={`${id}-problem`}>
          {fieldError}
        </div>
      )}
      <div className="jp-LeapOutside-status" role="status" aria-live="polite">
        {busy !== null && (
          <>
            <span className="jp-LeapOutside-spinner" aria-hidden="true" />
            {t.progress(busy)}
          </>
        )}
      </div>
      {failure && (
        <div className="jp-LeapOutside-failure" role="alert">
          <strong className="jp-LeapOutside-failureTitle">{failure.title}</strong>
          <p className="jp-LeapOutside-failureMessage">{failure.message}</p>
        </div>
      )}
      <div className="jp-LeapOutside-actions">
        <button type="button" className="jp-Dialog-button jp-mod-reject jp-mod-styled" onClick={onCancel}>
          {trans.__('Cancel')}
        </button>
        <button type="submit" className="jp-Dialog-button jp-mod-accept jp-mod-styled" aria-disabled={busy !== null}>
          {busy !== null ? trans.__('Adding…') : failure ? trans.__('Try again') : trans.__('Add to the graph')}
        </button>
      </div>
    </form>
  );
}
