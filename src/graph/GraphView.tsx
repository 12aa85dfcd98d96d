import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useEffect, useRef, useState } from 'react';
import type { GraphApi } from './api';
import { GraphList } from './GraphList';
import { shownEdgeCount, toElements } from './graphElements';
import { kindLabel } from './labels';
import { ErrorBox } from './NodeCard';
import type { NodeKind } from './types';
import { useRequest } from './useRequest';

/** Colours of the node kinds: JupyterLab theme variables, read when drawing. */
const KIND_COLOURS: Record<string, string> = {
  Dataset: '--jp-brand-color1',
  Paper: '--jp-warn-color1',
  ProjectCode: '--jp-success-color1',
  TrainedModel: '--jp-error-color1',
  EducationalModule: '--jp-info-color1',
  Person: '--jp-inverse-layout-color4',
  Project: '--jp-inverse-layout-color2'
};

/**
 * The 2-hop neighbourhood of a node drawn with cytoscape, which loads only
 * here (its own chunk). Tap a node to open it. The same nodes and links
 * follow as a list, for screen readers and keyboards.
 */
export function GraphView(props: { api: GraphApi; trans: TranslationBundle; id: string; onOpenId: (id: string) => void }): JSX.Element {
  const { api, trans, id, onOpenId } = props;
  const { value, error, reload } = useRequest(() => api.neighbourhood(id, 2, 300), id);
  const box = useRef<HTMLDivElement>(null);
  const [drawError, setDrawError] = useState<string | null>(null);
  // the canvas takes its colours from the theme when drawn: drawn again when the theme changes
  const [theme, setTheme] = useState(document.body.dataset.jpThemeName);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(document.body.dataset.jpThemeName));
    observer.observe(document.body, { attributes: true, attributeFilter: ['data-jp-theme-name'] });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!value || !box.current) {
      return;
    }
    let disposed = false;
    let cy: { destroy(): void } | null = null;
    void import(/* webpackChunkName: "leap-cytoscape" */ 'cytoscape').then(
      ({ default: cytoscape }) => {
        if (disposed || !box.current) {
          return;
        }
        const css = getComputedStyle(box.current);
        // a variable the theme lacks draws in the panel's text colour
        const v = (name: string) => css.getPropertyValue(name).trim() || css.color;
        const { nodes, edges } = toElements(value);
        const instance = cytoscape({
          container: box.current,
          elements: { nodes: nodes as any, edges: edges as any },
          layout: { name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true } as any,
          style: [
            {
              selector: 'node',
              style: {
                label: 'data(label)',
                'font-size': 9,
                color: v('--jp-ui-font-color1'),
                'text-valign': 'bottom',
                'text-margin-y': 3,
                'text-wrap': 'ellipsis',
                'text-max-width': '120px',
                width: 14,
                height: 14,
                'background-color': v('--jp-ui-font-color2')
              }
            },
            ...Object.entries(KIND_COLOURS).map(([kind, colour]) => ({
              selector: `node[kind = "${kind}"]`,
              style: { 'background-color': v(colour) }
            })),
            { selector: 'node[root = 1]', style: { width: 22, height: 22, 'border-width': 2, 'border-color': v('--jp-ui-font-color0') } },
            {
              selector: 'edge',
              style: {
                width: 1,
                'line-color': v('--jp-border-color1'),
                'target-arrow-color': v('--jp-border-color1'),
                'target-arrow-shape': 'triangle',
                'curve-style': 'bezier',
                label: 'data(relation)',
                'font-size': 7,
                color: v('--jp-ui-font-color2'),
                'text-rotation': 'autorotate'
              }
            }
          ]
        });
        instance.on('tap', 'node', event => onOpenId(event.target.id()));
        cy = instance;
      },
      reason => setDrawError(String(reason?.message ?? reason))
    );
    return () => {
      disposed = true;
      cy?.destroy();
    };
  }, [value, theme]);

  if (error || drawError) {
    return <ErrorBox trans={trans} message={trans.__('The graph could not be drawn.')} detail={error?.message ?? drawError ?? ''} onRetry={reload} />;
  }
  return (
    <div className="jp-LeapGraph-graphView">
      <div className="jp-LeapGraph-muted" role="status" aria-live="polite">
        {value
          ? trans.__('%1 items, %2 links within two steps%3', value.nodes.length, shownEdgeCount(value), value.truncated ? trans.__(' (the nearest shown)') : '')
          : trans.__('Loading the neighbourhood…')}
      </div>
      <div
        ref={box}
        className="jp-LeapGraph-canvas"
        role="img"
        aria-label={trans.__('Graph of the items linked to this one; tap a node to open it. The list below has the same items and links.')}
      />
      {value && (
        <ul className="jp-LeapGraph-legend" aria-label={trans.__('Legend')}>
          {Object.entries(KIND_COLOURS).map(([kind, colour]) => (
            <li key={kind}>
              <span className="jp-LeapGraph-swatch" style={{ background: `var(${colour})` }} />
              {kindLabel(kind as NodeKind, trans)}
            </li>
          ))}
        </ul>
      )}
      {value && <GraphList hood={value} trans={trans} onOpenId={onOpenId} />}
    </div>
  );
}
