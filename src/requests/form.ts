import type { NewDatasetRequest, SpdxLicense } from 'leap-hub-service/dist/api/requests-schemas';

/**
 * The request form's state and rules, without React: the draft (every field
 * as typed), the checks the browser can make before sending (the service
 * checks again and is the authority), the body sent, the draft's storage.
 */
export interface IDraft {
  name: string;
  url: string;
  description: string;
  size: string;
  license: string;
  format: string;
  formatOther: string;
  accessProtocol: string;
  organization: string;
  /** One URL a line, as typed. */
  exampleUrls: string;
  authorization: string;
  transformation: string;
  targetFormat: string;
  comments: string;
}

export type DraftField = keyof IDraft;

/** The form's License default is "Unknown", as on the LEAP GitHub form. */
export const EMPTY_DRAFT: IDraft = {
  name: '',
  url: '',
  description: '',
  size: '',
  license: 'Unknown',
  format: '',
  formatOther: '',
  accessProtocol: '',
  organization: '',
  exampleUrls: '',
  authorization: '',
  transformation: '',
  targetFormat: '',
  comments: ''
};

export const OTHER_FORMAT = 'Other (describe below)';

/** What is wrong with a field: a message key and its argument (translated by the view). */
export interface IFieldProblem {
  kind: 'required' | 'http-url' | 'url' | 'other-format' | 'server';
  /** The service's message (kind "server") or the offending text. */
  detail?: string;
}

export type Problems = Partial<Record<DraftField, IFieldProblem>>;

const isHttpUrl = (text: string): boolean => /^https?:\/\/[^/\s]+\S*$/i.test(text);
const isUrl = (text: string): boolean => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text);

/** Example URLs as sent: one a line, blank lines dropped. */
export function exampleLines(text: string): string[] {
  return text
    .split('\n')
    .map(line => line.trim())
    .filter(line => line !== '');
}

/** The problems the browser can see; empty when the draft may be sent. */
export function checkDraft(draft: IDraft): Problems {
  const problems: Problems = {};
  for (const field of ['name', 'license', 'format', 'accessProtocol', 'targetFormat'] as const) {
    if (draft[field].trim() === '') {
      problems[field] = { kind: 'required' };
    }
  }
  if (draft.url.trim() !== '' && !isHttpUrl(draft.url.trim())) {
    problems.url = { kind: 'http-url', detail: draft.url.trim() };
  }
  if (draft.format === OTHER_FORMAT && draft.formatOther.trim() === '') {
    problems.formatOther = { kind: 'other-format' };
  }
  const badExample = exampleLines(draft.exampleUrls).find(line => !isUrl(line));
  if (badExample !== undefined) {
    problems.exampleUrls = { kind: 'url', detail: badExample };
  }
  return problems;
}

/** The body of `POST /api/requests` (call only when checkDraft found nothing). */
export function toRequestBody(draft: IDraft): NewDatasetRequest {
  const body: NewDatasetRequest = {
    name: draft.name.trim(),
    url: draft.url.trim(),
    description: draft.description,
    size: draft.size.trim(),
    license: draft.license.trim(),
    format: draft.format as NewDatasetRequest['format'],
    accessProtocol: draft.accessProtocol as NewDatasetRequest['accessProtocol'],
    organization: draft.organization,
    exampleUrls: exampleLines(draft.exampleUrls),
    authorization: draft.authorization === '' ? null : (draft.authorization as NewDatasetRequest['authorization']),
    transformation: draft.transformation,
    targetFormat: draft.targetFormat as NewDatasetRequest['targetFormat'],
    comments: draft.comments
  };
  if (draft.format === OTHER_FORMAT) {
    body.formatOther = draft.formatOther.trim();
  }
  return body;
}

/** The draft field a service error names (`body/license`, `body/exampleUrls/2`), or null. */
export function fieldOfError(field: string | undefined): DraftField | null {
  const name = /^body\/([A-Za-z]+)/.exec(field ?? '')?.[1];
  return name !== undefined && name in EMPTY_DRAFT ? (name as DraftField) : null;
}

/** SPDX licenses whose id or name holds every typed word, id prefixes first; at most `limit`. */
export function filterLicenses(licenses: ReadonlyArray<SpdxLicense>, text: string, limit = 8): SpdxLicense[] {
  const words = text.toLowerCase().split(/\s+/).filter(word => word !== '');
  if (words.length === 0) {
    return [];
  }
  const first = words[0];
  return licenses
    .filter(license => {
      const haystack = `${license.id} ${license.name}`.toLowerCase();
      return words.every(word => haystack.includes(word));
    })
    .sort(
      (a, b) =>
        Number(!a.id.toLowerCase().startsWith(first)) - Number(!b.id.toLowerCase().startsWith(first)) ||
        a.id.length - b.id.length ||
        a.id.localeCompare(b.id)
    )
    .slice(0, limit);
}

/** Where the draft lives between reloads (this browser only; cleared when sent). */
export const DRAFT_KEY = 'jupyterlab-leap:dataset-request-draft';

export interface IDraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The saved draft, or the empty one; a stored value of the wrong shape is ignored. */
export function loadDraft(storage: IDraftStorage): IDraft {
  try {
    const saved = JSON.parse(storage.getItem(DRAFT_KEY) ?? 'null') as Partial<Record<string, unknown>> | null;
    if (saved === null || typeof saved !== 'object') {
      return { ...EMPTY_DRAFT };
    }
    const draft = { ...EMPTY_DRAFT };
    for (const key of Object.keys(EMPTY_DRAFT) as DraftField[]) {
      if (typeof saved[key] === 'string') {
        draft[key] = saved[key] as string;
      }
    }
    return draft;
  } catch {
    return { ...EMPTY_DRAFT };
  }
}

export function saveDraft(storage: IDraftStorage, draft: IDraft): void {
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // storage full or disabled: the draft lives only in this page
  }
}

/** The key of the duplicate check a draft needs (its name and URL). */
export function duplicateKey(draft: Pick<IDraft, 'name' | 'url'>): string {
  return `${draft.name.trim().toLowerCase()}\n${draft.url.trim()}`;
}
