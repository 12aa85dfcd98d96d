/**
 * The catalog API types, imported type-only from the service's contract.
 */
export type {
  DatasetDetail,
  DatasetSummary,
  Facet,
  FacetValue,
  License,
  SearchResult,
  Store,
  StoreMetadata,
  StoreMetadataProblem,
  ZarrMetadata,
  ZarrVariable
} from 'leap-hub-service/dist/api/catalog-schemas';
