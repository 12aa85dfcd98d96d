import { JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget } from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';
import { CommandIDs, ILeapApiClient, ILeapServiceStatus, LEAP_CATEGORY } from '../tokens';
import { RequestNotifier } from './notifier';
import type { RequestsWidget } from './widget';

/**
 * Dataset requests: "Request a dataset" (the LEAP New Dataset form) and the
 * requests view (the caller's own; the data team's queue), both in the main
 * area and loaded on first use; at start only this shell and the notifier,
 * which tells the requester about status changes.
 */
export const requestsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-leap:requests',
  description: 'Dataset requests: ask the data team for a dataset, follow its status, triage the queue.',
  autoStart: true,
  requires: [ILeapApiClient, ILeapServiceStatus],
  optional: [ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    client: ILeapApiClient,
    status: ILeapServiceStatus,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const lang = translator ?? nullTranslator;
    const trans = lang.load('jupyterlab_leap');
    let form: MainAreaWidget | null = null;
    let list: RequestsWidget | null = null;

    const place = (widget: Widget) => {
      if (!widget.isAttached) {
        app.shell.add(widget, 'main');
      }
      app.shell.activateById(widget.id);
    };
    const openList = async (requestId: number | null) => {
      if (list === null || list.isDisposed) {
        const { createRequestsWidget } = await import(/* webpackChunkName: "leap-requests" */ './widget');
        list = createRequestsWidget({ client, translator: lang, requestDataset: () => void app.commands.execute(CommandIDs.requestDataset) });
      }
      place(list);
      list.showRequest(requestId);
      return list;
    };

    app.commands.addCommand(CommandIDs.requestDataset, {
      label: args => (args.isPalette ? trans.__('LEAP: Request a dataset') : trans.__('Request a Dataset…')),
      caption: trans.__('Ask the LEAP data team to add a dataset to the Data Library'),
      execute: async () => {
        if (form === null || form.isDisposed) {
          const { createRequestFormWidget } = await import(/* webpackChunkName: "leap-requests" */ './widget');
          form = createRequestFormWidget({ client, translator: lang, submitted: id => void openList(id) });
        }
        place(form);
        return form;
      }
    });
    app.commands.addCommand(CommandIDs.openDatasetRequests, {
      label: args => (args.isPalette ? trans.__('LEAP: Open dataset requests') : trans.__('Dataset Requests')),
      caption: trans.__('Your dataset requests and their status; the data team triages every request here'),
      execute: args => openList(typeof args.requestId === 'number' ? args.requestId : null)
    });
    palette?.addItem({ command: CommandIDs.requestDataset, category: LEAP_CATEGORY, args: { isPalette: true } });
    palette?.addItem({ command: CommandIDs.openDatasetRequests, category: LEAP_CATEGORY, args: { isPalette: true } });

    const notifier = new RequestNotifier({ client, trans, open: requestId => void openList(requestId) });
    // the first ask once the layout is restored and the service answers (the local one may be starting)
    void app.restored.then(() => {
      if (status.state === 'online') {
        notifier.start();
      } else {
        const online = (_: ILeapServiceStatus, change: ILeapServiceStatus.IStateChange) => {
          if (change.current === 'online') {
            status.stateChanged.disconnect(online);
            notifier.start();
          }
        };
        status.stateChanged.connect(online);
      }
    });
  }
};
