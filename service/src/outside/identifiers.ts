import type { NodeKind, RelationType } from '../api/graph-schemas.js';
import { bareDoi, orcidChecksumValid } from '../graph/ids.js';
import { isDataCiteRelation } from '../graph/relations.js';
import type { OutsideLink, OutsidePerson } from './record.js';

const DOI = /^10\.\d{4,9}\/\S+$/;

/** A bare DOI from "10.x/y", "doi:10.x/y" or a doi.org URL; null when it is not one. */
export function doiOf(value: unknown): string | null {
  if (typeof value !== 'string') {
    return null;
  }
  const bare = bareDoi(value.trim());
  return DOI.test(bare) ? bare : null;
}

export function httpUrlOf(value: unknown): string | null {
  return typeof value === 'string' && /^https?:\/\/\S+$/i.test(value.trim()) ? value.trim() : null;
}

/** A bare ORCID iD from an iD or an orcid.org URL, when its check digit is right. */
export function orcidOf(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const bare = value.trim().replace(/^https?:\/\/(www\.)?orcid\.org\//i, '').toUpperCase();
  return /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/.test(bare) && orcidChecksumValid(bare) ? bare : undefined;
}

/** "Family, Given" (the graph's author form) from its parts; the whole name when there are no parts. */
export function personName(parts: { given?: unknown; family?: unknown; name?: unknown }): string | null {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim().replace(/\s+/g, ' ') : null);
  const family = text(parts.family);
  const given = text(parts.given);
  if (family !== null) {
    return given === null ? family : `${family}, ${given}`;
  }
  return text(parts.name) ?? given;
}

export function person(name: string | null, extra: Omit<OutsidePerson, 'name'>): OutsidePerson[] {
  if (name === null) {
    return [];
  }
  const entry: OutsidePerson = { name: name.slice(0, 300) };
  if (extra.orcid !== undefined) entry.orcid = extra.orcid;
  if (extra.affiliation !== undefined && extra.affiliation.trim() !== '') entry.affiliation = extra.affiliation.trim().replace(/\s+/g, ' ').slice(0, 300);
  if (extra.login !== undefined) entry.login = extra.login;
  return [entry];
}

/** A DataCite relationType from its spelling in DataCite ("IsPartOf"), Zenodo ("isPartOf") or Crossref ("is-part-of"). */
export function relationOf(value: unknown): RelationType | null {
  if (typeof value !== 'string' || value === '') {
    return null;
  }
  const camel = value.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  const name = camel[0].toUpperCase() + camel.slice(1);
  return isDataCiteRelation(name) ? name : null;
}

/** The node kind of a resource type named by DataCite (resourceTypeGeneral), Crossref, Zenodo or CFF. */
export function kindOf(type: unknown, fallback: NodeKind = 'Paper'): NodeKind {
  const t = typeof type === 'string' ? type.toLowerCase() : '';
  if (t === 'dataset' || t === 'data' || t.startsWith('dataset') || t === 'database') return 'Dataset';
  if (t === 'software' || t === 'computationalnotebook' || t === 'source-code') return 'ProjectCode';
  if (t === 'model') return 'TrainedModel';
  if (t === '') return fallback;
  return 'Paper';
}

/** A link to a DOI or http(s) URL; null when the identifier is neither. */
export function linkTo(identifier: unknown, relation: RelationType, kind: NodeKind, title?: unknown): OutsideLink | null {
  const doi = doiOf(identifier);
  const url = doi === null ? httpUrlOf(identifier) : null;
  if (doi === null && url === null) {
    return null;
  }
  const link: OutsideLink = { relation, kind, ...(doi !== null ? { doi } : { url: url! }) };
  if (typeof title === 'string' && title.trim() !== '') {
    link.title = title.trim().replace(/\s+/g, ' ').slice(0, 500);
  }
  return link;
}

const SPDX_BY_URL: [RegExp, string][] = [
  [/creativecommons\.org\/licenses\/by\/4\.0/i, 'CC-BY-4.0'],
  [/creativecommons\.org\/licenses\/by-sa\/4\.0/i, 'CC-BY-SA-4.0'],
  [/creativecommons\.org\/licenses\/by-nc\/4\.0/i, 'CC-BY-NC-4.0'],
  [/creativecommons\.org\/licenses\/by\/3\.0/i, 'CC-BY-3.0'],
  [/creativecommons\.org\/publicdomain\/zero\/1\.0/i, 'CC0-1.0'],
  [/opensource\.org\/licenses\/MIT/i, 'MIT'],
  [/apache\.org\/licenses\/LICENSE-2\.0/i, 'Apache-2.0']
];

/** An SPDX id for a license URL when it is a well-known one, else null. */
export function spdxOfUrl(url: unknown): string | null {
  if (typeof url !== 'string') {
    return null;
  }
  return SPDX_BY_URL.find(([pattern]) => pattern.test(url))?.[1] ?? null;
}

/** Text without HTML/JATS tags and with entities of the common kind decoded (stored as untrusted Markdown). */
export function plainText(html: unknown): string {
  if (typeof html !== 'string') {
    return '';
  }
  return html
    .replace(/<\/(p|jats:p|li|div)>/gi, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;|&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
