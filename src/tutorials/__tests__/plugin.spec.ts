import type { JupyterFrontEnd } from '@jupyterlab/application';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import type { LeapApiClient } from '../../api';
import { CommandIDs, ILeapServiceStatus } from '../../tokens';
import { TUTORIALS_ID, TutorialsPanel, tutorialsPlugin } from '../plugin';

describe('tutorialsPlugin', () => {
  let commands: CommandRegistry;
  let shell: { add: jest.Mock; activateById: jest.Mock };
  let palette: { addItem: jest.Mock };
  let restorer: { add: jest.Mock };
  let restored: () => void;
  let state: { save: jest.Mock; remove: jest.Mock; fetch: jest.Mock };

  function activate(search: string): void {
    window.history.replaceState(null, '', `/lab${search}`);
    commands = new CommandRegistry();
    shell = { add: jest.fn(), activateById: jest.fn() };
    palette = { addItem: jest.fn() };
    restorer = { add: jest.fn() };
    state = { save: jest.fn(), remove: jest.fn(), fetch: jest.fn(() => Promise.resolve(undefined)) };
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
    const app = {
      commands,
      shell,
      restored: new Promise<void>(resolve => (restored = resolve))
    };
    tutorialsPlugin.activate(
      app as unknown as JupyterFrontEnd,
      { request: () => new Promise(() => undefined) } as unknown as LeapApiClient,
      status as unknown as ILeapServiceStatus,
      null,
      palette,
      restorer,
      null,
      null,
      state
    );
  }

  it('adds one restorable sidebar panel and registers its commands, loading no view yet', () => {
    activate('');
    expect(shell.add).toHaveBeenCalledTimes(1);
    const [panel, area] = shell.add.mock.calls[0];
    expect(area).toBe('left');
    expect(panel).toBeInstanceOf(TutorialsPanel);
    expect(panel.id).toBe(TUTORIALS_ID);
    expect(panel.widgets.length).toBe(0);
    expect(restorer.add).toHaveBeenCalledWith(panel, 'leap-tutorials');
    for (const id of [
      CommandIDs.openTutorials,
      CommandIDs.startTutorial,
      CommandIDs.checkStep,
      CommandIDs.openClassDashboard,
      CommandIDs.createClassSession,
      CommandIDs.deleteTutorial
    ]) {
      expect(commands.hasCommand(id)).toBe(true);
    }
    expect(commands.label(CommandIDs.openTutorials, { isPalette: true })).toBe('LEAP: Open Tutorials');
    expect(commands.isEnabled(CommandIDs.checkStep)).toBe(false); // no tutorial open
    // deleting needs the tutorial's id (the list's Delete… button gives it): not in the palette
    expect(commands.isEnabled(CommandIDs.deleteTutorial)).toBe(false);
    expect(commands.isEnabled(CommandIDs.deleteTutorial, { tutorial: 'sst-basics' })).toBe(true);
    expect(palette.addItem).toHaveBeenCalledTimes(4);
  });

  it('follows a deep link once the app is restored, and takes it out of the address', async () => {
    activate('?tutorial=sst-basics&session=ABCDEF&reset');
    // the player itself is not under test here: record what it is asked to do
    const execute = jest.spyOn(commands, 'execute').mockResolvedValue(undefined);
    await Promise.resolve();
    expect(execute).not.toHaveBeenCalled(); // not before the app is restored
    restored();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(execute.mock.calls).toEqual([[CommandIDs.startTutorial, { tutorial: 'sst-basics', session: 'ABCDEF' }]]);
    expect(window.location.search).toBe('?reset');
  });

  it('reopens the tutorial that was open before a reload', async () => {
    activate('');
    state.fetch.mockResolvedValue({ tutorial: 'sst-basics', session: null });
    const execute = jest.spyOn(commands, 'execute').mockResolvedValue(undefined);
    restored();
    await new Promise(resolve => setTimeout(resolve, 0));
    expect(execute).toHaveBeenCalledWith(CommandIDs.startTutorial, { tutorial: 'sst-basics', session: null });
  });
});
