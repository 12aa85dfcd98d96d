import { LabIcon } from '@jupyterlab/ui-components';

/**
 * The Data Library icon: a stack of data cylinders with a magnifier, themed
 * through jp-icon3 (like JupyterLab's own sidebar icons).
 */
export const dataLibraryIcon = new LabIcon({
  name: 'jupyterlab-leap:data-library',
  svgstr: `<svg xmlns="http://www.w3.org/2000/svg" width="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M10 2C5.6 2 2 3.3 2 5v11c0 1.7 3.6 3 8 3 .5 0 1 0 1.5-.1a6.4 6.4 0 0 1-.9-2H10c-3.9 0-6-1.1-6-1.5v-2.3c1.5.8 3.7 1.2 6 1.2h.3c.1-.7.3-1.4.7-2H10c-3.9 0-6-1.1-6-1.5V7.5C5.5 8.4 7.7 8.8 10 8.8s4.5-.4 6-1.3v2.7c.7.1 1.4.3 2 .6V5c0-1.7-3.6-3-8-3zm0 5c-3.9 0-6-1.1-6-2s2.1-2 6-2 6 1.1 6 2-2.1 2-6 2z"/>
    <path d="M17 11.5a4.5 4.5 0 0 0-3.8 6.9l-2.6 2.6 1.4 1.4 2.6-2.6A4.5 4.5 0 1 0 17 11.5zm0 7a2.5 2.5 0 1 1 0-5 2.5 2.5 0 0 1 0 5z"/>
  </g>
</svg>`
});
