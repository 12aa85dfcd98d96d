import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphList } from '../GraphList';
import { shownEdgeCount, toElements, toList } from '../graphElements';
import type { Neighbourhood } from '../types';

const trans = nullTranslator.load('jupyterlab_leap');
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function node(id: string, title: string, hops: number, kind: Neighbourhood['nodes'][number]['kind'] = 'Dataset') {
  return { id, title, kind, hops, status: 'published', version: null, doi: null } as unknown as Neighbourhood['nodes'][number];
}

const HOOD: Neighbourhood = {
  root: 'n:paper',
  depth: 2,
  truncated: false,
  nodes: [node('n:sst', 'SST', 1), node('n:paper', 'Heat paper', 0, 'Paper'), node('n:ada', 'Ada', 1, 'Person'), node('n:far', 'Argo', 2)],
  edges: [
    { source: 'n:paper', relation: 'References', target: 'n:sst', position: 0 },
    { source: 'n:paper', relation: 'Creator', target: 'n:ada', position: 0 },
    { source: 'n:sst', relation: 'IsDerivedFrom', target: 'n:far', position: 0 },
    // an end outside the returned nodes: not drawn, not listed
    { source: 'n:paper', relation: 'Cites', target: 'n:gone', position: 0 }
  ]
};

describe('the graph view\'s list alternative', () => {
  it('lists the nodes and edges the drawing has: root first, then by distance and title', () => {
    const list = toList(HOOD);
    const drawn = toElements(HOOD);
    expect(list.map(i => i.node.id)).toEqual(['n:paper', 'n:ada', 'n:sst', 'n:far']);
    expect(new Set(list.map(i => i.node.id))).toEqual(new Set(drawn.nodes.map((n: any) => n.data.id)));
    expect(shownEdgeCount(HOOD)).toBe(drawn.edges.length);
    expect(shownEdgeCount(HOOD)).toBe(3);
    // every drawn edge at both its ends
    expect(list.reduce((sum, i) => sum + i.links.length, 0)).toBe(2 * drawn.edges.length);
    expect(list[2].links).toEqual([
      { relation: 'References', direction: 'in', other: HOOD.nodes[1] },
      { relation: 'IsDerivedFrom', direction: 'out', other: HOOD.nodes[3] }
    ]);
  });

  it('renders each item as a button that opens it, with its links read from that item', () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const opened: string[] = [];
    const root = createRoot(host);
    act(() => root.render(<GraphList hood={HOOD} trans={trans} onOpenId={id => opened.push(id)} />));
    const items = Array.from(host.querySelectorAll<HTMLLIElement>('section > ul > li'));
    expect(items.map(li => li.dataset.nodeId)).toEqual(['n:paper', 'n:ada', 'n:sst', 'n:far']);
    expect(items[0].querySelector('button')!.textContent).toBe('PaperHeat paper(this item)');
    expect(Array.from(items[2].querySelectorAll('ul li')).map(li => li.textContent)).toEqual([
      'Is referenced by: Heat paper',
      'Is derived from: Argo'
    ]);
    act(() => items[3].querySelector('button')!.click());
    expect(opened).toEqual(['n:far']);
    act(() => root.unmount());
    host.remove();
  });
});
