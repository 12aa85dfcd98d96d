import type { Neighbourhood } from './types';

/** Cytoscape elements of a neighbourhood: nodes labelled with their title (drawn on canvas: inert text). */
export function toElements(hood: Neighbourhood): { nodes: object[]; edges: object[] } {
  const ids = new Set(hood.nodes.map(n => n.id));
  const label = (text: string) => (text.length > 40 ? `${text.slice(0, 39)}…` : text);
  return {
    nodes: hood.nodes.map(n => ({
      data: { id: n.id, label: label(n.title), kind: n.kind, hops: n.hops, root: n.id === hood.root ? 1 : 0 }
    })),
    edges: hood.edges
      .filter(e => ids.has(e.source) && ids.has(e.target))
      .map((e, i) => ({ data: { id: `e${i}`, source: e.source, target: e.target, relation: e.relation } }))
  };
}
