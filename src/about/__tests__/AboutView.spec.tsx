import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import React, { act } from 'react';
import { createRoot, Root } from 'react-dom/client';
import type { Health, IGatewayInfo, LeapApiClient, WhoAmI } from '../../api';
import { LeapApiError } from '../../api';
import type { ILeapServiceSnapshot, ILeapServiceStatus } from '../../tokens';
import { AboutView } from '../AboutView';

const HEALTH: Health = {
  status: 'ok',
  version: '0.3.1',
  mode: 'local',
  database: { kind: 'pglite', ok: true, schemaVersion: 4 },
  startedAt: '2026-11-25T14:00:00.000Z'
};
const GATEWAY: IGatewayInfo = {
  mode: 'local',
  version: '0.1.0',
  service: { state: 'running', message: null, restarts: 2 }
};
const ME: WhoAmI = { name: 'ada', admin: false, groups: ['leap-pangeo', 'education'], mode: 'local' };

/**
 * A status the test moves by hand.
 */
class FakeStatus {
  state: ILeapServiceSnapshot['state'] = 'online';
  health: Health | null = HEALTH;
  gateway: IGatewayInfo | null = GATEWAY;
  error: LeapApiError | null = null;
  checkedAt = Date.parse('2026-11-25T15:00:00Z');
  readonly changed = new Signal<this, ILeapServiceSnapshot>(this);
  refresh = jest.fn(() => Promise.resolve());

  set(values: Partial<ILeapServiceSnapshot>): void {
    Object.assign(this, values);
    this.changed.emit(this);
  }
}

describe('AboutView', () => {
  let host: HTMLDivElement;
  let root: Root;
  let status: FakeStatus;
  let client: { whoami: jest.Mock };

  const render = async () => {
    await act(async () => {
      root.render(
        <AboutView
          client={client as unknown as LeapApiClient}
          status={status as unknown as ILeapServiceStatus}
          trans={nullTranslator.load('jupyterlab_leap')}
          locale="en"
        />
      );
    });
  };

  beforeAll(() => {
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  });

  beforeEach(() => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
    status = new FakeStatus();
    client = { whoami: jest.fn(() => Promise.resolve(ME)) };
  });

  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  const field = (label: string): string | null => {
    const dt = Array.from(host.querySelectorAll('dt')).find(d => d.textContent === label);
    return dt?.nextElementSibling?.textContent ?? null;
  };

  it('shows who I am, the mode, the service and the gateway', async () => {
    await render();
    expect(field('User')).toBe('ada');
    expect(field('Groups')).toBe('leap-pangeo and education');
    expect(field('Administrator')).toBe('no');
    expect(field('Mode')).toContain('local');
    expect(field('Version')).toBe('0.3.1');
    expect(field('Database')).toBe('PGlite (embedded), healthy');
    expect(field('Schema version')).toBe('4');
    expect(field('Started')).toContain('1 hour ago');
    expect(field('Restarts')).toBe('2');
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('shows the offline notice with a Retry that checks the service', async () => {
    status.set({
      state: 'offline',
      error: new LeapApiError({ status: 503, code: 'service_unavailable', message: 'connection refused' })
    });
    await render();
    const alert = host.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('cannot be reached');
    expect(alert?.textContent).toContain('connection refused');
    expect(field('State')).toBe('Offline');
    expect(field('User')).toBe('Not known while the service cannot be reached');
    const retry = Array.from(alert!.querySelectorAll('button')).find(b => b.textContent === 'Retry now');
    await act(async () => retry!.click());
    expect(status.refresh).toHaveBeenCalledTimes(1);
    expect(client.whoami).not.toHaveBeenCalled();
  });

  it('asks who I am again when Refresh is pressed', async () => {
    await render();
    const refresh = host.querySelector<HTMLButtonElement>('.jp-LeapAbout-refresh')!;
    await act(async () => refresh.click());
    expect(status.refresh).toHaveBeenCalledTimes(1);
    expect(client.whoami).toHaveBeenCalledTimes(2);
  });

  it('keeps focus on Refresh while it refreshes (aria-disabled, not disabled), once at a time', async () => {
    let finish: () => void = () => undefined;
    status.refresh = jest.fn(() => new Promise<void>(resolve => (finish = resolve)));
    await render();
    const refresh = host.querySelector<HTMLButtonElement>('.jp-LeapAbout-refresh')!;
    refresh.focus();
    await act(async () => refresh.click());
    expect(refresh.textContent).toBe('Refreshing…');
    expect(refresh.disabled).toBe(false);
    expect(refresh.getAttribute('aria-disabled')).toBe('true');
    await act(async () => refresh.click());
    expect(status.refresh).toHaveBeenCalledTimes(1);
    await act(async () => finish());
    expect(refresh.textContent).toBe('Refresh');
    expect(refresh.getAttribute('aria-disabled')).toBe('false');
    expect(document.activeElement).toBe(refresh);
  });

  it('follows the status as it changes', async () => {
    status.set({ state: 'starting', health: null });
    client.whoami.mockRejectedValue(new LeapApiError({ status: 503, code: 'service_unavailable', message: 'x' }));
    await render();
    expect(host.querySelector('[role="status"]')?.textContent).toContain('starting');
    expect(field('User')).toBe('Asking the service…');
    expect(client.whoami).not.toHaveBeenCalled();
    client.whoami.mockResolvedValue(ME);
    await act(async () => status.set({ state: 'online', health: HEALTH }));
    expect(host.querySelector('[role="status"]')).toBeNull();
    expect(field('User')).toBe('ada');
  });
});
