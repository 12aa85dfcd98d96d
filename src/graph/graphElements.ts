import type { Edge, Neighbourhood, Node } from './types';

type HoodNode = Neighbourhood['nodes'][number];

/** The edges drawn: those whose two ends are both in the neighbourhood. */
function shownEdges(hood: Neighbourhood): Edge[] {
  const ids = new Set(hood.nodes.map(n => n.id));
  return hood.edges.filter(e => ids.has(e.source) && ids.has(e.target));
}

/** Cytoscape elements of a neighbourhood: nodes labelled with their title (drawn on canvas: inert text). */
export function toElements(hood: Neighbourhood): { nodes: object[]; edges: object[] } {
  const label = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
  return {
    nodes: hood.nodes.map(n => ({
      data: { id: n.id, label: label(n.title), kind: n.kind, hops: n.hops, root: n.id === hood.root ? 1 : 0 }
    })),
    edges: shownEdges(hood).map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, relation: e.relation } }))
  };
}

/** One item of the list alternative: the node and its links, each with the node at the other end. */
export interface IListedNode {
  node: HoodNode;
  links: Array<{ relation: Edge['relation']; direction: 'out' | 'in'; other: Pick<Node, 'id' | 'title'> }>;
}

/**
 * The same nodes and edges as the drawing, as a list (issue 12: a screen
 * reader's view of the graph): the root first, then by distance and title;
 * every edge listed at both its ends.
 */
export function toList(hood: Neighbourhood): IListedNode[] {
  const byId = new Map(hood.nodes.map(n => [n.id, n]));
  const items = new Map<string, IListedNode>(hood.nodes.map(n => [n.id, { node: n, links: [] }]));
  for (const e of shownEdges(hood)) {
    items.get(e.source)!.links.push({ relation: e.relation, direction: 'out', other: byId.get(e.target)! });
    items.get(e.target)!.links.push({ relation: e.relation, direction: 'in', other: byId.get(e.source)! });
  }
  const rank = (n: HoodNode) => (n.id === hood.root ? -1 : n.hops);
  return [...items.values()].sort((a, b) => rank(a.node) - rank(b.node) || a.node.title.localeCompare(b.node.title));
}

/** How many links the drawing shows. */
export function shownEdgeCount(hood: Neighbourhood): number {
  return shownEdges(hood).length;
}
