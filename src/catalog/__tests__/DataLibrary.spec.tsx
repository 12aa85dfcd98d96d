import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import React, { act } from 'react';
import { createRoot, Root } from 'react-dom/client';
import type { LeapApiClient } from '../../api';
import type { ILeapServiceStatus } from '../../tokens';
import { DataLibrary, SEARCH_DEBOUNCE_MS } from '../DataLibrary';
import type { SearchResult } from '../types';
import { DataLibraryController } from '../widget';

function result(q: string, total: number): SearchResult {
  return {
    total,
    offset: 0,
    items: Array.from({ length: Math.min(total, 3) }, (_, i) => ({
      id: `${q}-${i}`,
      title: `${q || 'all'} ${i}`,
      summary: 'about it',
      tags: [],
      license: 'CC-BY-4.0',
      providers: ['LEAP'],
      source: 'demo',
      stores: 1,
      public: i !== 1
    })),
    facets: [{ name: 'tag', values: [{ value: 'zarr', count: 2 }, { value: 'sst', count: 1 }], more: false }]
  };
}

describe('DataLibrary', () => {
  let host: HTMLDivElement;
  let root: Root;
  let calls: Array<{ path: string; query: Record<string, unknown>; resolve: (r: SearchResult) => void }>;
  let client: { request: jest.Mock };
  const status = {
    state: 'online',
    health: null,
    gateway: null,
    error: null,
    checkedAt: 1,
    changed: new Signal({}),
    stateChanged: new Signal({}),
    refresh: () => Promise.resolve()
  };

  beforeEach(async () => {
    jest.useFakeTimers();
    calls = [];
    client = {
      request: jest.fn(
        (path: string, options: { query: Record<string, unknown> }) =>
          new Promise<SearchResult>(resolve => calls.push({ path, query: options.query, resolve }))
      )
    };
    host = document.createElement('div');
    document.body.appendChild(host);
    root = createRoot(host);
    await act(async () => {
      root.render(
        <DataLibrary
          client={client as unknown as LeapApiClient}
          status={status as unknown as ILeapServiceStatus}
          trans={nullTranslator.load('jupyterlab_leap')}
          locale="en"
          controller={new DataLibraryController()}
          insert={() => Promise.reject(new Error('no'))}
        />
      );
    });
  });

  afterEach(() => {
    act(() => root.unmount());
    host.remove();
    jest.useRealTimers();
  });

  const count = (): string => host.querySelector('.jp-LeapDataLibrary-count')!.textContent!;
  const titles = (): string[] =>
    Array.from(host.querySelectorAll('.jp-LeapDataLibrary-rowTitle')).map(e => e.textContent!);
  const type = async (value: string): Promise<void> => {
    const input = host.querySelector('input[type=search]') as HTMLInputElement;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    await act(async () => {
      setter.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
  };

  it('browses everything first, then searches once per pause in typing', async () => {
    expect(calls).toHaveLength(1);
    expect(calls[0].path).toBe('catalog/search');
    expect(calls[0].query).toMatchObject({ offset: 0, limit: 100 });
    expect(calls[0].query).not.toHaveProperty('facets'); // the first page counts every facet
    await act(async () => calls[0].resolve(result('', 32)));
    expect(count()).toBe('32 datasets');
    expect(host.querySelector('.jp-LeapDataLibrary-count')!.getAttribute('aria-live')).toBe('polite');

    await type('s');
    await type('se');
    await type('sea');
    expect(calls).toHaveLength(1);
    await act(async () => jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(calls).toHaveLength(2);
    expect(calls[1].query.q).toBe('sea');
  });

  it('shows the newest answer even when an older one arrives last', async () => {
    await act(async () => calls[0].resolve(result('', 32)));
    await type('sea');
    await act(async () => jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    await type('sea surface');
    await act(async () => jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    expect(calls.map(c => c.query.q)).toEqual([undefined, 'sea', 'sea surface']);
    await act(async () => calls[2].resolve(result('sea surface', 2)));
    await act(async () => calls[1].resolve(result('sea', 9)));
    expect(count()).toBe('2 datasets');
    expect(titles()[0]).toContain('sea surface 0');
  });

  it('filters with a facet chip, counts it, and clears all', async () => {
    await act(async () => calls[0].resolve(result('', 32)));
    const chip = Array.from(host.querySelectorAll('.jp-LeapDataLibrary-chip')).find(b => b.textContent!.startsWith('zarr'))!;
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    await act(async () => (chip as HTMLButtonElement).click());
    expect(calls[1].query.filter).toEqual(['tag:zarr']);
    await act(async () => calls[1].resolve(result('', 2)));
    expect(host.querySelector('.jp-LeapDataLibrary-filterToggle')!.textContent).toContain('Filters (1)');
    const clear = Array.from(host.querySelectorAll('button')).find(b => b.textContent === 'Clear all')!;
    await act(async () => clear.click());
    expect(calls[2].query.filter).toBeUndefined();
  });

  it('says when nothing matches, and when the search failed', async () => {
    await act(async () => calls[0].resolve(result('', 0)));
    expect(host.textContent).toContain('No dataset matches.');
  });

  it('points the search box at the result list only while there is one (aria-controls)', async () => {
    const input = (): HTMLInputElement => host.querySelector('input[type=search]')!;
    await act(async () => calls[0].resolve(result('', 32)));
    expect(input().getAttribute('aria-controls')).toBe('jp-leap-dl-results');
    expect(host.querySelector('#jp-leap-dl-results')!.getAttribute('role')).toBe('listbox');
    await type('nothing');
    await act(async () => jest.advanceTimersByTime(SEARCH_DEBOUNCE_MS));
    await act(async () => calls[1].resolve(result('nothing', 0)));
    expect(host.querySelector('#jp-leap-dl-results')).toBeNull();
    expect(input().hasAttribute('aria-controls')).toBe(false);
  });
});
