import type { NodeKind, RelationType } from '../api/graph-schemas.js';
import type { OutsideConfig } from './config.js';
import { doiPath, getJson } from './http.js';
import { doiOf, httpUrlOf, kindOf, linkTo, orcidOf, person, personName, plainText, relationOf, spdxOfUrl } from './identifiers.js';
import type { OutsideLink, OutsidePerson, OutsideRecord } from './record.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/** Relations whose target is another form of the same item: it gets the item's kind. */
const SAME_KIND: readonly RelationType[] = ['IsVersionOf', 'HasVersion', 'IsNewVersionOf', 'IsPreviousVersionOf', 'IsIdenticalTo', 'IsVariantFormOf', 'IsOriginalFormOf'];

function people(entries: unknown): OutsidePerson[] {
  return list(entries)
    .filter((entry) => entry.nameType !== 'Organizational')
    .flatMap((entry) => {
      const orcid = list(entry.nameIdentifiers).find((id) => String(id.nameIdentifierScheme).toUpperCase() === 'ORCID');
      const affiliation = Array.isArray(entry.affiliation) ? entry.affiliation[0] : undefined;
      return person(personName({ given: entry.givenName, family: entry.familyName, name: entry.name }), {
        orcid: orcidOf(orcid?.nameIdentifier),
        affiliation: text(isObj(affiliation) ? affiliation.name : affiliation) ?? undefined
      });
    });
}

function license(rights: unknown): string | null {
  for (const entry of list(rights)) {
    const uri = text(entry.rightsUri);
    if (uri?.startsWith('info:eu-repo')) continue;
    return spdxOfUrl(uri) ?? text(entry.rightsIdentifier)?.toUpperCase() ?? text(entry.rights);
  }
  return null;
}

/** A DataCite DOI (REST API, JSON:API `data.attributes`) as an OutsideRecord; null when DataCite does not know it. */
export async function readDataCite(config: OutsideConfig, doi: string): Promise<OutsideRecord | null> {
  const document = await getJson('DataCite', config.dataciteUrl, `/dois/${doiPath(doi)}`, 'application/vnd.api+json');
  const attributes = isObj(document) && isObj(document.data) ? document.data.attributes : null;
  if (!isObj(attributes)) {
    return null;
  }
  const types = isObj(attributes.types) ? attributes.types : {};
  const kind: NodeKind = kindOf(types.resourceTypeGeneral, 'Paper');
  const titles = list(attributes.titles);
  const descriptions = list(attributes.descriptions);
  const abstract = descriptions.find((d) => d.descriptionType === 'Abstract') ?? descriptions[0];
  const links = list(attributes.relatedIdentifiers).flatMap((entry): OutsideLink[] => {
    const relation = relationOf(entry.relationType);
    if (relation === null || !['DOI', 'URL'].includes(String(entry.relatedIdentifierType))) return [];
    const targetKind = entry.resourceTypeGeneral !== undefined ? kindOf(entry.resourceTypeGeneral) : SAME_KIND.includes(relation) ? kind : 'Paper';
    const link = linkTo(entry.relatedIdentifier, relation, targetKind);
    return link === null ? [] : [link];
  });
  const issued = list(attributes.dates).find((d) => d.dateType === 'Issued');
  const description = plainText(abstract?.description);
  return {
    source: 'datacite',
    kind,
    title: text((titles.find((t) => t.titleType === undefined) ?? titles[0])?.title) ?? doi,
    description,
    license: license(attributes.rightsList),
    keywords: list(attributes.subjects)
      .filter((s) => typeof s.subject === 'string' && httpUrlOf(s.subject) === null)
      .map((s) => String(s.subject).slice(0, 100))
      .slice(0, 50),
    version: text(attributes.version),
    release: null,
    url: httpUrlOf(attributes.url),
    doi: doiOf(attributes.doi) ?? doi,
    published: text(issued?.date) ?? (attributes.publicationYear === undefined ? null : String(attributes.publicationYear)),
    creators: people(attributes.creators),
    contributors: people(attributes.contributors),
    links,
    mentions: [description, text(attributes.url) ?? '', ...links.map((l) => l.url ?? l.doi ?? '')].join('\n')
  };
}
