import { LabIcon } from '@jupyterlab/ui-components';
import leapSvgstr from '../style/icons/leap.svg';

/**
 * The LEAP icon (a leap over a wave), themed through `jp-icon3`.
 */
export const leapIcon = new LabIcon({
  name: 'jupyterlab-leap:leap',
  svgstr: leapSvgstr
});
