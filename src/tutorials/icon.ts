import { LabIcon } from '@jupyterlab/ui-components';

/**
 * The Tutorials icon: a mortarboard with a check mark, themed through jp-icon3.
 */
export const tutorialsIcon = new LabIcon({
  name: 'jupyterlab-leap:tutorials',
  svgstr: `<svg xmlns="http://www.w3.org/2000/svg" width="16" viewBox="0 0 24 24">
  <g class="jp-icon3" fill="#616161">
    <path d="M12 3 1 9l11 6 9-4.9V17h2V9L12 3zm0 9.7L5.2 9 12 5.3 18.8 9 12 12.7z"/>
    <path d="M5 13.2v3.3c0 .4.2.8.6 1L12 21l2.2-1.2-1.4-1.4-.8.4-5-2.7v-1.8L5 13.2z"/>
    <path d="m22.3 15.3-4.8 4.8-2.3-2.3-1.4 1.4 3.7 3.7 6.2-6.2-1.4-1.4z"/>
  </g>
</svg>`
});
