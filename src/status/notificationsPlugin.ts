import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { ILeapServiceStatus } from '../tokens';
import { ServiceNotifier } from './notifier';

/**
 * Notifies the user once when the LEAP service stops answering after having
 * answered, and once when it is back.
 */
export const notificationsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-leap:notifications',
  description: 'Notifies when the LEAP service goes offline and comes back.',
  autoStart: true,
  requires: [ILeapServiceStatus],
  optional: [ITranslator],
  activate: (
    _: JupyterFrontEnd,
    status: ILeapServiceStatus,
    translator: ITranslator | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_leap');
    // lives as long as the application, like the status it listens to
    new ServiceNotifier({ status, trans });
  }
};
