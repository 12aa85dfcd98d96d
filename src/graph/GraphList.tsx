import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { toList } from './graphElements';
import { kindLabel, relationLabel } from './labels';
import type { Neighbourhood } from './types';

/**
 * The graph view's list alternative: every node of the drawing with its
 * links, as text a screen reader (or anyone) can read; each item opens like
 * a tap on its node.
 */
export function GraphList(props: { hood: Neighbourhood; trans: TranslationBundle; onOpenId: (id: string) => void }): JSX.Element {
  const { hood, trans, onOpenId } = props;
  return (
    <section className="jp-LeapGraph-graphList" aria-labelledby="jp-LeapGraph-graphList-heading">
      <h3 id="jp-LeapGraph-graphList-heading" className="jp-LeapGraph-groupTitle">
        {trans.__('The same items and links as a list')}
      </h3>
      <ul>
        {toList(hood).map(({ node, links }) => (
          <li key={node.id} data-node-id={node.id} data-links={links.length}>
            <button type="button" className="jp-LeapGraph-listItem" onClick={() => onOpenId(node.id)}>
              <span className={`jp-LeapGraph-kind jp-LeapGraph-kind-${node.kind}`}>{kindLabel(node.kind, trans)}</span>
              <span className="jp-LeapGraph-cardTitle">{node.title}</span>
              {node.id === hood.root && <span className="jp-LeapGraph-muted">{trans.__('(this item)')}</span>}
            </button>
            {links.length > 0 && (
              <ul className="jp-LeapGraph-listLinks">
                {links.map((link, i) => (
                  <li key={i}>
                    {trans.__('%1: %2', relationLabel(link.relation, link.direction, trans), link.other.title)}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
