import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import type { LeapApiClient } from '../../api';
import { CommandIDs } from '../../tokens';
import type { LeapServiceStatus } from '../model';
import { statusPlugin } from '../plugin';

/**
 * The settings of `jupyterlab-leap:status` as the registry hands them out.
 */
class FakeSettings {
  values: Record<string, number> = { pollInterval: 30, maxBackoff: 600 };
  readonly changed = new Signal<this, void>(this);
  get(key: string): { composite: number } {
    return { composite: this.values[key] };
  }
}

describe('statusPlugin', () => {
  let app: JupyterFrontEnd;
  let client: { gatewayInfo: jest.Mock; health: jest.Mock };
  let status: LeapServiceStatus;

  const activate = (registry: { load: jest.Mock } | null) => {
    status = statusPlugin.activate(
      app,
      client as unknown as LeapApiClient,
      registry as unknown as ISettingRegistry | null,
      null,
      null
    ) as LeapServiceStatus;
  };

  /**
   * Let pending promises (settings load, first check) settle.
   */
  const settle = () => new Promise(resolve => setTimeout(resolve, 0));

  beforeEach(() => {
    app = {
      commands: new CommandRegistry(),
      restored: Promise.resolve()
    } as unknown as JupyterFrontEnd;
    client = {
      gatewayInfo: jest.fn(() =>
        Promise.resolve({ mode: 'local', version: '0', service: { state: 'running', message: null, restarts: 0 } })
      ),
      health: jest.fn(() => Promise.reject(new Error('not needed')))
    };
  });

  afterEach(() => {
    status.dispose();
    jest.restoreAllMocks();
  });

  it('polls with the intervals of the settings, in seconds, and follows changes', async () => {
    const settings = new FakeSettings();
    activate({ load: jest.fn(() => Promise.resolve(settings)) });
    await settle();
    expect(status.poll.frequency).toEqual({ interval: 30000, backoff: true, max: 600000 });
    settings.values = { pollInterval: 5, maxBackoff: 60 };
    settings.changed.emit();
    expect(status.poll.frequency).toEqual({ interval: 5000, backoff: true, max: 60000 });
  });

  it('keeps the defaults, with a warning, when the settings do not load', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    activate({ load: jest.fn(() => Promise.reject(new Error('bad schema'))) });
    await settle();
    expect(status.poll.frequency).toEqual({ interval: 4000, backoff: true, max: 30000 });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('starts checking once the application is restored', async () => {
    activate(null);
    expect(client.gatewayInfo).not.toHaveBeenCalled();
    await settle();
    await settle();
    expect(client.gatewayInfo).toHaveBeenCalledTimes(1);
  });

  it('registers leap:check-service, which checks at once', async () => {
    activate(null);
    await settle();
    await settle();
    expect(app.commands.label(CommandIDs.checkService)).toBe('Check LEAP Service Now');
    await app.commands.execute(CommandIDs.checkService);
    expect(client.gatewayInfo).toHaveBeenCalledTimes(2);
  });
});
