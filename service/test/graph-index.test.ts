import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RelationType } from '../src/api/graph-schemas.js';
import { GraphIndex, type IndexedEdge, type IndexedNode } from '../src/graph/index/graph-index.js';
import { GraphTextIndex, type TextEntry } from '../src/graph/index/text-index.js';

const node = (id: string, published: number | null = 1_000): IndexedNode => ({ id, kind: 'Paper', title: `Title ${id}`, version: null, doi: null, published });
const edge = (src: string, relation: RelationType, dst: string, position = 0): IndexedEdge => ({ src, relation, dst, position });

function indexOf(nodes: IndexedNode[], edges: IndexedEdge[], entries: TextEntry[] = []): GraphIndex {
  return new GraphIndex(
    nodes.map((n) => n.id),
    nodes.map((n) => n.title),
    nodes.map((n) => n.version),
    nodes.map((n) => n.doi),
    nodes.map((n) => ({ kind: n.kind, published: n.published })),
    edges,
    entries
  );
}

const edgesOf = (index: GraphIndex, id: string) => {
  const found: string[] = [];
  index.forEachEdge(id, (e) => found.push(`${e.src} ${e.relation} ${e.dst} ${e.position}`));
  return found.sort();
};
const neighboursOf = (index: GraphIndex, id: string) => {
  const found: string[] = [];
  index.forEachNeighbour(id, (other) => found.push(other));
  return found.sort();
};

describe('graph index', () => {
  const nodes = ['a', 'b', 'c', 'd'].map((id) => node(id));
  const edges = [edge('a', 'Creator', 'b', 1), edge('a', 'Cites', 'b'), edge('c', 'References', 'a'), edge('b', 'Cites', 'b'), edge('d', 'Cites', 'x')];

  it('answers both directions with each edge\'s relation and position; edges to unknown nodes are left out', () => {
    const index = indexOf(nodes, edges);
    assert.equal(index.nodeCount, 4);
    assert.equal(index.edgeCount, 4, 'd → x: x is not a published node');
    assert.deepEqual(edgesOf(index, 'a'), ['a Cites b 0', 'a Creator b 1', 'c References a 0']);
    assert.deepEqual(edgesOf(index, 'b'), ['a Cites b 0', 'a Creator b 1', 'b Cites b 0'], 'a loop once');
    assert.deepEqual(neighboursOf(index, 'a'), ['b', 'b', 'c']);
    assert.deepEqual(neighboursOf(index, 'c'), ['a']);
    assert.deepEqual(neighboursOf(index, 'd'), []);
    assert.deepEqual(neighboursOf(index, 'x'), []);
    assert.equal(index.has('x'), false);
    assert.deepEqual(index.node('a'), node('a'));
  });

  it('keeps only published nodes: a draft given to apply as an edge end is skipped', () => {
    const index = indexOf(nodes, edges);
    index.apply([], [edge('draft-1', 'Cites', 'a')], []);
    assert.equal(index.edgeCount, 4);
    assert.deepEqual(neighboursOf(index, 'a'), ['b', 'b', 'c']);
  });

  it('applies this process\'s changes: new nodes, new edges both ways, replaced summaries, no duplicates', () => {
    const index = indexOf(nodes, edges);
    index.apply([node('e'), { ...node('a'), title: 'Renamed' }], [edge('e', 'Cites', 'a'), edge('a', 'Cites', 'b'), edge('e', 'Creator', 'd', 2)], []);
    assert.equal(index.nodeCount, 5);
    assert.equal(index.edgeCount, 6, 'a Cites b was there already');
    assert.equal(index.node('a')?.title, 'Renamed');
    assert.deepEqual(edgesOf(index, 'a'), ['a Cites b 0', 'a Creator b 1', 'c References a 0', 'e Cites a 0']);
    assert.deepEqual(neighboursOf(index, 'd'), ['e']);
    assert.deepEqual(neighboursOf(index, 'e'), ['a', 'd']);
    index.apply([], [edge('e', 'Cites', 'a')], []);
    assert.equal(index.edgeCount, 6, 'the same change twice');
  });
});

const entry = (id: string, title: string, published: number | null, more: Partial<TextEntry> = {}): TextEntry => ({
  id,
  kind: 'Paper',
  title: title.toLowerCase(),
  text: `${title} ${id}`.toLowerCase(),
  keywords: [],
  published,
  ...more
});

describe('graph text index', () => {
  const entries = [
    entry('p1', 'Ocean heat', 3),
    entry('p2', 'Sea ice', 5, { text: 'sea ice p2 ocean model', keywords: ['ocean'] }),
    entry('p3', 'Ocean model', 5),
    entry('m1', 'Land model', null, { kind: 'TrainedModel' }),
    entry('p4', 'Ocean heat', 3)
  ];
  const words = (...w: string[]) => ({ words: w, kinds: null, keywords: [] as string[] });
  const ids = (found: { page: TextEntry[] }) => found.page.map((e) => e.id);

  it('matches every word as a substring, title matches first, then newest, title, id', () => {
    const index = new GraphTextIndex([...entries]);
    const found = index.search(words('ocean'), [], new Set(), 0, 10);
    assert.equal(found.total, 4);
    assert.deepEqual(ids(found), ['p3', 'p1', 'p4', 'p2']);
    assert.deepEqual(ids(index.search(words('ocean', 'mod'), [], new Set(), 0, 10)), ['p3', 'p2']);
    assert.deepEqual(ids(index.search(words('cea'), [], new Set(), 0, 10)), ['p3', 'p1', 'p4', 'p2'], 'inside a word');
    assert.deepEqual(ids(index.search(words(), [], new Set(), 0, 10)), ['p3', 'p2', 'p1', 'p4', 'm1'], 'same date by title; unpublished last');
  });

  it('filters by kind and keyword, pages across rank groups', () => {
    const index = new GraphTextIndex([...entries]);
    assert.deepEqual(ids(index.search({ words: [], kinds: new Set(['TrainedModel']), keywords: [] }, [], new Set(), 0, 10)), ['m1']);
    assert.deepEqual(ids(index.search({ words: [], kinds: null, keywords: ['ocean'] }, [], new Set(), 0, 10)), ['p2']);
    const page = index.search(words('ocean'), [], new Set(), 2, 2);
    assert.equal(page.total, 4);
    assert.deepEqual(ids(page), ['p4', 'p2']);
    assert.deepEqual(ids(index.search(words('ocean'), [], new Set(), 4, 2)), []);
  });

  it('merges extra entries (drafts, changes) into the order and hides replaced ones', () => {
    const index = new GraphTextIndex([...entries]);
    const draft = entry('d1', 'Ocean draft', null);
    const renamed = entry('p1', 'Renamed', 3);
    const found = index.search(words('ocean'), [draft, renamed], new Set(['p1']), 0, 10);
    assert.deepEqual(ids(found), ['p3', 'p4', 'd1', 'p2']);
    assert.equal(found.total, 4);
  });
});
