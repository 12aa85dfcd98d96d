import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, MainAreaWidget, WidgetTracker } from '@jupyterlab/apputils';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { intlLocale } from '../components/format';
import { CommandIDs, ILeapApiClient, ILeapServiceStatus, LEAP_CATEGORY } from '../tokens';
import { LazyPanel } from '../components/LazyPanel';
import { costIcon } from './icon';
import { CostMeter } from './model';
import { CostStatusItem } from './statusItem';
import type { CostPanelWidget, ICostViewOptions } from './panelWidget';

export const COSTS_PANEL_ID = 'jp-leap-costs';

/**
 * The cost meter: a status-bar item (rate now, month to date) that opens a
 * side panel, notifications when a budget threshold is crossed, and the
 * admins' report in the main area. Only this shell, the status item and the
 * notifier load at start; the panel and the report load on first open.
 */
export const costsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-leap:costs',
  description: 'Cost meter: what my server, Dask clusters and storage cost now and this month, against budgets.',
  autoStart: true,
  requires: [ILeapApiClient, ILeapServiceStatus],
  optional: [ITranslator, ICommandPalette, IStatusBar, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    client: ILeapApiClient,
    status: ILeapServiceStatus,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    statusBar: IStatusBar | null,
    restorer: ILayoutRestorer | null
  ): void => {
    const lang = translator ?? nullTranslator;
    const trans = lang.load('jupyterlab_leap');
    const locale = intlLocale(lang.languageCode);
    const meter = new CostMeter({ client, auto: false });
    // the first ask waits for the layout, so it costs nothing at start-up
    void app.restored.then(() => meter.start());
    // ask again as soon as the service answers (e.g. after the local service started)
    status.stateChanged.connect((_, { current }) => {
      if (current === 'online') {
        void meter.refresh();
      }
    });

    const options: ICostViewOptions = {
      client,
      status,
      meter,
      translator: lang,
      openReport: () => void app.commands.execute(CommandIDs.openCostReport)
    };
    const panel = new CostsPanel(options);
    panel.id = COSTS_PANEL_ID;
    panel.title.icon = costIcon;
    panel.title.caption = trans.__('Cost meter: what you spend now and this month');
    app.shell.add(panel, 'right', { rank: 900 });
    restorer?.add(panel, 'leap-costs');

    const openPanel = async (): Promise<CostPanelWidget> => {
      app.shell.activateById(panel.id);
      return panel.load();
    };
    app.commands.addCommand(CommandIDs.openCosts, {
      label: args => (args.isPalette ? trans.__('LEAP: Open the cost meter') : trans.__('Cost Meter')),
      caption: trans.__('What your server, Dask clusters and storage cost now and this month'),
      icon: args => (args.isPalette ? undefined : costIcon),
      execute: async () => {
        await openPanel();
        return panel;
      }
    });

    const reports = new WidgetTracker<MainAreaWidget>({ namespace: 'leap-cost-report' });
    let opening: Promise<MainAreaWidget> | null = null;
    const openReport = async (): Promise<MainAreaWidget> => {
      const current = reports.currentWidget;
      if (current) {
        app.shell.activateById(current.id);
        return current;
      }
      const { createCostReportWidget } = await import(/* webpackChunkName: "leap-cost-report" */ './reportWidget');
      const widget = createCostReportWidget(options);
      void reports.add(widget);
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
      return widget;
    };
    app.commands.addCommand(CommandIDs.openCostReport, {
      label: args => (args.isPalette ? trans.__('LEAP: Open the cost report (admins)') : trans.__('Cost Report (admins)')),
      caption: trans.__('Costs per user, group or resource, budgets, CSV export'),
      execute: () => {
        opening ??= openReport().finally(() => {
          opening = null;
        });
        return opening;
      }
    });

    palette?.addItem({ command: CommandIDs.openCosts, category: LEAP_CATEGORY, args: { isPalette: true } });
    palette?.addItem({ command: CommandIDs.openCostReport, category: LEAP_CATEGORY, args: { isPalette: true } });

    statusBar?.registerStatusItem('jupyterlab-leap:costs', {
      item: new CostStatusItem({ meter, trans, locale, status, open: () => void openPanel() }),
      align: 'left',
      rank: 900
    });
    // the threshold notifier loads with the first summary, off the start-up path; it lives as
    // long as the application, like the meter it listens to
    const loadNotifier = (): void => {
      meter.changed.disconnect(loadNotifier);
      void import(/* webpackChunkName: "leap-cost-alerts" */ './notifier').then(({ CostThresholdNotifier }) =>
        new CostThresholdNotifier({ meter, client, trans, locale, open: () => void openPanel() }).check()
      );
    };
    meter.changed.connect(loadNotifier);
  }
};

/**
 * The right-sidebar panel; its React view is created on first show.
 */
export class CostsPanel extends LazyPanel<CostPanelWidget> {
  constructor(options: ICostViewOptions) {
    super('jp-LeapCosts', 'Cost meter', () =>
      import(/* webpackChunkName: "leap-costs" */ './panelWidget').then(({ createCostPanelWidget }) =>
        createCostPanelWidget(options)
      )
    );
  }
}
