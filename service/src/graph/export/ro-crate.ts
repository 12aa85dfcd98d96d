import type { NodeKind, RelationType } from '../../api/graph-schemas.js';
import type { NodeRow } from '../nodes.js';
import { doiUrl, environmentText, orcidUrl, releaseDate, spdxId, type ExportInput } from './input.js';

export const RO_CRATE_CONTEXT = 'https://w3id.org/ro/crate/1.2/context';
export const RO_CRATE_SPEC = 'https://w3id.org/ro/crate/1.2';

type Entity = Record<string, unknown> & { '@id': string; '@type': string | string[] };
const ref = (id: string) => ({ '@id': id });

const SCHEMA_TYPE: Record<NodeKind, string> = {
  Dataset: 'Dataset',
  Paper: 'ScholarlyArticle',
  ProjectCode: 'SoftwareSourceCode',
  TrainedModel: 'SoftwareApplication',
  EducationalModule: 'LearningResource',
  Person: 'Person',
  Project: 'Project'
};

/** schema.org property for "A —relation→ B"; relations without a fitting property use `mentions`. */
const PROPERTY: Partial<Record<RelationType, string>> = {
  References: 'citation',
  Cites: 'citation',
  IsDerivedFrom: 'isBasedOn',
  Requires: 'isBasedOn',
  IsNewVersionOf: 'isBasedOn',
  IsPartOf: 'isPartOf',
  HasPart: 'hasPart',
  IsDocumentedBy: 'subjectOf',
  Documents: 'about',
  IsSupplementTo: 'isPartOf'
};
export const propertyFor = (relation: RelationType) => PROPERTY[relation] ?? 'mentions';

/** The @id of a node outside the crate: its DOI, ORCID or URL, else a local "#<id>". */
export function entityId(row: Pick<NodeRow, 'id' | 'doi' | 'orcid' | 'url'>): string {
  if (row.doi !== null) {
    return doiUrl(row.doi);
  }
  if (row.orcid !== null) {
    return orcidUrl(row.orcid);
  }
  if (row.url !== null && /^https?:\/\//.test(row.url)) {
    return row.url;
  }
  return `#${encodeURIComponent(row.id)}`;
}

function add(list: unknown, id: string): unknown[] {
  const items = Array.isArray(list) ? list : list === undefined ? [] : [list];
  return items.some((item) => (item as { '@id': string })['@id'] === id) ? items : [...items, ref(id)];
}

/** RO-Crate 1.2's compact JSON-LD: a one-item list is written as that item. */
function compact(entity: Entity): Entity {
  return Object.fromEntries(
    Object.entries(entity).map(([key, value]) => [key, Array.isArray(value) && value.length === 1 ? value[0] : value])
  ) as Entity;
}

/**
 * ro-crate-metadata.json (RO-Crate 1.2): the record is the Root Data Entity; its files (path,
 * size, sha256) are File data entities in hasPart; people, the license, related nodes and the
 * computational environment (a CreateAction describing the image and kernel, whose instruments
 * are JupyterLab and the packages) are contextual entities. A link from a neighbour to the record is written on the
 * neighbour's entity (B citation → ./), so both directions keep their meaning.
 */
export function roCrate(input: ExportInput): Record<string, unknown> {
  const { node } = input;
  const entities = new Map<string, Entity>();
  const put = (entity: Entity) => {
    const existing = entities.get(entity['@id']);
    entities.set(entity['@id'], existing === undefined ? entity : { ...entity, ...existing });
    return entity['@id'];
  };
  const root: Entity = {
    '@id': './',
    '@type': 'Dataset',
    name: node.title,
    description: node.description.trim() === '' ? node.title : node.description,
    datePublished: releaseDate(node),
    identifier: node.identifiers.doi === null ? node.id : doiUrl(node.identifiers.doi),
    additionalType: SCHEMA_TYPE[node.kind]
  };
  if (node.keywords.length > 0) {
    root.keywords = node.keywords.join(', ');
  }
  if (node.version !== null) {
    root.version = node.version;
  }
  if (node.identifiers.url !== null) {
    root.url = node.identifiers.url;
  }
  if (node.license !== null) {
    const spdx = spdxId(node.license);
    const id = spdx === null ? '#license' : `https://spdx.org/licenses/${spdx}`;
    root.license = ref(put({ '@id': id, '@type': 'CreativeWork', name: spdx ?? 'License', ...(spdx === null ? { description: node.license } : {}) }));
  }
  const person = (row: NodeRow): string => {
    const organization = (name: string) => put({ '@id': `#organization-${encodeURIComponent(name)}`, '@type': 'Organization', name });
    const affiliation = row.affiliation === null ? {} : { affiliation: ref(organization(row.affiliation)) };
    return put({ '@id': entityId(row), '@type': 'Person', name: row.title, ...affiliation });
  };
  if (input.creators.length > 0) {
    root.author = input.creators.map((row) => ref(person(row)));
  }
  if (input.contributors.length > 0) {
    root.contributor = input.contributors.map((row) => ref(person(row)));
  }
  // The files stay in the user's home, not in this metadata-only crate: "#" ids with localPath
  // are RO-Crate 1.2's deliberately absent File data entities.
  const files = input.files.map((file) =>
    put({
      '@id': `#${encodeURI(file.path)}`,
      '@type': 'File',
      name: file.path.split('/').at(-1) ?? file.path,
      localPath: file.path,
      contentSize: String(file.size),
      sha256: file.sha256
    })
  );
  if (files.length > 0) {
    root.hasPart = files.map(ref);
  }
  for (const link of input.links) {
    const id = put({
      '@id': entityId(link.node),
      '@type': SCHEMA_TYPE[link.node.kind] === 'Dataset' ? 'CreativeWork' : SCHEMA_TYPE[link.node.kind],
      name: link.node.title,
      identifier: link.node.id,
      ...(link.node.kind === 'Dataset' ? { additionalType: 'Dataset' } : {})
    });
    // citation must name an absolute URI; a node known only here is mentioned instead.
    const property = propertyFor(link.relation) === 'citation' && id.startsWith('#') ? 'mentions' : propertyFor(link.relation);
    if (link.direction === 'out') {
      root[property] = add(root[property], id);
    } else {
      const entity = entities.get(id)!;
      entity[property] = add(entity[property], './');
    }
  }
  const environment = environmentText(input.provenance);
  if (input.provenance !== null && environment !== null) {
    // RO-Crate 1.2 asks every SoftwareApplication for a url and a version, so only what has
    // both (JupyterLab and the kernel's Python packages, named as on PyPI) becomes an instrument;
    // the image and the kernel stay in the action's description.
    const tools: string[] = [];
    const pypi = (id: string, name: string, version: string) =>
      tools.push(
        put({ '@id': id, '@type': 'SoftwareApplication', name, version, url: `https://pypi.org/project/${encodeURIComponent(name)}/${encodeURIComponent(version)}/` })
      );
    if (input.provenance.jupyterlab !== undefined) {
      pypi('#environment-jupyterlab', 'jupyterlab', input.provenance.jupyterlab);
    }
    for (const [name, version] of Object.entries(input.provenance.packages ?? {})) {
      pypi(`#package-${encodeURIComponent(name)}`, name, version);
    }
    put({
      '@id': '#environment',
      '@type': 'CreateAction',
      name: 'Computational environment of the published files',
      description: environment,
      ...(tools.length > 0 ? { instrument: tools.map(ref) } : {}),
      result: (files.length > 0 ? files : ['./']).map(ref)
    });
    root.mentions = add(root.mentions, '#environment');
  }
  const descriptor: Entity = {
    '@id': 'ro-crate-metadata.json',
    '@type': 'CreativeWork',
    conformsTo: ref(RO_CRATE_SPEC),
    about: ref('./')
  };
  return { '@context': RO_CRATE_CONTEXT, '@graph': [descriptor, root, ...entities.values()].map(compact) };
}
