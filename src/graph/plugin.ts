import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { LeapApiClient } from '../api';
import { CommandIDs, ILeapApiClient, ILeapServiceStatus, LEAP_CATEGORY } from '../tokens';
import { LazyPanel } from '../components/LazyPanel';
import { knowledgeGraphIcon } from './icon';
import { registerOutsideCommands } from './outside-commands';
import type { GraphWidget, IGraphWidgetOptions } from './widget';

export const KNOWLEDGE_GRAPH_ID = 'jp-leap-knowledge-graph';

/**
 * The knowledge graph: a left-sidebar panel (search, node detail, graph
 * view, profiles) and "Publish to Knowledge Graph" for a notebook, from the
 * palette, the notebook toolbar and the file browser's context menu
 * (placed by schema/graph.json). Only this shell loads at start.
 */
export const graphPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-leap:graph',
  description: 'Knowledge Graph: publish notebooks as records linked to datasets and people; browse and export them.',
  autoStart: true,
  requires: [ILeapApiClient, ILeapServiceStatus],
  optional: [ITranslator, ICommandPalette, ILayoutRestorer, INotebookTracker, IDefaultFileBrowser],
  activate: (
    app: JupyterFrontEnd,
    client: ILeapApiClient,
    status: ILeapServiceStatus,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    notebooks: INotebookTracker | null,
    browser: IDefaultFileBrowser | null
  ): void => {
    const lang = translator ?? nullTranslator;
    const trans = lang.load('jupyterlab_leap');
    const panel = new KnowledgeGraphPanel({
      client,
      translator: lang,
      status,
      onAdd: source => void app.commands.execute(source === 'github' ? CommandIDs.addFromGitHub : CommandIDs.addByDoi)
    });
    panel.id = KNOWLEDGE_GRAPH_ID;
    panel.title.icon = knowledgeGraphIcon;
    panel.title.caption = trans.__('Knowledge Graph: published notebooks, papers, datasets and people');
    app.shell.add(panel, 'left', { rank: 320 });
    restorer?.add(panel, 'leap-knowledge-graph');

    const show = async (): Promise<GraphWidget> => {
      app.shell.activateById(panel.id);
      return panel.load();
    };

    app.commands.addCommand(CommandIDs.openKnowledgeGraph, {
      label: args => (args.isPalette ? trans.__('LEAP: Open the Knowledge Graph') : trans.__('Knowledge Graph')),
      caption: trans.__('Search the LEAP knowledge graph; with a node id, open that node'),
      icon: args => (args.isPalette ? undefined : knowledgeGraphIcon),
      execute: async args => {
        const view = await show();
        if (typeof args.node === 'string' && args.node) {
          view.navigate({ view: 'node', id: args.node });
        }
        return panel;
      }
    });
    app.commands.addCommand(CommandIDs.openPerson, {
      label: args => (args.isPalette ? trans.__('LEAP: Open my Knowledge Graph profile') : trans.__('Person profile')),
      caption: trans.__('Show a person and their published outputs (yours without an id)'),
      execute: async args => {
        const view = await show();
        view.navigate({ view: 'person', id: typeof args.id === 'string' && args.id ? args.id : 'me' });
        return panel;
      }
    });

    /** The notebook to publish: the given path, the file browser's selection, or the current notebook. */
    const target = (args: Record<string, unknown>): { path: string; panel: NotebookPanel | null } | null => {
      let path: string | null = typeof args.path === 'string' ? args.path : null;
      if (!path && args.source === 'filebrowser' && browser) {
        const item = browser.selectedItems().next();
        path = item && !item.done && item.value.path.endsWith('.ipynb') ? item.value.path : null;
      }
      if (path) {
        return { path, panel: notebooks?.find(w => w.context.path === path) ?? null };
      }
      const current = notebooks?.currentWidget ?? null;
      return current ? { path: current.context.path, panel: current } : null;
    };
    app.commands.addCommand(CommandIDs.publish, {
      label: args =>
        args.isPalette ? trans.__('LEAP: Publish to Knowledge Graph') : args.toolbar ? trans.__('Publish') : trans.__('Publish to Knowledge Graph…'),
      caption: trans.__('Publish this notebook to the LEAP knowledge graph, linked to the datasets it opens'),
      icon: args => (args.isPalette ? undefined : knowledgeGraphIcon),
      isEnabled: args => target(args) !== null,
      execute: async args => {
        const found = target(args);
        if (!found) {
          Notification.warning(trans.__('Open or select a notebook to publish it.'), { autoClose: 5000 });
          return null;
        }
        try {
          const { openPublishDialog } = await import(/* webpackChunkName: "leap-graph-publish" */ './publish');
          return await openPublishDialog({
            client: client as LeapApiClient,
            contents: app.serviceManager.contents,
            trans,
            path: found.path,
            panel: found.panel,
            jupyterlabVersion: app.version,
            openNode: id => void app.commands.execute(CommandIDs.openKnowledgeGraph, { node: id })
          });
        } catch (reason) {
          Notification.error(trans.__('Could not prepare the publication: %1', (reason as Error)?.message ?? String(reason)), {
            autoClose: 8000
          });
          return null;
        }
      }
    });
    palette?.addItem({ command: CommandIDs.openKnowledgeGraph, category: LEAP_CATEGORY, args: { isPalette: true } });
    palette?.addItem({ command: CommandIDs.openPerson, category: LEAP_CATEGORY, args: { isPalette: true } });
    palette?.addItem({ command: CommandIDs.publish, category: LEAP_CATEGORY, args: { isPalette: true } });
    registerOutsideCommands(app, client as LeapApiClient, trans, palette);
  }
};

/** The sidebar panel; its React view loads on first show. */
export class KnowledgeGraphPanel extends LazyPanel<GraphWidget> {
  constructor(options: IGraphWidgetOptions) {
    super('jp-LeapGraph', 'Knowledge Graph', () =>
      import(/* webpackChunkName: "leap-graph" */ './widget').then(({ createGraphWidget }) =>
        createGraphWidget(options)
      )
    );
  }
}
