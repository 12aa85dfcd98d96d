import type { Edge, NodeKind, NodeSummary, RelationType } from '../../api/graph-schemas.js';
import { GraphTextIndex, type TextEntry, type TextQuery } from './text-index.js';

/** A published node as the index keeps it (what a neighbourhood answer shows of it). */
export interface IndexedNode {
  id: string;
  kind: NodeKind;
  title: string;
  version: string | null;
  doi: string | null;
  /** Milliseconds since the epoch, or null. */
  published: number | null;
}

/** One edge as loaded: endpoints as ids. */
export interface IndexedEdge {
  src: string;
  relation: RelationType;
  dst: string;
  position: number;
}

export const summaryOf = (node: IndexedNode): NodeSummary => ({
  id: node.id,
  kind: node.kind,
  title: node.title,
  status: 'published',
  version: node.version,
  doi: node.doi,
  published: node.published === null ? null : new Date(node.published).toISOString()
});

/**
 * The published part of the knowledge graph in memory: nodes interned to numbers 0..n-1 with their
 * summaries in columns, and the edges as compressed sparse rows in both directions (typed arrays,
 * no object per edge). Nodes and edges published after the build (in this process) sit in a small
 * overlay of maps until the next rebuild folds them in. Drafts are never here.
 */
export class GraphIndex {
  private readonly numbers = new Map<string, number>();
  private readonly kinds: NodeKind[] = [];
  private readonly kindOf: Uint8Array;
  private readonly publishedAt: Float64Array;
  /** Relation names, interned; relationOf holds their numbers per edge. */
  private readonly relations: RelationType[] = [];
  private readonly src: Int32Array;
  private readonly dst: Int32Array;
  private readonly relationOf: Uint8Array;
  private readonly position: Int32Array;
  /** outStart[i]..outStart[i+1] index outEdges: the edges leaving node i; the same for inStart/inEdges. */
  private readonly outStart: Int32Array;
  private readonly outEdges: Int32Array;
  private readonly inStart: Int32Array;
  private readonly inEdges: Int32Array;
  /** Summaries replaced or added after the build, by id. */
  private readonly extraNodes = new Map<string, IndexedNode>();
  /** Edges added after the build, under both endpoints. */
  private readonly extraEdges = new Map<string, IndexedEdge[]>();
  private extraEdgeCount = 0;
  /** Search entries of the nodes in extraNodes that search finds (not catalog datasets). */
  private readonly extraEntries = new Map<string, TextEntry>();
  private readonly text: GraphTextIndex;

  constructor(
    private readonly ids: readonly string[],
    private readonly titles: readonly string[],
    private readonly versions: readonly (string | null)[],
    private readonly dois: readonly (string | null)[],
    nodes: { kind: NodeKind; published: number | null }[],
    edges: Iterable<IndexedEdge>,
    entries: TextEntry[]
  ) {
    this.text = new GraphTextIndex(entries);
    ids.forEach((id, i) => this.numbers.set(id, i));
    this.kindOf = new Uint8Array(ids.length);
    this.publishedAt = new Float64Array(ids.length);
    nodes.forEach((node, i) => {
      this.kindOf[i] = this.intern(this.kinds, node.kind);
      this.publishedAt[i] = node.published ?? Number.NaN;
    });
    const src: number[] = [];
    const dst: number[] = [];
    const rel: number[] = [];
    const pos: number[] = [];
    for (const edge of edges) {
      const s = this.numbers.get(edge.src);
      const d = this.numbers.get(edge.dst);
      if (s !== undefined && d !== undefined) {
        src.push(s);
        dst.push(d);
        rel.push(this.intern(this.relations, edge.relation));
        pos.push(edge.position);
      }
    }
    this.src = Int32Array.from(src);
    this.dst = Int32Array.from(dst);
    this.relationOf = Uint8Array.from(rel);
    this.position = Int32Array.from(pos);
    [this.outStart, this.outEdges] = rows(ids.length, this.src);
    [this.inStart, this.inEdges] = rows(ids.length, this.dst);
  }

  private intern<T>(table: T[], value: T): number {
    const i = table.indexOf(value);
    if (i >= 0) {
      return i;
    }
    if (table.length === 255) {
      throw new Error('graph index: more than 255 kinds or relation types');
    }
    table.push(value);
    return table.length - 1;
  }

  get nodeCount(): number {
    return this.ids.length + [...this.extraNodes.keys()].filter((id) => !this.numbers.has(id)).length;
  }

  get edgeCount(): number {
    return this.src.length + this.extraEdgeCount;
  }

  /** Nodes and edges published after the build, waiting for the next rebuild. */
  get overlaySize(): number {
    return this.extraNodes.size + this.extraEdgeCount;
  }

  /** The published node with this id, or undefined. */
  node(id: string): IndexedNode | undefined {
    const extra = this.extraNodes.get(id);
    if (extra !== undefined) {
      return extra;
    }
    const i = this.numbers.get(id);
    if (i === undefined) {
      return undefined;
    }
    const published = this.publishedAt[i];
    return {
      id,
      kind: this.kinds[this.kindOf[i]],
      title: this.titles[i],
      version: this.versions[i],
      doi: this.dois[i],
      published: Number.isNaN(published) ? null : published
    };
  }

  has(id: string): boolean {
    return this.numbers.has(id) || this.extraNodes.has(id);
  }

  /** Calls visit for every published edge with id at either end (each edge once, loops once). */
  forEachEdge(id: string, visit: (edge: IndexedEdge) => void): void {
    const i = this.numbers.get(id);
    if (i !== undefined) {
      for (let k = this.outStart[i]; k < this.outStart[i + 1]; k++) {
        visit(this.edgeAt(this.outEdges[k]));
      }
      for (let k = this.inStart[i]; k < this.inStart[i + 1]; k++) {
        const e = this.inEdges[k];
        if (this.src[e] !== i) {
          visit(this.edgeAt(e));
        }
      }
    }
    for (const edge of this.extraEdges.get(id) ?? []) {
      visit(edge);
    }
  }

  /** The ids one edge away from id, either direction (repeats possible); cheaper than forEachEdge. */
  forEachNeighbour(id: string, visit: (other: string) => void): void {
    const i = this.numbers.get(id);
    if (i !== undefined) {
      for (let k = this.outStart[i]; k < this.outStart[i + 1]; k++) {
        visit(this.ids[this.dst[this.outEdges[k]]]);
      }
      for (let k = this.inStart[i]; k < this.inStart[i + 1]; k++) {
        visit(this.ids[this.src[this.inEdges[k]]]);
      }
    }
    for (const edge of this.extraEdges.get(id) ?? []) {
      visit(edge.src === id ? edge.dst : edge.src);
    }
  }

  private edgeAt(e: number): IndexedEdge {
    return { src: this.ids[this.src[e]], relation: this.relations[this.relationOf[e]], dst: this.ids[this.dst[e]], position: this.position[e] };
  }

  private hasEdge(edge: IndexedEdge): boolean {
    let found = false;
    this.forEachEdge(edge.src, (e) => {
      found ||= e.src === edge.src && e.dst === edge.dst && e.relation === edge.relation;
    });
    return found;
  }

  /**
   * Adds or replaces published nodes and adds published edges (published records never lose
   * links); edges already here are skipped, so the same change may be applied twice.
   */
  apply(nodes: readonly IndexedNode[], edges: readonly IndexedEdge[], entries: readonly TextEntry[]): void {
    for (const node of nodes) {
      this.extraNodes.set(node.id, node);
    }
    for (const entry of entries) {
      this.extraEntries.set(entry.id, entry);
    }
    for (const edge of edges) {
      if (!this.has(edge.src) || !this.has(edge.dst) || this.hasEdge(edge)) {
        continue;
      }
      for (const end of edge.src === edge.dst ? [edge.src] : [edge.src, edge.dst]) {
        const list = this.extraEdges.get(end) ?? [];
        list.push(edge);
        this.extraEdges.set(end, list);
      }
      this.extraEdgeCount++;
    }
  }

  /**
   * Searches the published nodes (catalog datasets excepted) and the given extra entries (the
   * caller's drafts): one page in search order, and the total.
   */
  search(query: TextQuery, drafts: readonly TextEntry[], offset: number, limit: number): { total: number; page: TextEntry[] } {
    return this.text.search(query, [...this.extraEntries.values(), ...drafts], this.extraNodes, offset, limit);
  }
}

/** Compressed sparse rows: for each node, the numbers of the edges whose `ends` entry is that node. */
function rows(nodeCount: number, ends: Int32Array): [Int32Array, Int32Array] {
  const start = new Int32Array(nodeCount + 1);
  for (const end of ends) {
    start[end + 1]++;
  }
  for (let i = 0; i < nodeCount; i++) {
    start[i + 1] += start[i];
  }
  const fill = start.slice(0, nodeCount);
  const edges = new Int32Array(ends.length);
  ends.forEach((end, e) => {
    edges[fill[end]++] = e;
  });
  return [start, edges];
}

export const edgeOf = (edge: IndexedEdge): Edge => ({ source: edge.src, relation: edge.relation, target: edge.dst, position: edge.position });
