import { LabIcon } from '@jupyterlab/ui-components';

/**
 * The cost meter icon: a gauge with its needle, themed through jp-icon3.
 */
export const costIcon = new LabIcon({
  name: 'jupyterlab-leap:costs',
  svgstr: `<svg xmlns="http://www.w3.org/2000/svg" width="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 4a10 10 0 0 0-10 10c0 2.2.7 4.2 1.9 5.9l.3.4h15.6l.3-.4A10 10 0 0 0 12 4zm6.8 14.3H5.2A8 8 0 0 1 4 14a8 8 0 0 1 16 0c0 1.5-.4 3-1.2 4.3z"/>
    <path d="M15.9 8.7l-4.5 4.1a1.8 1.8 0 1 0 2.5 2.5l3.4-5.2z"/>
  </g>
</svg>`
});
