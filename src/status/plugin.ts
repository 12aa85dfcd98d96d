import type {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  CommandIDs,
  ILeapApiClient,
  ILeapServiceStatus,
  LEAP_CATEGORY
} from '../tokens';
import { LeapServiceStatus } from './model';

const PLUGIN_ID = 'jupyterlab-leap:status';

/**
 * Defaults of schema/status.json, in seconds.
 */
const DEFAULTS = { pollInterval: 4, maxBackoff: 30 };

/**
 * Provides the LEAP service status, polled with the intervals in the settings,
 * and the command that checks the service now.
 */
export const statusPlugin: JupyterFrontEndPlugin<ILeapServiceStatus> = {
  id: PLUGIN_ID,
  description: 'Watches whether the LEAP service answers; panels show its state.',
  autoStart: true,
  requires: [ILeapApiClient],
  optional: [ISettingRegistry, ITranslator, ICommandPalette],
  provides: ILeapServiceStatus,
  activate: (
    app: JupyterFrontEnd,
    client: ILeapApiClient,
    registry: ISettingRegistry | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): ILeapServiceStatus => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_leap');
    const status = new LeapServiceStatus({
      client,
      auto: false,
      ...Private.frequency(DEFAULTS.pollInterval, DEFAULTS.maxBackoff)
    });
    // the first check waits for the layout, so it costs nothing at start-up
    void app.restored.then(() => status.start());

    app.commands.addCommand(CommandIDs.checkService, {
      label: trans.__('Check LEAP Service Now'),
      caption: trans.__(
        'Ask the LEAP service whether it answers, without waiting for the next check'
      ),
      execute: () => status.refresh()
    });
    palette?.addItem({
      command: CommandIDs.checkService,
      category: LEAP_CATEGORY
    });

    if (registry) {
      registry
        .load(PLUGIN_ID)
        .then(settings => {
          const apply = (): void => {
            status.configure(
              Private.frequency(
                settings.get('pollInterval').composite as number,
                settings.get('maxBackoff').composite as number
              )
            );
          };
          apply();
          settings.changed.connect(apply);
        })
        .catch(reason => {
          console.warn(`${PLUGIN_ID}: settings not loaded, using defaults`, reason);
        });
    }
    return status;
  }
};

namespace Private {
  /**
   * Poll frequency in milliseconds from settings in seconds.
   */
  export function frequency(
    pollInterval: number,
    maxBackoff: number
  ): LeapServiceStatus.IFrequencyOptions {
    return { interval: pollInterval * 1000, maxInterval: maxBackoff * 1000 };
  }
}
