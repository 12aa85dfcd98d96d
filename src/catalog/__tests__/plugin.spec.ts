import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ILauncher } from '@jupyterlab/launcher';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import type { LeapApiClient } from '../../api';
import { CommandIDs, ILeapServiceStatus, LEAP_CATEGORY } from '../../tokens';
import { catalogPlugin, DATA_LIBRARY_ID, DataLibraryPanel } from '../plugin';

describe('catalogPlugin', () => {
  let commands: CommandRegistry;
  let shell: { add: jest.Mock; activateById: jest.Mock };
  let launcher: { add: jest.Mock };
  let palette: { addItem: jest.Mock };
  let restorer: { add: jest.Mock };

  beforeEach(() => {
    commands = new CommandRegistry();
    shell = { add: jest.fn(), activateById: jest.fn() };
    launcher = { add: jest.fn() };
    palette = { addItem: jest.fn() };
    restorer = { add: jest.fn() };
    const status = {
      state: 'starting',
      health: null,
      gateway: null,
      error: null,
      checkedAt: 0,
      changed: new Signal({}),
      stateChanged: new Signal({}),
      refresh: () => Promise.resolve()
    };
    catalogPlugin.activate(
      { commands, shell } as unknown as JupyterFrontEnd,
      { request: () => new Promise(() => undefined) } as unknown as LeapApiClient,
      status as unknown as ILeapServiceStatus,
      null,
      palette,
      launcher as unknown as ILauncher,
      restorer,
      null
    );
  });

  it('adds one restorable panel to the left sidebar, with an icon and a caption', () => {
    expect(shell.add).toHaveBeenCalledTimes(1);
    const [panel, area] = shell.add.mock.calls[0];
    expect(area).toBe('left');
    expect(panel).toBeInstanceOf(DataLibraryPanel);
    expect(panel.id).toBe(DATA_LIBRARY_ID);
    expect(panel.title.icon).toBeTruthy();
    expect(panel.title.caption).toBe('Data Library: search the LEAP data catalog');
    expect(restorer.add).toHaveBeenCalledWith(panel, 'leap-data-library');
  });

  it('registers its commands once, in the palette and the launcher', () => {
    expect(commands.hasCommand(CommandIDs.openDataLibrary)).toBe(true);
    expect(commands.hasCommand(CommandIDs.searchData)).toBe(true);
    expect(commands.label(CommandIDs.openDataLibrary)).toBe('Data Library');
    expect(commands.label(CommandIDs.openDataLibrary, { isPalette: true })).toBe('LEAP: Open the Data Library');
    expect(commands.label(CommandIDs.searchData, { isPalette: true })).toBe('LEAP: Search data');
    expect(palette.addItem).toHaveBeenCalledTimes(2);
    expect(launcher.add).toHaveBeenCalledWith({ command: CommandIDs.openDataLibrary, category: LEAP_CATEGORY, rank: 1 });
  });

  it('loads the view once, however often the commands run while it loads', async () => {
    const panel = shell.add.mock.calls[0][0] as DataLibraryPanel;
    expect(panel.widgets.length).toBe(0);
    await Promise.all([
      commands.execute(CommandIDs.openDataLibrary),
      commands.execute(CommandIDs.searchData, { query: 'sst' }),
      commands.execute(CommandIDs.openDataLibrary)
    ]);
    expect(panel.widgets.length).toBe(1);
    expect(shell.activateById).toHaveBeenCalledWith(DATA_LIBRARY_ID);
  });
});
