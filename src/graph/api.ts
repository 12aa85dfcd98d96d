/**
 * The knowledge graph's HTTP calls, typed by the service's contract; every
 * request goes through the shared LEAP client (src/api).
 */

import type { LeapApiClient } from '../api';
import type {
  ExportFormat,
  GraphInfo,
  GraphSearchResult,
  Neighbourhood,
  Node,
  NodeDetail,
  NodeKind,
  PersonProfile,
  PublishRequest,
  PublishResult
} from './types';

const enc = encodeURIComponent;

export class GraphApi {
  constructor(readonly client: LeapApiClient) {}

  info(): Promise<GraphInfo> {
    return this.client.request<GraphInfo>('graph/info');
  }

  search(query: { q?: string; kind?: NodeKind[]; keyword?: string[]; mine?: boolean; offset?: number; limit?: number }): Promise<GraphSearchResult> {
    return this.client.request<GraphSearchResult>('graph/search', {
      query: {
        q: query.q?.trim() || undefined,
        kind: query.kind?.length ? query.kind : undefined,
        keyword: query.keyword?.length ? query.keyword : undefined,
        mine: query.mine || undefined,
        offset: query.offset,
        limit: query.limit
      }
    });
  }

  node(id: string): Promise<NodeDetail> {
    return this.client.request<NodeDetail>(`graph/nodes/${enc(id)}`);
  }

  neighbourhood(id: string, depth = 2, limit = 300): Promise<Neighbourhood> {
    return this.client.request<Neighbourhood>(`graph/nodes/${enc(id)}/neighbourhood`, { query: { depth, limit } });
  }

  publish(request: PublishRequest): Promise<PublishResult> {
    return this.client.request<PublishResult>('graph/records', { method: 'POST', body: request });
  }

  /** Publish the caller's draft `id`. */
  publishDraft(id: string): Promise<Node> {
    // an empty JSON object: a POST without a body reaches the service with a JSON content type and no content
    return this.client.request<Node>(`graph/records/${enc(id)}/publish`, { method: 'POST' });
  }

  person(id: string): Promise<PersonProfile> {
    return this.client.request<PersonProfile>(`graph/people/${enc(id)}`);
  }

  me(): Promise<PersonProfile> {
    return this.client.request<PersonProfile>('graph/people/me');
  }

  exportFile(id: string, format: ExportFormat): Promise<{ text: string; contentType: string; filename: string | null }> {
    return this.client.download(`graph/nodes/${enc(id)}/export/${format}`);
  }
}

/** The graph id of a data library dataset. */
export const datasetNodeId = (catalogId: string): string => `dataset:${catalogId}`;
