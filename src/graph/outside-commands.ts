import type { JupyterFrontEnd } from '@jupyterlab/application';
import { type ICommandPalette, Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { LeapApiClient } from '../api';
import { CommandIDs, LEAP_CATEGORY } from '../tokens';
import { knowledgeGraphIcon } from './icon';

/**
 * `leap:add-from-github` (arg `repository`) and `leap:add-by-doi` (arg `doi`):
 * the dialog loads on first use (chunk leap-graph-outside); the result opens
 * in the Knowledge Graph panel.
 */
export function registerOutsideCommands(
  app: JupyterFrontEnd,
  client: LeapApiClient,
  trans: TranslationBundle,
  palette: ICommandPalette | null
): void {
  const open = async (source: 'github' | 'doi', initial: unknown): Promise<unknown> => {
    try {
      const { openOutsideDialog } = await import(/* webpackChunkName: "leap-graph-outside" */ './outside');
      return await openOutsideDialog({
        client,
        trans,
        source,
        initial: typeof initial === 'string' ? initial : '',
        openNode: id => void app.commands.execute(CommandIDs.openKnowledgeGraph, { node: id })
      });
    } catch (reason) {
      Notification.error(trans.__('Could not open the dialog: %1', (reason as Error)?.message ?? String(reason)), { autoClose: 8000 });
      return null;
    }
  };
  app.commands.addCommand(CommandIDs.addFromGitHub, {
    label: args => (args.isPalette ? trans.__('LEAP: Add a GitHub repository to the Knowledge Graph') : trans.__('Add from GitHub…')),
    caption: trans.__('Add a GitHub repository (with its release, contributors and citation) to the knowledge graph'),
    icon: args => (args.isPalette ? undefined : knowledgeGraphIcon),
    execute: args => open('github', args.repository)
  });
  app.commands.addCommand(CommandIDs.addByDoi, {
    label: args => (args.isPalette ? trans.__('LEAP: Add a paper or dataset by DOI to the Knowledge Graph') : trans.__('Add by DOI…')),
    caption: trans.__('Add a paper or dataset to the knowledge graph from its DOI (DataCite or Crossref)'),
    icon: args => (args.isPalette ? undefined : knowledgeGraphIcon),
    execute: args => open('doi', args.doi)
  });
  palette?.addItem({ command: CommandIDs.addFromGitHub, category: LEAP_CATEGORY, args: { isPalette: true } });
  palette?.addItem({ command: CommandIDs.addByDoi, category: LEAP_CATEGORY, args: { isPalette: true } });
}
