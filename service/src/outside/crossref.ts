import type { OutsideConfig } from './config.js';
import { doiPath, getJson } from './http.js';
import { doiOf, httpUrlOf, kindOf, linkTo, orcidOf, person, personName, plainText, relationOf, spdxOfUrl } from './identifiers.js';
import type { OutsideLink, OutsideRecord } from './record.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
const MAX_REFERENCES = 200;

function date(value: unknown): string | null {
  const parts = isObj(value) && Array.isArray(value['date-parts']) ? (value['date-parts'][0] as unknown[]) : null;
  if (!Array.isArray(parts) || typeof parts[0] !== 'number') {
    return null;
  }
  return parts.map((part, index) => (index === 0 ? String(part) : String(part).padStart(2, '0'))).join('-');
}

/** A Crossref DOI (REST API `/works/{doi}`, `message`) as an OutsideRecord; null when Crossref does not know it. */
export async function readCrossref(config: OutsideConfig, doi: string): Promise<OutsideRecord | null> {
  const document = await getJson('Crossref', config.crossrefUrl, `/works/${doiPath(doi)}`);
  const work = isObj(document) ? document.message : null;
  if (!isObj(work)) {
    return null;
  }
  const kind = kindOf(work.type === 'dataset' ? 'dataset' : 'text');
  const references = list(work.reference)
    .flatMap((ref): OutsideLink[] => {
      const link = linkTo(ref.DOI, 'Cites', 'Paper', ref['article-title'] ?? ref['volume-title']);
      return link === null ? [] : [link];
    })
    .slice(0, MAX_REFERENCES);
  const relations = Object.entries(isObj(work.relation) ? work.relation : {}).flatMap(([name, targets]): OutsideLink[] => {
    const relation = relationOf(name);
    if (relation === null) return [];
    return list(targets).flatMap((target) => {
      const link = linkTo(target.id, relation, 'Paper');
      return link === null ? [] : [link];
    });
  });
  const licenses = list(work.license);
  const licenseUrl = text((licenses.find((l) => l['content-version'] === 'vor') ?? licenses[0])?.URL);
  const description = plainText(work.abstract);
  const resource = isObj(work.resource) && isObj(work.resource.primary) ? work.resource.primary.URL : null;
  const title = Array.isArray(work.title) ? text(work.title[0]) : null;
  return {
    source: 'crossref',
    kind,
    title: title?.replace(/\s+/g, ' ') ?? doi,
    description,
    license: spdxOfUrl(licenseUrl) ?? licenseUrl,
    keywords: (Array.isArray(work.subject) ? work.subject : []).filter((s): s is string => typeof s === 'string').slice(0, 50),
    version: null,
    release: null,
    url: httpUrlOf(resource) ?? httpUrlOf(work.URL),
    doi: doiOf(work.DOI) ?? doi,
    published: date(work.published) ?? date(work.issued),
    creators: list(work.author).flatMap((author) => {
      const affiliation = list(author.affiliation)[0];
      return person(personName({ given: author.given, family: author.family, name: author.name }), {
        orcid: orcidOf(author.ORCID),
        affiliation: text(affiliation?.name) ?? undefined
      });
    }),
    contributors: [],
    links: [...relations, ...references],
    mentions: [description, ...relations.map((l) => l.url ?? l.doi ?? '')].join('\n')
  };
}
