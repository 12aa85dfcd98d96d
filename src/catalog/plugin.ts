import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import {
  CommandIDs,
  ILeapApiClient,
  ILeapServiceStatus,
  LEAP_CATEGORY
} from '../tokens';
import { LazyPanel } from '../components/LazyPanel';
import { dataLibraryIcon } from './icon';
import type { DataLibraryWidget, IDataLibraryOptions } from './widget';

export const DATA_LIBRARY_ID = 'jp-leap-data-library';

/**
 * The Data Library: a left-sidebar panel that searches the LEAP catalog.
 * Only this small shell loads at start; the React view loads on first show.
 */
export const catalogPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-leap:catalog',
  description: 'Data Library: search the LEAP data catalog, read a dataset, open it in a notebook.',
  autoStart: true,
  requires: [ILeapApiClient, ILeapServiceStatus],
  optional: [ITranslator, ICommandPalette, ILauncher, ILayoutRestorer, INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    client: ILeapApiClient,
    status: ILeapServiceStatus,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    restorer: ILayoutRestorer | null,
    notebooks: INotebookTracker | null
  ): void => {
    const lang = translator ?? nullTranslator;
    const trans = lang.load('jupyterlab_leap');
    const panel = new DataLibraryPanel({
      client,
      status,
      translator: lang,
      notebooks,
      commands: app.commands,
      activate: id => app.shell.activateById(id),
      defaultKernel: () => app.serviceManager?.kernelspecs?.specs?.default ?? undefined
    });
    panel.id = DATA_LIBRARY_ID;
    panel.title.icon = dataLibraryIcon;
    panel.title.caption = trans.__('Data Library: search the LEAP data catalog');
    app.shell.add(panel, 'left', { rank: 300 });
    restorer?.add(panel, 'leap-data-library');

    const show = async (): Promise<DataLibraryWidget> => {
      app.shell.activateById(panel.id);
      return panel.load();
    };

    app.commands.addCommand(CommandIDs.openDataLibrary, {
      label: args =>
        args.isPalette ? trans.__('LEAP: Open the Data Library') : trans.__('Data Library'),
      caption: trans.__('Search the LEAP data catalog and open a dataset in a notebook'),
      icon: args => (args.isPalette ? undefined : dataLibraryIcon),
      execute: async () => {
        await show();
        return panel;
      }
    });
    app.commands.addCommand(CommandIDs.searchData, {
      label: args =>
        args.isPalette ? trans.__('LEAP: Search data') : trans.__('Search Data…'),
      caption: trans.__('Open the Data Library with the cursor in its search box'),
      execute: async args => {
        const view = await show();
        view.focusSearch(typeof args.query === 'string' ? args.query : undefined);
        return panel;
      }
    });

    palette?.addItem({ command: CommandIDs.openDataLibrary, category: LEAP_CATEGORY, args: { isPalette: true } });
    palette?.addItem({ command: CommandIDs.searchData, category: LEAP_CATEGORY, args: { isPalette: true } });
    launcher?.add({ command: CommandIDs.openDataLibrary, category: LEAP_CATEGORY, rank: 1 });
  }
};

/**
 * The sidebar panel; its content (the React view) is created on first show.
 */
export class DataLibraryPanel extends LazyPanel<DataLibraryWidget> {
  constructor(options: IDataLibraryOptions) {
    super('jp-LeapDataLibrary', 'Data Library', () =>
      import(/* webpackChunkName: "leap-catalog" */ './widget').then(({ createDataLibraryWidget }) =>
        createDataLibraryWidget(options)
      )
    );
  }
}
