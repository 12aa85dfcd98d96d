/**
 * The knowledge-graph API types, imported type-only from the service's contract.
 */
export type {
  Author,
  DatasetRef,
  Edge,
  ExportFormat,
  FileChecksum,
  GraphInfo,
  GraphSearchResult,
  NeighbourGroup,
  Neighbourhood,
  Node,
  NodeDetail,
  NodeKind,
  NodeSummary,
  PersonProfile,
  Provenance,
  PublishRequest,
  PublishResult,
  RelatedRef,
  RelationType,
  UsedByCounts
} from 'leap-hub-service/dist/api/graph-schemas';
