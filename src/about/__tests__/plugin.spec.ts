import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ILauncher } from '@jupyterlab/launcher';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import type { Widget } from '@lumino/widgets';
import type { LeapApiClient } from '../../api';
import { CommandIDs, ILeapServiceStatus, LEAP_CATEGORY } from '../../tokens';
import { aboutPlugin } from '../plugin';

describe('aboutPlugin', () => {
  let commands: CommandRegistry;
  let shell: { add: jest.Mock; activateById: jest.Mock };
  let launcher: { add: jest.Mock };

  beforeEach(() => {
    commands = new CommandRegistry();
    shell = { add: jest.fn(), activateById: jest.fn() };
    launcher = { add: jest.fn() };
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
    const client = { whoami: () => new Promise(() => undefined) };
    aboutPlugin.activate(
      { commands, shell } as unknown as JupyterFrontEnd,
      client as unknown as LeapApiClient,
      status as unknown as ILeapServiceStatus,
      null,
      null,
      launcher as unknown as ILauncher,
      null
    );
  });

  it('adds About to the LEAP section of the launcher', () => {
    expect(launcher.add).toHaveBeenCalledWith({
      command: CommandIDs.openAbout,
      category: LEAP_CATEGORY,
      rank: 0
    });
  });

  it('labels the command for menus and for the palette', () => {
    expect(commands.label(CommandIDs.openAbout)).toBe('About / status');
    expect(commands.label(CommandIDs.openAbout, { isPalette: true })).toBe('LEAP: About / status');
  });

  it('opens one view, however often it runs while loading', async () => {
    const [first, second] = await Promise.all([
      commands.execute(CommandIDs.openAbout),
      commands.execute(CommandIDs.openAbout)
    ]);
    expect(first).toBe(second);
    expect(shell.add).toHaveBeenCalledTimes(1);
    expect(shell.add).toHaveBeenCalledWith(first, 'main');
    expect((first as Widget).id).toBe('jp-leap-about');
  });

  it('activates the open view, and opens a new one once it is closed', async () => {
    const first = (await commands.execute(CommandIDs.openAbout)) as Widget;
    expect(await commands.execute(CommandIDs.openAbout)).toBe(first);
    expect(shell.add).toHaveBeenCalledTimes(1);
    first.dispose();
    const second = await commands.execute(CommandIDs.openAbout);
    expect(second).not.toBe(first);
    expect(shell.add).toHaveBeenCalledTimes(2);
  });
});
