import { Type, type Static } from 'typebox';
import { Edge, Node, NodeSummary } from './graph-schemas.js';

/**
 * Outside sources for the knowledge graph: a GitHub repository or a DOI (DataCite, Crossref)
 * imported as a node with its people and related works. The frontend imports these types
 * (type-only) from 'leap-hub-service/dist/api/graph-outside-schemas'.
 */

export const GitHubImportRequest = Type.Object(
  {
    repository: Type.String({
      minLength: 1,
      maxLength: 300,
      description: 'owner/repo, or a github.com URL of the repository (https://github.com/owner/repo, .git and sub-paths accepted)'
    })
  },
  { $id: 'GraphGitHubImportRequest', additionalProperties: false }
);
export type GitHubImportRequest = Static<typeof GitHubImportRequest>;

export const DoiImportRequest = Type.Object(
  {
    doi: Type.String({ minLength: 1, maxLength: 300, description: 'A DOI (10.x/y), doi:10.x/y, or its https://doi.org/ URL' })
  },
  { $id: 'GraphDoiImportRequest', additionalProperties: false }
);
export type DoiImportRequest = Static<typeof DoiImportRequest>;

export const OutsideImportResult = Type.Object(
  {
    outcome: Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('new-version')], {
      description:
        'created: a new node; updated: the node already imported (or an outside item a record linked to) was refreshed; ' +
        'new-version: the repository\'s latest release changed, so a new node IsNewVersionOf the previous one'
    }),
    source: Type.Union([Type.Literal('github'), Type.Literal('datacite'), Type.Literal('crossref')]),
    node: Node,
    previous: Type.Union([Type.String(), Type.Null()], { description: 'new-version: the id of the version it follows' }),
    created: Type.Array(NodeSummary, { description: 'People and related works this import added to the graph' }),
    links: Type.Array(Edge, { description: 'Every edge from the node' }),
    warnings: Type.Array(Type.String(), { description: 'What was left out and why, e.g. a CITATION.cff that is not valid YAML (with its line)' })
  },
  { $id: 'GraphOutsideImportResult' }
);
export type OutsideImportResult = Static<typeof OutsideImportResult>;
