import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  MainAreaWidget,
  WidgetTracker
} from '@jupyterlab/apputils';
import { ILauncher } from '@jupyterlab/launcher';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { leapIcon } from '../icons';
import {
  CommandIDs,
  ILeapApiClient,
  ILeapServiceStatus,
  LEAP_CATEGORY
} from '../tokens';

/**
 * The About / status view, opened with `leap:open-about` from the LEAP menu,
 * the launcher or the palette. Its React code loads on first open.
 */
export const aboutPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-leap:about',
  description: 'About / status: who I am, the mode, the service and gateway health.',
  autoStart: true,
  requires: [ILeapApiClient, ILeapServiceStatus],
  optional: [ITranslator, ICommandPalette, ILauncher, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    client: ILeapApiClient,
    status: ILeapServiceStatus,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    launcher: ILauncher | null,
    restorer: ILayoutRestorer | null
  ): void => {
    const lang = translator ?? nullTranslator;
    const trans = lang.load('jupyterlab_leap');
    const tracker = new WidgetTracker<MainAreaWidget>({ namespace: 'leap-about' });
    let opening: Promise<MainAreaWidget> | null = null;

    const open = async (): Promise<MainAreaWidget> => {
      const current = tracker.currentWidget;
      if (current) {
        app.shell.activateById(current.id);
        return current;
      }
      const { createAboutWidget } = await import(
        /* webpackChunkName: "leap-about" */ './widget'
      );
      const widget = createAboutWidget({ client, status, translator: lang });
      void tracker.add(widget);
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
      return widget;
    };

    app.commands.addCommand(CommandIDs.openAbout, {
      label: args =>
        args.isPalette
          ? trans.__('LEAP: About / status')
          : trans.__('About / status'),
      caption: trans.__('Who you are, the mode, and the health of the LEAP service'),
      icon: args => (args.isPalette ? undefined : leapIcon),
      execute: () => {
        // one view, even when the command runs again while its code loads
        opening ??= open().finally(() => {
          opening = null;
        });
        return opening;
      }
    });

    palette?.addItem({
      command: CommandIDs.openAbout,
      category: LEAP_CATEGORY,
      args: { isPalette: true }
    });
    launcher?.add({ command: CommandIDs.openAbout, category: LEAP_CATEGORY, rank: 0 });
    if (restorer) {
      void restorer.restore(tracker, {
        command: CommandIDs.openAbout,
        name: () => 'leap-about'
      });
    }
  }
};
