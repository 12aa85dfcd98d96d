import { nullTranslator } from '@jupyterlab/translation';
import type { DatasetRequest, RequestDetail, RequestEvent } from 'leap-hub-service/dist/api/requests-schemas';
import React, { act } from 'react';
import { createRoot, Root } from 'react-dom/client';
import type { LeapApiClient } from '../../api';
import { RequestDetailView } from '../RequestDetail';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const trans = nullTranslator.load('jupyterlab_leap');

const REQUEST: DatasetRequest = {
  id: 5, requester: 'bob', status: 'ingesting', name: 'NOAA OISST', url: 'https://www.ncei.noaa.gov/oisst',
  description: 'Daily <img src=x onerror="alert(1)"> **SST**', size: '', license: 'CC0-1.0', format: 'NetCDF', formatOther: '',
  accessProtocol: 'HTTP(S)', organization: '', exampleUrls: [], authorization: null, transformation: '', targetFormat: 'Zarr',
  comments: '', datasetId: null, created: '2026-11-03T10:00:00Z', updated: '2026-11-03T10:00:00Z',
  mirror: { repo: 'leap-stc/data-management', state: 'sent', attempts: 1, lastError: null, nextAttempt: null, issueNumber: 42, issueUrl: 'https://github.com/leap-stc/data-management/issues/42',
    updates: { waiting: 0, failed: 0, lastError: null, nextAttempt: null } }
};
const EVENT: RequestEvent = {
  id: 9, requestId: 5, requestName: 'NOAA OISST', kind: 'status', actor: 'dana', from: 'accepted', to: 'ingesting', body: '', datasetId: null,
  at: '2026-11-03T11:00:00Z', github: null
};
const flush = () => act(() => new Promise<void>(resolve => setTimeout(resolve, 0)));
const setValue = (element: HTMLInputElement | HTMLSelectElement, value: string) => {
  Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
};

describe('RequestDetailView', () => {
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

  async function render(detail: RequestDetail) {
    const request = jest.fn(async (path: string) => (path === 'requests/5' ? detail : REQUEST));
    const changed = jest.fn();
    const client = { request } as unknown as LeapApiClient;
    act(() =>
      root.render(<RequestDetailView client={client} trans={trans} id={5} transitions={{ ingesting: ['done', 'declined'], done: [] }} changed={changed} />)
    );
    await flush();
    return { request, changed };
  }

  it('shows the GitHub issue, sanitizes the description, and lets the requester only comment', async () => {
    await render({ request: REQUEST, events: [], canTriage: false });
    const link = host.querySelector<HTMLAnchorElement>('.jp-LeapRequests-mirror a')!;
    expect(link.textContent).toBe('GitHub issue leap-stc/data-management#42');
    expect(link.href).toBe('https://github.com/leap-stc/data-management/issues/42');
    expect(host.querySelector('img')?.getAttribute('onerror')).toBeFalsy();
    expect(host.querySelector('strong')?.textContent).toBe('SST');
    expect(host.querySelector('#jp-leap-request-status')).toBeNull();
    expect(host.querySelector('#jp-leap-request-comment')).not.toBeNull();
  });

  it('lets the data team move it to done only with a catalog dataset id', async () => {
    const { request, changed } = await render({ request: REQUEST, events: [], canTriage: true });
    const status = host.querySelector<HTMLSelectElement>('#jp-leap-request-status')!;
    expect(Array.from(status.options).map(o => o.value)).toEqual(['', 'done', 'declined']);
    act(() => setValue(status, 'done'));
    const button = Array.from(host.querySelectorAll('button')).find(b => b.textContent === 'Change status')!;
    expect(button.disabled).toBe(true);
    act(() => setValue(host.querySelector<HTMLInputElement>('#jp-leap-request-dataset')!, ' leap:oisst '));
    expect(button.disabled).toBe(false);
    await act(async () => button.closest('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await flush();
    expect(request).toHaveBeenCalledWith('requests/5/status', { method: 'POST', body: { status: 'done', note: '', datasetId: 'leap:oisst' } });
    expect(changed).toHaveBeenCalled();
  });

  it('says when GitHub has not got it yet, with a retry for the data team', async () => {
    const mirror = { ...REQUEST.mirror!, state: 'queued' as const, attempts: 2, lastError: 'GitHub answered 503: Service Unavailable', issueNumber: null, issueUrl: null };
    await render({ request: { ...REQUEST, mirror }, events: [], canTriage: true });
    expect(host.querySelector('.jp-LeapRequests-mirror')!.textContent).toMatch(/Waiting to be opened on GitHub \(2 attempts\)\. GitHub answered 503/);
    expect(Array.from(host.querySelectorAll('button')).some(b => b.textContent === 'Try GitHub again')).toBe(true);
  });

  it("shows each history entry's comment on the issue, and updates GitHub has not taken, with a retry", async () => {
    const updates = { waiting: 1, failed: 1, lastError: 'GitHub answered 404: issue leap-stc/data-management#42 not found', nextAttempt: null };
    const events: RequestEvent[] = [
      { ...EVENT, github: { state: 'sent', attempts: 1, lastError: null, nextAttempt: null, commentUrl: 'https://github.com/leap-stc/data-management/issues/42#issuecomment-7' } },
      { ...EVENT, id: 10, kind: 'comment', from: null, to: null, body: 'Which years?', github: { state: 'failed', attempts: 1, lastError: updates.lastError, nextAttempt: null, commentUrl: null } },
      { ...EVENT, id: 11, kind: 'comment', from: null, to: null, body: 'And which variables?', github: { state: 'queued', attempts: 0, lastError: null, nextAttempt: null, commentUrl: null } },
      { ...EVENT, id: 12, kind: 'comment', actor: 'bob', from: null, to: null, body: 'All of them.' }
    ];
    const { request } = await render({ request: { ...REQUEST, mirror: { ...REQUEST.mirror!, updates } }, events, canTriage: true });
    expect(host.querySelector('.jp-LeapRequests-mirrorUpdates')!.textContent).toBe('1 update not sent to GitHub: GitHub answered 404: issue leap-stc/data-management#42 not found');
    const notes = Array.from(host.querySelectorAll('.jp-LeapRequests-events li')).map(li => li.querySelector('.jp-LeapRequests-eventGitHub')?.textContent ?? null);
    expect(notes).toEqual(['on GitHub', `not sent to GitHub: ${updates.lastError}`, 'waiting for GitHub', null]);
    expect(host.querySelector<HTMLAnchorElement>('.jp-LeapRequests-eventGitHub a')!.href).toBe('https://github.com/leap-stc/data-management/issues/42#issuecomment-7');
    const retry = Array.from(host.querySelectorAll('button')).find(b => b.textContent === 'Try GitHub again')!;
    await act(async () => retry.click());
    await flush();
    expect(request).toHaveBeenCalledWith('requests/5/mirror/retry', { method: 'POST' });
  });

  it('looks again while the mirror has an update it has not tried yet, and stops once it is on GitHub', async () => {
    const queued: RequestDetail = { request: REQUEST, events: [{ ...EVENT, github: { state: 'queued', attempts: 0, lastError: null, nextAttempt: null, commentUrl: null } }], canTriage: true };
    const sent: RequestDetail = { ...queued, events: [{ ...EVENT, github: { state: 'sent', attempts: 1, lastError: null, nextAttempt: null, commentUrl: 'https://github.com/leap-stc/data-management/issues/42#issuecomment-8' } }] };
    const answers = [queued, sent];
    const request = jest.fn(async () => answers.shift() ?? sent);
    act(() => root.render(<RequestDetailView client={{ request } as unknown as LeapApiClient} trans={trans} id={5} transitions={{}} changed={jest.fn()} />));
    await flush();
    expect(host.querySelector('.jp-LeapRequests-eventGitHub')!.textContent).toBe('waiting for GitHub');
    await act(() => new Promise<void>(resolve => setTimeout(resolve, 2100)));
    expect(host.querySelector('.jp-LeapRequests-eventGitHub')!.textContent).toBe('on GitHub');
    await act(() => new Promise<void>(resolve => setTimeout(resolve, 2100)));
    expect(request).toHaveBeenCalledTimes(2);
  });

  it('says how many updates wait for GitHub and why; no retry while they are simply queued', async () => {
    await render({ request: { ...REQUEST, mirror: { ...REQUEST.mirror!, updates: { waiting: 2, failed: 0, lastError: null, nextAttempt: null } } }, events: [], canTriage: true });
    expect(host.querySelector('.jp-LeapRequests-mirrorUpdates')!.textContent).toBe('2 updates waiting for GitHub.');
    expect(Array.from(host.querySelectorAll('button')).some(b => b.textContent === 'Try GitHub again')).toBe(false);
  });
});
