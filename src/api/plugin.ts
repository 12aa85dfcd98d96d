import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ILeapApiClient } from '../tokens';
import { LeapApiClient } from './client';

/**
 * Provides the one LEAP API client, bound to the application's server settings.
 */
export const apiPlugin: JupyterFrontEndPlugin<LeapApiClient> = {
  id: 'jupyterlab-leap:api',
  description: 'The typed client of the LEAP gateway and service API.',
  autoStart: true,
  provides: ILeapApiClient,
  activate: (app: JupyterFrontEnd): LeapApiClient =>
    new LeapApiClient({ serverSettings: app.serviceManager.serverSettings })
};
