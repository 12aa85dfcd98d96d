import { parse, YAMLParseError } from 'yaml';
import type { NodeKind } from '../api/graph-schemas.js';
import { doiOf, httpUrlOf, kindOf, linkTo, orcidOf, person, personName, plainText, relationOf } from './identifiers.js';
import type { OutsideLink, OutsidePerson } from './record.js';

/** What a repository's CITATION.cff or .zenodo.json says about it. */
export interface CitationData {
  title: string | null;
  description: string | null;
  creators: OutsidePerson[];
  contributors: OutsidePerson[];
  doi: string | null;
  version: string | null;
  released: string | null;
  keywords: string[];
  license: string | null;
  links: OutsideLink[];
}

/** A citation file the import could not read: the file and, for YAML, the line. */
export class CitationError extends Error {}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);
const strings = (v: unknown): string[] => list(v).map(text).filter((s): s is string => s !== null).map((s) => s.slice(0, 100));

function cffPerson(entry: unknown): OutsidePerson[] {
  if (!isObj(entry)) {
    return [];
  }
  return person(personName({ given: entry['given-names'], family: entry['family-names'], name: entry.name }), {
    orcid: orcidOf(entry.orcid),
    affiliation: text(entry.affiliation) ?? undefined
  });
}

/** The DOI of a CFF work: its `doi`, else the first `identifiers` entry of type doi. */
function cffDoi(work: Obj): string | null {
  const direct = doiOf(work.doi);
  if (direct !== null) {
    return direct;
  }
  for (const id of list(work.identifiers)) {
    if (isObj(id) && id.type === 'doi' && doiOf(id.value) !== null) {
      return doiOf(id.value);
    }
  }
  return null;
}

function cffWorkLink(work: unknown, relation: 'IsDescribedBy' | 'References', self: { doi: string | null; urls: string[] }): OutsideLink[] {
  if (!isObj(work)) {
    return [];
  }
  const doi = cffDoi(work);
  const url = httpUrlOf(work.url);
  if ((doi !== null && doi.toLowerCase() === self.doi?.toLowerCase()) || (doi === null && url !== null && self.urls.includes(url.toLowerCase()))) {
    return [];
  }
  const kind: NodeKind = kindOf(work.type, 'Paper');
  const link = linkTo(doi ?? url, relation, kind, work.title);
  return link === null ? [] : [link];
}

/** Reads CITATION.cff (Citation File Format 1.2): authors, DOI, version, keywords, license, preferred citation, references. */
export function readCitationCff(source: string, file: string, repositoryUrls: string[]): CitationData {
  let doc: unknown;
  try {
    doc = parse(source, { prettyErrors: true });
  } catch (error) {
    const line = error instanceof YAMLParseError ? error.linePos?.[0]?.line : undefined;
    throw new CitationError(`${file}${line === undefined ? '' : ` line ${line}`}: not valid YAML (${(error as Error).message.split('\n')[0]})`);
  }
  if (!isObj(doc)) {
    throw new CitationError(`${file}: expected a mapping of CITATION.cff keys (cff-version, title, authors, …)`);
  }
  const doi = cffDoi(doc);
  const self = { doi, urls: repositoryUrls.map((u) => u.toLowerCase()) };
  const license = Array.isArray(doc.license) ? strings(doc.license).join(' OR ') : text(doc.license);
  return {
    title: text(doc.title),
    description: text(doc.abstract),
    creators: list(doc.authors).flatMap(cffPerson),
    contributors: [],
    doi,
    version: text(doc.version),
    released: text(doc['date-released'] instanceof Date ? (doc['date-released'] as Date).toISOString().slice(0, 10) : doc['date-released']),
    keywords: strings(doc.keywords),
    license: license === '' ? null : license,
    links: [
      ...cffWorkLink(doc['preferred-citation'], 'IsDescribedBy', self),
      ...list(doc.references).flatMap((work) => cffWorkLink(work, 'References', self))
    ]
  };
}

function zenodoPerson(entry: unknown): OutsidePerson[] {
  if (!isObj(entry)) {
    return [];
  }
  return person(personName({ name: entry.name }), { orcid: orcidOf(entry.orcid), affiliation: text(entry.affiliation) ?? undefined });
}

function zenodoKind(resourceType: unknown): NodeKind {
  const type = typeof resourceType === 'string' ? resourceType.split('-')[0] : '';
  return kindOf(type === 'publication' ? 'text' : type, 'Paper');
}

/** Reads .zenodo.json (Zenodo deposit metadata): creators, contributors, related identifiers, keywords, license. */
export function readZenodoJson(source: string, file: string, repositoryUrls: string[]): CitationData {
  let doc: unknown;
  try {
    doc = JSON.parse(source);
  } catch (error) {
    throw new CitationError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  if (!isObj(doc)) {
    throw new CitationError(`${file}: expected a JSON object of Zenodo metadata (title, creators, …)`);
  }
  const urls = repositoryUrls.map((u) => u.toLowerCase());
  const links = list(doc.related_identifiers).flatMap((entry): OutsideLink[] => {
    if (!isObj(entry)) return [];
    const relation = relationOf(entry.relation);
    const link = relation === null ? null : linkTo(entry.identifier, relation, zenodoKind(entry.resource_type));
    return link === null || (link.url !== undefined && urls.some((u) => link.url!.toLowerCase().startsWith(u))) ? [] : [link];
  });
  const license = isObj(doc.license) ? text(doc.license.id) : text(doc.license);
  return {
    title: text(doc.title),
    description: doc.description === undefined ? null : plainText(doc.description) || null,
    creators: list(doc.creators).flatMap(zenodoPerson),
    contributors: list(doc.contributors).flatMap(zenodoPerson),
    doi: doiOf(doc.doi),
    version: text(doc.version),
    released: text(doc.publication_date),
    keywords: strings(doc.keywords),
    license,
    links
  };
}
