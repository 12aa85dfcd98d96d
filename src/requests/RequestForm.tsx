import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { DatasetRequest, Duplicates, RequestFormInfo } from 'leap-hub-service/dist/api/requests-schemas';
import * as React from 'react';
import type { LeapApiClient } from '../api';
import { LeapApiError } from '../api/error';
import { DuplicateList } from './DuplicateList';
import {
  checkDraft,
  DRAFT_KEY,
  duplicateKey,
  EMPTY_DRAFT,
  fieldOfError,
  loadDraft,
  OTHER_FORMAT,
  saveDraft,
  toRequestBody,
  type DraftField,
  type IDraft,
  type IFieldProblem,
  type Problems
} from './form';
import { LicenseField } from './LicenseField';

const DUPLICATE_DELAY_MS = 600;

function problemText(problem: IFieldProblem, trans: TranslationBundle): string {
  switch (problem.kind) {
    case 'required':
      return trans.__('This field is required.');
    case 'http-url':
      return trans.__('Enter an http(s) URL, e.g. https://example.org/data.');
    case 'url':
      return trans.__('“%1” is not a URL (scheme://…).', problem.detail ?? '');
    case 'other-format':
      return trans.__('Describe the format when you choose “Other”.');
    case 'server':
      return problem.detail ?? '';
  }
}

/** The LEAP New Dataset form: same fields, checked field by field, with likely duplicates before it is sent. */
export function RequestForm(props: RequestForm.IProps): JSX.Element {
  const { client, trans, submitted, storage } = props;
  const [info, setInfo] = React.useState<RequestFormInfo | null>(null);
  const [loadError, setLoadError] = React.useState<string | null>(null);
  const [draft, setDraft] = React.useState<IDraft>(() => loadDraft(storage));
  const [problems, setProblems] = React.useState<Problems>({});
  const [duplicates, setDuplicates] = React.useState<{ key: string; found: Duplicates } | null>(null);
  const [confirmed, setConfirmed] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);

  React.useEffect(() => {
    client.request<RequestFormInfo>('requests/form').then(setInfo, (reason: Error) => setLoadError(reason.message));
  }, [client]);
  React.useEffect(() => saveDraft(storage, draft), [storage, draft]);

  const findDuplicates = React.useCallback(
    async (of: Pick<IDraft, 'name' | 'url'>): Promise<Duplicates> => {
      const found = await client.request<Duplicates>('requests/duplicates', { query: { name: of.name.trim() || undefined, url: of.url.trim() || undefined } });
      setDuplicates({ key: duplicateKey(of), found });
      return found;
    },
    [client]
  );
  const key = duplicateKey(draft);
  const { name, url } = draft;
  React.useEffect(() => {
    if (name.trim() === '' && url.trim() === '') {
      setDuplicates(null);
      return;
    }
    const timer = setTimeout(() => void findDuplicates({ name, url }).catch(() => undefined), DUPLICATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [name, url, findDuplicates]);

  const set = (field: DraftField) => (value: string) => {
    setDraft(current => ({ ...current, [field]: value }));
    setProblems(current => ({ ...current, [field]: undefined }));
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const found = checkDraft(draft);
    setProblems(found);
    if (Object.keys(found).length > 0) {
      document.getElementById(`jp-leap-request-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const candidates = duplicates?.key === key ? duplicates.found : await findDuplicates(draft);
      if (candidates.datasets.length + candidates.requests.length > 0 && confirmed !== key) {
        setConfirmed(key);
        setError(trans.__('Please check the likely duplicates below first; press “Submit anyway” if yours is different.'));
        return;
      }
      const created = await client.request<DatasetRequest>('requests', { method: 'POST', body: toRequestBody(draft) });
      storage.removeItem(DRAFT_KEY);
      setDraft({ ...EMPTY_DRAFT });
      setDuplicates(null);
      setConfirmed(null);
      Notification.success(trans.__('Dataset request “%1” sent to the data team.', created.name), { autoClose: 5000 });
      submitted(created.id);
    } catch (reason) {
      const field = reason instanceof LeapApiError ? fieldOfError(reason.field) : null;
      if (field !== null) {
        setProblems(current => ({ ...current, [field]: { kind: 'server', detail: (reason as Error).message } }));
        document.getElementById(`jp-leap-request-${field}`)?.focus();
      } else {
        setError(trans.__('The request was not sent: %1', (reason as Error).message));
      }
    } finally {
      setBusy(false);
    }
  };

  if (info === null) {
    return <div className="jp-LeapRequests-form" role="status">{loadError === null ? trans.__('Loading the form…') : trans.__('The form could not be loaded: %1', loadError)}</div>;
  }

  const field = (name: DraftField, label: string, control: (attrs: React.InputHTMLAttributes<HTMLElement>) => JSX.Element, hint?: string, required = false) => {
    const id = `jp-leap-request-${name}`;
    const problem = problems[name];
    const describedBy = [hint ? `${id}-hint` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div className="jp-LeapRequests-field">
        <label htmlFor={id} className="jp-LeapRequests-label">
          {label}
          {required ? <span aria-hidden="true"> *</span> : null}
        </label>
        {hint ? <div id={`${id}-hint`} className="jp-LeapRequests-hint">{hint}</div> : null}
        {control({ id, 'aria-invalid': problem !== undefined, 'aria-describedby': describedBy, 'aria-required': required })}
        {problem ? <div id={`${id}-error`} className="jp-LeapRequests-error">{problemText(problem, trans)}</div> : null}
      </div>
    );
  };
  const text = (name: DraftField, placeholder = '') => (attrs: React.InputHTMLAttributes<HTMLElement>) => (
    <input {...(attrs as React.InputHTMLAttributes<HTMLInputElement>)} className="jp-mod-styled jp-LeapRequests-input" type="text" value={draft[name]} placeholder={placeholder} onChange={e => set(name)(e.target.value)} />
  );
  const area = (name: DraftField, placeholder = '') => (attrs: React.InputHTMLAttributes<HTMLElement>) => (
    <textarea {...(attrs as React.TextareaHTMLAttributes<HTMLTextAreaElement>)} className="jp-mod-styled jp-LeapRequests-textarea" rows={3} value={draft[name]} placeholder={placeholder} onChange={e => set(name)(e.target.value)} />
  );
  const choice = (name: DraftField, options: readonly string[], empty: string) => (attrs: React.InputHTMLAttributes<HTMLElement>) => (
    <select {...(attrs as React.SelectHTMLAttributes<HTMLSelectElement>)} className="jp-mod-styled jp-LeapRequests-select" value={draft[name]} onChange={e => set(name)(e.target.value)}>
      <option value="">{empty}</option>
      {options.map(option => (
        <option key={option} value={option}>{option}</option>
      ))}
    </select>
  );
  const hasDuplicates = duplicates !== null && duplicates.found.datasets.length + duplicates.found.requests.length > 0;

  return (
    <form className="jp-LeapRequests-form" onSubmit={submit} noValidate aria-labelledby="jp-leap-request-title">
      <h2 id="jp-leap-request-title">{trans.__('Request a dataset')}</h2>
      <p className="jp-LeapRequests-intro">
        {trans.__('Tell the LEAP data team about a dataset to add to the Data Library. Your draft is kept in this browser until you send it.')}
        {info.mirrorRepo ? ' ' + trans.__('Requests are also opened as issues in %1.', info.mirrorRepo) : ''}
      </p>
      {field('name', trans.__('Dataset Name'), text('name'), trans.__('The official name of the dataset'), true)}
      {field('url', trans.__('Dataset URL'), text('url', 'https://'), trans.__('Link to the official version of the dataset (if it exists)'))}
      {hasDuplicates ? <DuplicateList duplicates={duplicates!.found} trans={trans} /> : null}
      {field('description', trans.__('Description'), area('description'), trans.__('Why is this dataset interesting, and to which LEAP research would it be useful?'))}
      {field('size', trans.__('Size'), text('size', trans.__('E.g. The dataset consists of 2GB files with a total size of 400GB')), trans.__('How large is the full dataset and is it split over multiple files'))}
      {field(
        'license',
        trans.__('License'),
        attrs => (
          <LicenseField id={attrs.id!} value={draft.license} licenses={info.licenses} onChange={set('license')} trans={trans} invalid={problems.license !== undefined} describedBy={attrs['aria-describedby']} />
        ),
        trans.__('An SPDX license id (type to search), “Unknown”, or a URL of the license'),
        true
      )}
      {field('format', trans.__('Data Format'), choice('format', info.formats, trans.__('Choose a format')), undefined, true)}
      {draft.format === OTHER_FORMAT ? field('formatOther', trans.__('Data Format (other)'), text('formatOther'), undefined, true) : null}
      {field('accessProtocol', trans.__('Access protocol'), choice('accessProtocol', info.accessProtocols, trans.__('Choose a protocol')), trans.__('How will Pangeo Forge Cloud access your data?'), true)}
      {field('organization', trans.__('Source File Organization'), area('organization', trans.__('E.g. There is one file per day. Each file contains one timestep.')), trans.__('Describe how the source files are organized in as much detail as possible.'))}
      {field('exampleUrls', trans.__('Example URLs'), area('exampleUrls', 'https://…'), trans.__('Some actual URLs that point to the data, one a line'))}
      {field('authorization', trans.__('Authorization'), choice('authorization', info.authorizations, trans.__('Not stated')), trans.__('Is any authorization required to access the data?'))}
      {field('transformation', trans.__('Transformation / Processing'), area('transformation', trans.__('E.g. The files should be concatenated along the time dimension.')), trans.__('How should the files be combined into one analysis-ready dataset?'))}
      {field('targetFormat', trans.__('Target Format'), choice('targetFormat', info.targetFormats, trans.__('Choose a target format')), undefined, true)}
      {field('comments', trans.__('Comments'), area('comments'))}
      {error ? <div className="jp-LeapRequests-error" role="alert">{error}</div> : null}
      <div className="jp-LeapRequests-actions">
        <button type="submit" className="jp-Button jp-mod-styled jp-mod-accept" disabled={busy}>
          {confirmed === key && hasDuplicates ? trans.__('Submit anyway') : trans.__('Submit request')}
        </button>
      </div>
    </form>
  );
}

export namespace RequestForm {
  export interface IProps {
    client: LeapApiClient;
    trans: TranslationBundle;
    submitted: (id: number) => void;
    storage: Storage;
  }
}
