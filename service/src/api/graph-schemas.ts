import { Type, type Static, type TLiteral } from 'typebox';

/**
 * The knowledge graph's contract: nodes (research outputs, datasets, people, projects), typed
 * edges, publishing, browsing and exports. The frontend imports these static types (type-only)
 * from 'leap-hub-service/dist/api/graph-schemas'.
 */

export const NodeKind = Type.Union(
  [
    Type.Literal('Dataset'),
    Type.Literal('Paper'),
    Type.Literal('ProjectCode'),
    Type.Literal('TrainedModel'),
    Type.Literal('EducationalModule'),
    Type.Literal('Person'),
    Type.Literal('Project')
  ],
  { description: 'ProjectCode is a notebook or a code repository' }
);
export type NodeKind = Static<typeof NodeKind>;

/**
 * DataCite 4.5 relationType values (the vocabulary of the Invenio datacite-v4.5 schema our DataCite
 * export is validated with; 4.6 HasTranslation/IsTranslationOf and 4.7 Other are not in it), plus
 * Creator and Contributor for people. "Uses" is in no DataCite vocabulary: a notebook that opens a
 * dataset References it (or Requires / IsDerivedFrom).
 */
export const DATACITE_RELATION_TYPES = [
  'IsCitedBy', 'Cites', 'IsSupplementTo', 'IsSupplementedBy', 'IsContinuedBy', 'Continues',
  'IsDescribedBy', 'Describes', 'HasMetadata', 'IsMetadataFor', 'HasVersion', 'IsVersionOf',
  'IsNewVersionOf', 'IsPreviousVersionOf', 'IsPartOf', 'HasPart', 'IsPublishedIn', 'IsReferencedBy',
  'References', 'IsDocumentedBy', 'Documents', 'IsCompiledBy', 'Compiles', 'IsVariantFormOf',
  'IsOriginalFormOf', 'IsIdenticalTo', 'IsReviewedBy', 'Reviews', 'IsDerivedFrom', 'IsSourceOf',
  'IsRequiredBy', 'Requires', 'IsObsoletedBy', 'Obsoletes', 'Collects', 'IsCollectedBy'
] as const;
export const PERSON_RELATION_TYPES = ['Creator', 'Contributor'] as const;

type Literals<T extends readonly string[]> = { -readonly [K in keyof T]: TLiteral<T[K]> };
const literals = <T extends readonly string[]>(values: T): Literals<T> =>
  values.map((value) => Type.Literal(value)) as unknown as Literals<T>;

export const RelationType = Type.Union([...literals(DATACITE_RELATION_TYPES), ...literals(PERSON_RELATION_TYPES)], {
  description: 'DataCite 4.5 relationType, or Creator/Contributor (record → person)'
});
export type RelationType = Static<typeof RelationType>;

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);

export const Identifiers = Type.Object(
  {
    doi: Nullable(Type.String({ description: 'Bare DOI, e.g. 10.5281/zenodo.123' })),
    orcid: Nullable(Type.String({ description: 'Bare ORCID iD, e.g. 0000-0002-1825-0097 (Person only)' })),
    url: Nullable(Type.String()),
    catalog: Nullable(Type.String({ description: 'Data library dataset id (catalog Dataset nodes only)' }))
  }
);
export type Identifiers = Static<typeof Identifiers>;

export const NodeStatus = Type.Union([Type.Literal('draft'), Type.Literal('published')]);
export type NodeStatus = Static<typeof NodeStatus>;

export const VersionRef = Type.Object(
  {
    id: Type.String(),
    version: Nullable(Type.String()),
    status: NodeStatus,
    published: Nullable(Type.String({ format: 'date-time' }))
  }
);
export type VersionRef = Static<typeof VersionRef>;

export const Node = Type.Object(
  {
    id: Type.String({
      description:
        'Stable id. Records/people/projects: "<kind prefix>-<random>"; catalog datasets: "dataset:<catalog id>"'
    }),
    kind: NodeKind,
    title: Type.String({ description: 'Untrusted text: sanitize before rendering. Person: the name' }),
    description: Type.String({ description: 'Markdown, untrusted' }),
    license: Nullable(Type.String({ description: 'SPDX id when known, else the text given' })),
    keywords: Type.Array(Type.String()),
    version: Nullable(Type.String()),
    dates: Type.Object({
      created: Type.String({ format: 'date-time' }),
      updated: Type.String({ format: 'date-time' }),
      published: Nullable(Type.String({ format: 'date-time' }))
    }),
    identifiers: Identifiers,
    affiliation: Nullable(Type.String({ description: 'Person only' })),
    hubUser: Nullable(Type.String({ description: 'Person only: the hub user this person is' })),
    status: NodeStatus,
    owner: Nullable(Type.String({ description: 'Hub user who published it; null for people, catalog datasets, outside items' })),
    versions: Type.Array(VersionRef, { description: 'Every version of this record visible to the caller, oldest first' })
  },
  { $id: 'GraphNode' }
);
export type Node = Static<typeof Node>;

export const NodeSummary = Type.Object(
  {
    id: Type.String(),
    kind: NodeKind,
    title: Type.String(),
    status: NodeStatus,
    version: Nullable(Type.String()),
    doi: Nullable(Type.String()),
    published: Nullable(Type.String({ format: 'date-time' }))
  }
);
export type NodeSummary = Static<typeof NodeSummary>;

export const Edge = Type.Object(
  {
    source: Type.String(),
    relation: RelationType,
    target: Type.String(),
    position: Type.Integer({ description: 'Order among the source\'s edges of this relation (author order)' })
  },
  { description: 'source —relation→ target; the inverse direction is queryable too' }
);
export type Edge = Static<typeof Edge>;

const ORCID = Type.String({
  pattern: '^\\d{4}-\\d{4}-\\d{4}-\\d{3}[\\dX]$',
  description: 'ORCID iD (16 characters, ISO 7064 11,2 check digit)'
});

export const Author = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300, description: '"Family, Given" or the name as written' }),
    orcid: Type.Optional(ORCID),
    affiliation: Type.Optional(Type.String({ maxLength: 300 }))
  },
  { $id: 'GraphAuthor', additionalProperties: false }
);
export type Author = Static<typeof Author>;

export const RelatedRef = Type.Object(
  {
    id: Type.Optional(Type.String({ minLength: 1, description: 'A graph node id' })),
    doi: Type.Optional(Type.String({ pattern: '^10\\.\\d{4,9}/\\S+$', description: 'Bare DOI' })),
    url: Type.Optional(Type.String({ pattern: '^https?://\\S+$' })),
    relationType: RelationType,
    kind: Type.Optional(NodeKind),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 500 }))
  },
  {
    $id: 'GraphRelatedRef',
    additionalProperties: false,
    description:
      'Exactly one of id, doi, url. A DOI/URL the graph does not know becomes a node of `kind` ' +
      '(default Paper) titled `title` (default the DOI/URL).'
  }
);
export type RelatedRef = Static<typeof RelatedRef>;

export const DatasetRef = Type.Object(
  {
    ref: Type.String({ minLength: 1, description: 'A data library dataset id, or a store URL (gs://, s3://, https://)' }),
    relationType: Type.Optional(RelationType)
  },
  { $id: 'GraphDatasetRef', additionalProperties: false, description: 'relationType defaults to References' }
);
export type DatasetRef = Static<typeof DatasetRef>;

export const FileChecksum = Type.Object(
  {
    path: Type.String({ minLength: 1, maxLength: 1000 }),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    size: Type.Integer({ minimum: 0 })
  },
  { $id: 'GraphFile', additionalProperties: false }
);
export type FileChecksum = Static<typeof FileChecksum>;

export const Provenance = Type.Object(
  {
    image: Type.Optional(Type.String({ maxLength: 500, description: 'Container image of the user server' })),
    kernel: Type.Optional(Type.String({ maxLength: 200, description: 'Kernel name and language, e.g. "python3 (Python 3.12.4)"' })),
    packages: Type.Optional(Type.Record(Type.String(), Type.String(), { description: '{name: version}' })),
    jupyterlab: Type.Optional(Type.String({ maxLength: 50 }))
  },
  { $id: 'GraphProvenance', additionalProperties: false }
);
export type Provenance = Static<typeof Provenance>;

export const RecordKind = Type.Union(
  [
    Type.Literal('Dataset'),
    Type.Literal('Paper'),
    Type.Literal('ProjectCode'),
    Type.Literal('TrainedModel'),
    Type.Literal('EducationalModule'),
    Type.Literal('Project')
  ],
  { description: 'What can be published (people come from authors)' }
);

export const PublishRequest = Type.Object(
  {
    kind: RecordKind,
    title: Type.String({ minLength: 1, maxLength: 500 }),
    description: Type.Optional(Type.String({ maxLength: 100_000 })),
    authors: Type.Array(Author, { minItems: 1, maxItems: 200 }),
    license: Type.Optional(Type.String({ maxLength: 200, description: 'SPDX id preferred, e.g. CC-BY-4.0' })),
    keywords: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    version: Type.Optional(Type.String({ maxLength: 50 })),
    url: Type.Optional(Type.String({ pattern: '^https?://\\S+$', description: 'Where the record lives (repository, page)' })),
    related: Type.Optional(Type.Array(RelatedRef, { maxItems: 200 })),
    datasets: Type.Optional(Type.Array(DatasetRef, { maxItems: 500 })),
    files: Type.Optional(Type.Array(FileChecksum, { maxItems: 1000 })),
    provenance: Type.Optional(Provenance),
    draft: Type.Boolean({ description: 'true: visible only to its owner until published' }),
    'version-of': Type.Optional(Type.String({ minLength: 1, description: 'Id of a published record this is a new version of (same owner)' }))
  },
  { $id: 'GraphPublishRequest', additionalProperties: false }
);
export type PublishRequest = Static<typeof PublishRequest>;

export const PublishResult = Type.Object(
  {
    node: Node,
    created: Type.Array(NodeSummary, { description: 'Nodes this request created besides the record (people, outside items)' }),
    links: Type.Array(Edge, { description: 'Every edge from the record' })
  },
  { $id: 'GraphPublishResult' }
);
export type PublishResult = Static<typeof PublishResult>;

export const GraphSearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 500, description: 'Words over title, description, keywords, identifiers; the last word is a prefix' })),
    kind: Type.Optional(Type.Array(NodeKind, { description: 'Repeatable; OR-ed' })),
    keyword: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Repeatable; AND-ed, exact (case-insensitive)' })),
    mine: Type.Optional(Type.Boolean({ description: 'Only records the caller owns (drafts included)' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 20 }))
  },
  { $id: 'GraphSearchQuery', additionalProperties: false }
);
export type GraphSearchQuery = Static<typeof GraphSearchQuery>;

export const GraphSearchResult = Type.Object(
  { total: Type.Integer(), offset: Type.Integer(), items: Type.Array(NodeSummary) },
  { $id: 'GraphSearchResult' }
);
export type GraphSearchResult = Static<typeof GraphSearchResult>;

export const NeighbourGroup = Type.Object(
  {
    relation: RelationType,
    direction: Type.Union([Type.Literal('out'), Type.Literal('in')], {
      description: 'out: this node —relation→ neighbour; in: neighbour —relation→ this node'
    }),
    total: Type.Integer(),
    nodes: Type.Array(NodeSummary, { description: 'At most 100, in edge order then title' })
  },
  { $id: 'GraphNeighbourGroup' }
);
export type NeighbourGroup = Static<typeof NeighbourGroup>;

export const NodeDetail = Type.Object(
  {
    node: Node,
    files: Type.Array(FileChecksum),
    provenance: Nullable(Provenance),
    neighbours: Type.Array(NeighbourGroup)
  },
  { $id: 'GraphNodeDetail' }
);
export type NodeDetail = Static<typeof NodeDetail>;

export const NeighbourhoodQuery = Type.Object(
  {
    depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 3, default: 2 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000, default: 300, description: 'Node cap' }))
  },
  { $id: 'GraphNeighbourhoodQuery', additionalProperties: false }
);
export type NeighbourhoodQuery = Static<typeof NeighbourhoodQuery>;

export const Neighbourhood = Type.Object(
  {
    root: Type.String(),
    depth: Type.Integer(),
    nodes: Type.Array(
      Type.Object({ ...NodeSummary.properties, hops: Type.Integer({ description: 'Distance from the root' }) })
    ),
    edges: Type.Array(Edge, { description: 'Every edge between two returned nodes' }),
    truncated: Type.Boolean({ description: 'The node cap was reached; nearer nodes are kept first' })
  },
  { $id: 'GraphNeighbourhood' }
);
export type Neighbourhood = Static<typeof Neighbourhood>;

export const UsedBy = Type.Object(
  {
    dataset: Type.String({ description: 'The Dataset node id' }),
    total: Type.Integer(),
    items: Type.Array(Type.Object({ node: NodeSummary, relation: RelationType }))
  },
  { $id: 'GraphUsedBy', description: 'Published records that References / Requires / IsDerivedFrom / … this dataset' }
);
export type UsedBy = Static<typeof UsedBy>;

export const UsedByCounts = Type.Object(
  { counts: Type.Record(Type.String(), Type.Integer(), { description: 'catalog dataset id → records using it' }) },
  { $id: 'GraphUsedByCounts' }
);
export type UsedByCounts = Static<typeof UsedByCounts>;

export const PersonProfile = Type.Object(
  {
    person: Node,
    outputs: Type.Array(Type.Object({ node: NodeSummary, relation: RelationType }), {
      description: 'Records with this person as Creator or Contributor (the caller\'s drafts included on their own profile)'
    })
  },
  { $id: 'GraphPersonProfile' }
);
export type PersonProfile = Static<typeof PersonProfile>;

export const PersonUpdate = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    orcid: Type.Optional(ORCID),
    affiliation: Type.Optional(Type.String({ maxLength: 300 }))
  },
  { $id: 'GraphPersonUpdate', additionalProperties: false }
);
export type PersonUpdate = Static<typeof PersonUpdate>;

export const ExportFormat = Type.Union(
  [Type.Literal('ro-crate'), Type.Literal('datacite'), Type.Literal('bibtex'), Type.Literal('cff')],
  {
    description:
      'ro-crate: ro-crate-metadata.json (RO-Crate 1.2, application/ld+json); datacite: DataCite JSON ' +
      '(application/vnd.datacite.datacite+json); bibtex: application/x-bibtex; cff: CITATION.cff (application/yaml)'
  }
);
export type ExportFormat = Static<typeof ExportFormat>;

export const ZenodoDeposit = Type.Object(
  {
    doi: Type.String(),
    recordUrl: Type.String(),
    depositionId: Type.Integer(),
    node: Node
  },
  { $id: 'GraphZenodoDeposit' }
);
export type ZenodoDeposit = Static<typeof ZenodoDeposit>;

export const GraphInfo = Type.Object(
  {
    zenodo: Type.Boolean({ description: 'An admin configured a Zenodo token: deposit is available' }),
    kinds: Type.Array(NodeKind),
    relationTypes: Type.Array(RelationType)
  },
  { $id: 'GraphInfo' }
);
export type GraphInfo = Static<typeof GraphInfo>;
