import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';
import { createRoot, Root } from 'react-dom/client';
import { LeapApiError } from '../../api';
import type { ILeapServiceSnapshot } from '../../tokens';
import { ServiceUnavailable } from '../ServiceUnavailable';

const OFFLINE: ILeapServiceSnapshot = {
  state: 'offline',
  health: null,
  gateway: null,
  error: LeapApiError.unavailable(new Error('connection refused')),
  checkedAt: 1
};

describe('ServiceUnavailable', () => {
  let host: HTMLDivElement;
  let root: Root;

  beforeEach(() => {
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
  });

  afterEach(() => {
    act(() => root.unmount());
    host.remove();
  });

  const render = async (snapshot: ILeapServiceSnapshot, onRetry: () => Promise<void>): Promise<void> => {
    await act(async () => {
      root.render(
        <ServiceUnavailable snapshot={snapshot} trans={nullTranslator.load('jupyterlab_leap')} onRetry={onRetry} />
      );
    });
  };

  it('offline: an alert with the reason and a Retry button', async () => {
    await render(OFFLINE, () => Promise.resolve());
    const alert = host.querySelector('[role=alert]')!;
    expect(alert.textContent).toContain('The LEAP service cannot be reached.');
    expect(alert.querySelector('button')!.textContent).toBe('Retry now');
  });

  it('keeps keyboard focus on Retry while retrying (aria-disabled, not disabled) and retries once', async () => {
    let finish: () => void = () => undefined;
    const onRetry = jest.fn(() => new Promise<void>(resolve => (finish = resolve)));
    await render(OFFLINE, onRetry);
    const button = host.querySelector('button')!;
    button.focus();
    await act(async () => button.click());
    expect(button.textContent).toBe('Retrying…');
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(document.activeElement).toBe(button);
    await act(async () => button.click());
    expect(onRetry).toHaveBeenCalledTimes(1);
    await act(async () => finish());
    expect(button.textContent).toBe('Retry now');
    expect(button.getAttribute('aria-disabled')).toBe('false');
    expect(document.activeElement).toBe(button);
  });

  it('starting: a polite status; online: nothing', async () => {
    await render({ ...OFFLINE, state: 'starting', error: null }, () => Promise.resolve());
    expect(host.querySelector('[role=status]')!.getAttribute('aria-live')).toBe('polite');
    await render({ ...OFFLINE, state: 'online', error: null }, () => Promise.resolve());
    expect(host.innerHTML).toBe('');
  });
});
