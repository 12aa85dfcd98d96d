import { LabIcon } from '@jupyterlab/ui-components';

/** The Knowledge Graph icon: linked nodes, themed through jp-icon3. */
export const knowledgeGraphIcon = new LabIcon({
  name: 'jupyterlab-leap:knowledge-graph',
  svgstr: `<svg xmlns="http://www.w3.org/2000/svg" width="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M6 3a3 3 0 0 0-.9 5.86l1.3 5.2a3 3 0 1 0 3.7 3.44h4.8a3 3 0 1 0 3.32-3.46l-1.1-4.4A3 3 0 1 0 13.2 7H8.94A3 3 0 0 0 6 3zm2.86 6h4.34a3 3 0 0 0 1.98 1.16l1.1 4.4a3 3 0 0 0-1.37 1.94H10.1a3 3 0 0 0-1.76-2.06l-1.3-5.2c.75-.27 1.37-.82 1.72-1.5z"/>
  </g>
</svg>`
});
