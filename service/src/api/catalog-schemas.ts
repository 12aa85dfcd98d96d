import { Type, type Static } from 'typebox';

/**
 * The data library's contract: catalog sources, search with facets, dataset detail.
 * The frontend imports these static types (type-only) from the built declarations.
 */

export const SourceKind = Type.Union(
  [Type.Literal('leap-web-catalog'), Type.Literal('stac'), Type.Literal('intake-esm')],
  { $id: 'SourceKind' }
);
export type SourceKind = Static<typeof SourceKind>;

const entryFields = {
  id: Type.String({ description: 'The entry as the source names it (id, title or position)' }),
  reason: Type.String({ description: 'Why it was skipped or changed, e.g. "stores is null"' })
};
export const SkippedEntry = Type.Object(entryFields, { $id: 'SkippedEntry' });
export type SkippedEntry = Static<typeof SkippedEntry>;

export const ImportReport = Type.Object(
  {
    status: Type.Union([Type.Literal('ok'), Type.Literal('partial'), Type.Literal('failed')]),
    at: Type.String({ format: 'date-time' }),
    datasets: Type.Integer({ description: 'Datasets now served from this source' }),
    stores: Type.Integer(),
    skipped: Type.Array(SkippedEntry, { description: 'Entries left out, each with its reason' }),
    // The same shape without the $id: one schema may embed a given $id only once (response serializer).
    warnings: Type.Array(Type.Object(entryFields), { description: 'Entries kept but repaired, each with what was wrong' }),
    error: Type.Optional(Type.String({ description: 'Why a failed import failed; the previous version stays served' }))
  },
  { $id: 'ImportReport' }
);
export type ImportReport = Static<typeof ImportReport>;

export const CatalogSource = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    kind: SourceKind,
    url: Type.String({ description: 'URL or server-side path the source is read from' }),
    lastRefresh: Type.Union([ImportReport, Type.Null()])
  },
  { $id: 'CatalogSource' }
);
export type CatalogSource = Static<typeof CatalogSource>;

export const NewCatalogSource = Type.Object(
  {
    url: Type.String({ minLength: 1 }),
    kind: Type.Optional(SourceKind),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 }))
  },
  { $id: 'NewCatalogSource', additionalProperties: false }
);
export type NewCatalogSource = Static<typeof NewCatalogSource>;

export const License = Type.Object(
  {
    spdx: Type.Union([Type.String(), Type.Null()], { description: 'SPDX id when the text is unambiguous' }),
    text: Type.Union([Type.String(), Type.Null()], { description: 'The license as the source wrote it' }),
    link: Type.Union([Type.String(), Type.Null()])
  },
  { $id: 'License' }
);
export type License = Static<typeof License>;

export const DatasetSummary = Type.Object(
  {
    id: Type.String({ description: 'Stable id, kept across re-imports' }),
    title: Type.String(),
    summary: Type.String({ description: 'Plain-text start of the description' }),
    tags: Type.Array(Type.String()),
    license: Type.Union([Type.String(), Type.Null()], { description: 'SPDX id or "custom"' }),
    providers: Type.Array(Type.String()),
    source: Type.String({ description: 'Name of the catalog source' }),
    stores: Type.Integer(),
    public: Type.Boolean({ description: 'Every store is public' })
  },
  { $id: 'DatasetSummary' }
);
export type DatasetSummary = Static<typeof DatasetSummary>;

export const FacetValue = Type.Object({ value: Type.String(), count: Type.Integer() }, { $id: 'FacetValue' });
export type FacetValue = Static<typeof FacetValue>;

export const Facet = Type.Object(
  {
    name: Type.String({ description: 'Filter name, e.g. tag, license, source_id' }),
    values: Type.Array(FacetValue, { description: 'Most frequent first' }),
    more: Type.Boolean({ description: 'More values exist than listed' })
  },
  { $id: 'Facet' }
);
export type Facet = Static<typeof Facet>;

export const SearchQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 500, description: 'Free text over title, description, tags, variables, ids' })),
    filter: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z_]+:.+$' }), {
        description: 'facet:value, repeatable; values of one facet are OR-ed, facets AND-ed'
      })
    ),
    facets: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z_]*$', maxLength: 100 }), {
        maxItems: 100,
        description:
          'Facets to count, repeatable (e.g. facets=source_id&facets=tag); absent: every facet. ' +
          'An empty value (facets=) counts none, e.g. for later pages. An unknown name is 400.'
      })
    ),
    sort: Type.Optional(Type.Union([Type.Literal('relevance'), Type.Literal('title')])),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }))
  },
  { $id: 'SearchQuery', additionalProperties: false }
);
export type SearchQuery = Static<typeof SearchQuery>;

export const SearchResult = Type.Object(
  {
    total: Type.Integer(),
    offset: Type.Integer(),
    items: Type.Array(DatasetSummary),
    facets: Type.Array(Facet)
  },
  { $id: 'SearchResult' }
);
export type SearchResult = Static<typeof SearchResult>;

export const Store = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    url: Type.String({ description: 'As the catalog gives it (gs://, s3://, https://)' }),
    httpsUrl: Type.Union([Type.String(), Type.Null()], { description: 'The same store over HTTPS, when known' }),
    format: Type.String({ description: 'zarr, netcdf, … from the URL and open kwargs' }),
    public: Type.Boolean(),
    rechunking: Type.Union([Type.Array(Type.Unknown()), Type.Null()]),
    geospatial: Type.Union([Type.Boolean(), Type.Null()]),
    openKwargs: Type.Record(Type.String(), Type.Unknown()),
    lastUpdated: Type.Union([Type.String(), Type.Null()]),
    snippet: Type.String({ description: 'Python that opens the store with xarray' })
  },
  { $id: 'Store' }
);
export type Store = Static<typeof Store>;

export const Person = Type.Object(
  { name: Type.String(), github: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'Maintainer' }
);

export const Provider = Type.Object(
  {
    name: Type.String(),
    description: Type.Union([Type.String(), Type.Null()]),
    roles: Type.Array(Type.String()),
    url: Type.Union([Type.String(), Type.Null()])
  },
  { $id: 'Provider' }
);

export const Link = Type.Object({ label: Type.String(), url: Type.String() }, { $id: 'Link' });

export const DatasetDetail = Type.Object(
  {
    id: Type.String(),
    title: Type.String(),
    description: Type.String({ description: 'Markdown as written by the maintainers: untrusted' }),
    tags: Type.Array(Type.String()),
    license: License,
    providers: Type.Array(Provider),
    maintainers: Type.Array(Person),
    links: Type.Array(Link),
    thumbnail: Type.Union([Type.String(), Type.Null()]),
    source: Type.String(),
    attributes: Type.Record(Type.String(), Type.String(), {
      description: 'Catalog columns of the entry, e.g. source_id, experiment_id for intake-esm'
    }),
    stores: Type.Array(Store)
  },
  { $id: 'DatasetDetail' }
);
export type DatasetDetail = Static<typeof DatasetDetail>;

// Zarr metadata of one store (GET /api/catalog/datasets/{id}/stores/{store}/metadata).

const JsonRecord = Type.Record(Type.String(), Type.Unknown());

export const ZarrVariable = Type.Object(
  {
    name: Type.String({ description: 'Array path in the store, e.g. "tos" or "group/tos"' }),
    dims: Type.Array(Type.String(), {
      description: 'Dimension names (v3 dimension_names, v2 _ARRAY_DIMENSIONS); empty when the store names none'
    }),
    shape: Type.Array(Type.Integer()),
    dtype: Type.String({ description: 'numpy-style name: float32, int64, datetime64[ns], <U12, object, …' }),
    chunks: Type.Array(Type.Integer(), { description: 'Chunk shape (the inner chunks of a sharded v3 array)' }),
    shards: Type.Union([Type.Array(Type.Integer()), Type.Null()], { description: 'Shard shape of a sharded v3 array' }),
    bytesPerElement: Type.Union([Type.Integer(), Type.Null()], { description: 'Null for variable-length types' }),
    estimatedBytes: Type.Union([Type.Number(), Type.Null()], { description: 'Shape product × element size, uncompressed' }),
    longName: Type.Union([Type.String(), Type.Null()], { description: 'CF long_name' }),
    units: Type.Union([Type.String(), Type.Null()], { description: 'CF units' }),
    standardName: Type.Union([Type.String(), Type.Null()], { description: 'CF standard_name' }),
    attributes: Type.Record(Type.String(), Type.Unknown(), {
      description: 'Every attribute as stored (JSON values), without _ARRAY_DIMENSIONS'
    }),
    isCoordinate: Type.Boolean({
      description: 'A dimension coordinate, or named by a "coordinates" attribute (CF)'
    })
  },
  { $id: 'ZarrVariable' }
);
export type ZarrVariable = Static<typeof ZarrVariable>;

export const ZarrMetadata = Type.Object(
  {
    available: Type.Literal(true),
    url: Type.String({ description: 'The HTTP(S) URL the metadata was read from (.zmetadata or zarr.json)' }),
    zarrFormat: Type.Union([Type.Literal(2), Type.Literal(3)]),
    variables: Type.Array(ZarrVariable, { description: 'Coordinates first, then data variables, each by name' }),
    coordinates: Type.Array(Type.String()),
    attributes: JsonRecord,
    estimatedBytes: Type.Number({ description: 'Sum over variables with a fixed element size, uncompressed' }),
    sizeComplete: Type.Boolean({ description: 'False when a variable-length variable is left out of estimatedBytes' }),
    fetchedAt: Type.String({ format: 'date-time', description: 'When the service read it (answers are cached)' })
  },
  { $id: 'ZarrMetadata' }
);
export type ZarrMetadata = Static<typeof ZarrMetadata>;

export const StoreMetadataProblem = Type.Union(
  [
    Type.Literal('private'),
    Type.Literal('not_zarr'),
    Type.Literal('no_url'),
    Type.Literal('not_found'),
    Type.Literal('no_consolidated_metadata'),
    Type.Literal('invalid_metadata'),
    Type.Literal('unreachable'),
    Type.Literal('timeout'),
    Type.Literal('too_large')
  ],
  { $id: 'StoreMetadataProblem' }
);
export type StoreMetadataProblem = Static<typeof StoreMetadataProblem>;

export const StoreMetadataUnavailable = Type.Object(
  {
    available: Type.Literal(false),
    problem: StoreMetadataProblem,
    reason: Type.String({ description: 'For people: what is missing, naming the URL' }),
    url: Type.Union([Type.String(), Type.Null()], { description: 'The URL that was (or would be) read' }),
    fetchedAt: Type.String({ format: 'date-time' })
  },
  { $id: 'StoreMetadataUnavailable' }
);
export type StoreMetadataUnavailable = Static<typeof StoreMetadataUnavailable>;

export const StoreMetadata = Type.Union([ZarrMetadata, StoreMetadataUnavailable], { $id: 'StoreMetadata' });
export type StoreMetadata = Static<typeof StoreMetadata>;
