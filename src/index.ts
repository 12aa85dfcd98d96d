import type { JupyterFrontEndPlugin } from '@jupyterlab/application';
import { aboutPlugin } from './about/plugin';
import { apiPlugin } from './api/plugin';
import { catalogPlugin } from './catalog/plugin';
import { costsPlugin } from './costs/plugin';
import { graphPlugin } from './graph/plugin';
import { notificationsPlugin } from './status/notificationsPlugin';
import { requestsPlugin } from './requests/plugin';
import { statusPlugin } from './status/plugin';
import { tutorialsPlugin } from './tutorials/plugin';

export * from './tokens';

/**
 * The plugins of jupyterlab-leap; each part adds its own here.
 */
const plugins: JupyterFrontEndPlugin<any>[] = [
  apiPlugin,
  statusPlugin,
  notificationsPlugin,
  aboutPlugin,
  catalogPlugin,
  costsPlugin,
  graphPlugin,
  tutorialsPlugin,
  requestsPlugin
];

export default plugins;
