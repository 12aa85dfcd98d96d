/**
 * The publish dialog's state and the request it becomes (pure: unit tested).
 */

import { parseOrcid } from '../orcid';
import type { IResolvedDataset } from '../resolve';
import type { FileChecksum, NodeKind, Provenance, PublishRequest, RelationType } from '../types';

export type RecordKind = Exclude<NodeKind, 'Person'>;

export const RECORD_KINDS: ReadonlyArray<RecordKind> = [
  'ProjectCode', 'Paper', 'Dataset', 'TrainedModel', 'EducationalModule', 'Project'
];

/** Relations offered for related items, most useful first (DataCite relationType names). */
export const RELATION_CHOICES: ReadonlyArray<RelationType> = [
  'References', 'Cites', 'IsSupplementTo', 'IsDerivedFrom', 'Requires', 'IsPartOf', 'HasPart',
  'IsDocumentedBy', 'Documents', 'IsNewVersionOf', 'IsVariantFormOf', 'Continues', 'Compiles',
  'IsSourceOf', 'IsReferencedBy', 'IsCitedBy', 'IsSupplementedBy', 'Reviews', 'Describes'
];

export interface IAuthorState {
  name: string;
  orcid: string;
  affiliation: string;
}

export interface IRelatedState {
  /** A graph node id or a bare DOI. */
  id?: string;
  doi?: string;
  title: string;
  relationType: RelationType;
}

export interface IDatasetState {
  resolved: IResolvedDataset;
  checked: boolean;
}

export interface IPublishState {
  title: string;
  description: string;
  kind: RecordKind;
  license: string;
  keywords: string;
  authors: IAuthorState[];
  related: IRelatedState[];
  datasets: IDatasetState[];
  files: FileChecksum[];
  provenance: Provenance;
}

/** Problems found before sending, keyed like the service's `field` (body/authors/0/orcid). */
export type Problems = Record<string, string>;

export function splitKeywords(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[,;\n]/)
    .map(k => k.trim())
    .filter(k => k.length > 0 && !seen.has(k.toLowerCase()) && seen.add(k.toLowerCase()));
}

/** What the form can tell without the service; empty when it may be sent. */
export function checkForm(state: IPublishState): Problems {
  const problems: Problems = {};
  if (!state.title.trim()) {
    problems['body/title'] = 'A title is required.';
  }
  if (state.authors.length === 0) {
    problems['body/authors'] = 'At least one author is required.';
  }
  state.authors.forEach((a, i) => {
    if (!a.name.trim()) {
      problems[`body/authors/${i}/name`] = 'The name is required.';
    }
    if (a.orcid.trim()) {
      const { problem } = parseOrcid(a.orcid);
      if (problem === 'shape') {
        problems[`body/authors/${i}/orcid`] = 'An ORCID iD looks like 0000-0002-1825-0097.';
      } else if (problem === 'checksum') {
        problems[`body/authors/${i}/orcid`] = 'This ORCID iD has a wrong check digit (last character).';
      }
    }
  });
  splitKeywords(state.keywords).forEach((k, i) => {
    if (k.length > 100) {
      problems[`body/keywords/${i}`] = 'A keyword is at most 100 characters.';
    }
  });
  return problems;
}

/** The request for the service; `draft` says whether it stays private. */
export function toRequest(state: IPublishState, draft: boolean): PublishRequest {
  const request: PublishRequest = {
    kind: state.kind,
    title: state.title.trim(),
    authors: state.authors.map(a => {
      const orcid = parseOrcid(a.orcid).orcid;
      return {
        name: a.name.trim(),
        ...(orcid ? { orcid } : {}),
        ...(a.affiliation.trim() ? { affiliation: a.affiliation.trim() } : {})
      };
    }),
    draft
  };
  if (state.description.trim()) {
    request.description = state.description;
  }
  if (state.license) {
    request.license = state.license;
  }
  const keywords = splitKeywords(state.keywords);
  if (keywords.length) {
    request.keywords = keywords;
  }
  if (state.related.length) {
    request.related = state.related.map(r =>
      r.id ? { id: r.id, relationType: r.relationType } : { doi: r.doi!, relationType: r.relationType }
    );
  }
  const datasets = state.datasets.filter(d => d.checked);
  if (datasets.length) {
    request.datasets = datasets.map(d => ({ ref: d.resolved.datasetId ?? d.resolved.reference.value, relationType: 'References' }));
  }
  if (state.files.length) {
    request.files = state.files;
  }
  if (Object.keys(state.provenance).length) {
    request.provenance = state.provenance;
  }
  return request;
}

/**
 * Where a service error's field points in the form, in words:
 * body/authors/0/orcid → "Author 1, ORCID"; body/datasets/1/ref → the
 * second checked dataset.
 */
export function describeField(field: string, state: IPublishState): string {
  const parts = field.replace(/^\/?body\/?/, '').split('/').filter(Boolean);
  const [head, index, leaf] = parts;
  const n = Number(index);
  const names: Record<string, string> = {
    title: 'Title', description: 'Description', kind: 'Kind', license: 'License', keywords: 'Keywords',
    authors: 'Author', related: 'Related item', datasets: 'Dataset', files: 'File', provenance: 'Provenance',
    name: 'name', orcid: 'ORCID', affiliation: 'affiliation', ref: '', relationType: 'relation', id: '', doi: 'DOI',
    'version-of': 'Previous version'
  };
  if (head === 'datasets' && Number.isInteger(n)) {
    const d = state.datasets.filter(x => x.checked)[n];
    return `Dataset ${d ? `“${d.resolved.title ?? d.resolved.reference.value}”` : n + 1}`;
  }
  if (head === 'related' && Number.isInteger(n)) {
    const r = state.related[n];
    return `Related item ${r ? `“${r.title}”` : n + 1}${leaf && names[leaf] ? `, ${names[leaf]}` : ''}`;
  }
  if (Number.isInteger(n) && index !== undefined) {
    return `${names[head] ?? head} ${n + 1}${leaf ? `, ${names[leaf] ?? leaf}` : ''}`;
  }
  return names[head] ?? (head || 'The request');
}

/** The service's message without the `body/title: ` it starts with when it names its field. */
export function withoutFieldPrefix(message: string, field: string): string {
  const prefix = `${field.replace(/^\//, '')}: `;
  return message.startsWith(prefix) ? message.slice(prefix.length) : message;
}
