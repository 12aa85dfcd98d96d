import type { JupyterFrontEnd } from '@jupyterlab/application';
import { CommandRegistry } from '@lumino/commands';
import type { LeapApiClient } from '../../api';
import { CommandIDs, ILeapServiceStatus, LEAP_CATEGORY } from '../../tokens';
import { graphPlugin, KNOWLEDGE_GRAPH_ID, KnowledgeGraphPanel } from '../plugin';

describe('graphPlugin', () => {
  let commands: CommandRegistry;
  let shell: { add: jest.Mock; activateById: jest.Mock };
  let palette: { addItem: jest.Mock };
  let restorer: { add: jest.Mock };

  function activate(notebooks: unknown = null, browser: unknown = null): void {
    graphPlugin.activate(
      { commands, shell } as unknown as JupyterFrontEnd,
      { request: () => new Promise(() => undefined) } as unknown as LeapApiClient,
      {} as unknown as ILeapServiceStatus,
      null,
      palette,
      restorer,
      notebooks,
      browser
    );
  }

  beforeEach(() => {
    commands = new CommandRegistry();
    shell = { add: jest.fn(), activateById: jest.fn() };
    palette = { addItem: jest.fn() };
    restorer = { add: jest.fn() };
  });

  it('adds one restorable, lazily filled panel to the left sidebar', () => {
    activate();
    const [panel, area] = shell.add.mock.calls[0];
    expect(area).toBe('left');
    expect(panel).toBeInstanceOf(KnowledgeGraphPanel);
    expect(panel.id).toBe(KNOWLEDGE_GRAPH_ID);
    expect(panel.widgets).toHaveLength(0);
    expect(restorer.add).toHaveBeenCalledWith(panel, 'leap-knowledge-graph');
  });

  it('registers its three commands once, each in the palette', () => {
    activate();
    for (const id of [CommandIDs.publish, CommandIDs.openKnowledgeGraph, CommandIDs.openPerson]) {
      expect(commands.hasCommand(id)).toBe(true);
      expect(palette.addItem).toHaveBeenCalledWith({ command: id, category: LEAP_CATEGORY, args: { isPalette: true } });
    }
    expect(commands.label(CommandIDs.publish, { isPalette: true })).toBe('LEAP: Publish to Knowledge Graph');
    expect(commands.label(CommandIDs.publish, { toolbar: true })).toBe('Publish');
  });

  it('publishes the current notebook, the file browser selection or a given path; nothing without one', () => {
    const current = { context: { path: 'work/sst.ipynb' } };
    let selected = [{ path: 'other/run.ipynb' }];
    activate(
      { currentWidget: null as unknown, find: () => undefined },
      { selectedItems: () => selected[Symbol.iterator]() }
    );
    expect(commands.isEnabled(CommandIDs.publish, {})).toBe(false);
    expect(commands.isEnabled(CommandIDs.publish, { source: 'filebrowser' })).toBe(true);
    selected = [{ path: 'data.csv' }];
    expect(commands.isEnabled(CommandIDs.publish, { source: 'filebrowser' })).toBe(false);
    expect(commands.isEnabled(CommandIDs.publish, { path: 'x.ipynb' })).toBe(true);
    commands = new CommandRegistry();
    activate({ currentWidget: current, find: () => undefined }, null);
    expect(commands.isEnabled(CommandIDs.publish, {})).toBe(true);
  });
});
