import { nullTranslator } from '@jupyterlab/translation';
import type { Duplicates, RequestFormInfo } from 'leap-hub-service/dist/api/requests-schemas';
import React, { act } from 'react';
import { createRoot, Root } from 'react-dom/client';
import { LeapApiClient, LeapApiError } from '../../api';
import { DRAFT_KEY, EMPTY_DRAFT, loadDraft } from '../form';
import { RequestForm } from '../RequestForm';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
const trans = nullTranslator.load('jupyterlab_leap');
const INFO: RequestFormInfo = {
  formats: ['NetCDF', 'Zarr', 'Other (describe below)'] as RequestFormInfo['formats'],
  accessProtocols: ['HTTP(S)', 'S3'] as RequestFormInfo['accessProtocols'],
  authorizations: ['No; data are fully public'] as RequestFormInfo['authorizations'],
  targetFormats: ['Zarr', 'Parquet'] as RequestFormInfo['targetFormats'],
  licenses: [{ id: 'CC-BY-4.0', name: 'Creative Commons Attribution 4.0 International' }],
  transitions: {},
  canTriage: false,
  mirrorRepo: null
};
const NONE: Duplicates = { datasets: [], requests: [] };

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key)
  } as Storage;
}

function setValue(element: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string): void {
  const prototype = Object.getPrototypeOf(element);
  Object.getOwnPropertyDescriptor(prototype, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event(element instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

const flush = () => act(() => new Promise<void>(resolve => setTimeout(resolve, 0)));

describe('RequestForm', () => {
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

  async function render(answer: (path: string, options?: LeapApiClient.IRequest) => Promise<unknown>, storage = memoryStorage()) {
    const request = jest.fn(answer);
    const submitted = jest.fn();
    const client = { request } as unknown as LeapApiClient;
    act(() => root.render(<RequestForm client={client} trans={trans} submitted={submitted} storage={storage} />));
    await flush();
    return { request, submitted, storage };
  }
  const byId = <T extends HTMLElement>(field: string) => host.querySelector<T>(`#jp-leap-request-${field}`)!;
  const submit = async () => {
    await act(async () => host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));
    await flush();
  };
  const fill = () =>
    act(() => {
      setValue(byId<HTMLInputElement>('name'), 'NOAA OISST');
      setValue(byId<HTMLSelectElement>('format'), 'NetCDF');
      setValue(byId<HTMLSelectElement>('accessProtocol'), 'HTTP(S)');
      setValue(byId<HTMLSelectElement>('targetFormat'), 'Zarr');
    });

  it('marks each missing required field and sends nothing', async () => {
    const { request } = await render(async path => (path === 'requests/form' ? INFO : NONE));
    await submit();
    const invalid = Array.from(host.querySelectorAll('[aria-invalid="true"]')).map(element => element.id);
    expect(invalid).toEqual(['jp-leap-request-name', 'jp-leap-request-format', 'jp-leap-request-accessProtocol', 'jp-leap-request-targetFormat']);
    expect(byId('name-error').textContent).toBe('This field is required.');
    expect(document.activeElement).toBe(byId('name'));
    expect(request.mock.calls.map(call => call[0])).toEqual(['requests/form']);
  });

  it("shows the service's refusal at the field it names, keeps the draft, and clears it once sent", async () => {
    let refuse = true;
    const { request, submitted, storage } = await render(async (path, options) => {
      if (path === 'requests/form') return INFO;
      if (path === 'requests/duplicates') return NONE;
      if (refuse) {
        refuse = false;
        throw new LeapApiError({ status: 400, code: 'invalid_request', message: '"CC BY" is not an SPDX license id (did you mean "CC-BY-4.0"?)', field: 'body/license' });
      }
      return { id: 12, name: (options?.body as { name: string }).name };
    });
    fill();
    act(() => setValue(byId<HTMLInputElement>('license'), 'CC BY'));
    expect(JSON.parse(storage.getItem(DRAFT_KEY)!)).toMatchObject({ name: 'NOAA OISST', license: 'CC BY' });
    await submit();
    expect(byId('license').getAttribute('aria-invalid')).toBe('true');
    expect(byId('license-error').textContent).toMatch(/did you mean "CC-BY-4.0"/);
    expect(submitted).not.toHaveBeenCalled();
    act(() => setValue(byId<HTMLInputElement>('license'), 'CC-BY-4.0'));
    await submit();
    const posted = request.mock.calls.filter(call => call[0] === 'requests' && call[1]?.method === 'POST');
    expect(posted).toHaveLength(2);
    expect(posted[1][1]!.body).toMatchObject({ name: 'NOAA OISST', license: 'CC-BY-4.0', format: 'NetCDF', exampleUrls: [], authorization: null });
    expect(submitted).toHaveBeenCalledWith(12);
    expect(loadDraft(storage)).toEqual(EMPTY_DRAFT);
    expect(byId<HTMLInputElement>('name').value).toBe('');
  });

  it('shows likely duplicates before the first send; "Submit anyway" sends', async () => {
    const found: Duplicates = { datasets: [{ id: 'leap:oisst', title: 'AWS NOAA Optimum Interpolated SST', summary: '', reason: 'url' }], requests: [] };
    const { request, submitted } = await render(async path => (path === 'requests/form' ? INFO : path === 'requests/duplicates' ? found : { id: 3, name: 'x' }));
    fill();
    await submit();
    expect(host.textContent).toContain('AWS NOAA Optimum Interpolated SST');
    expect(host.querySelector('[role="alert"]')!.textContent).toMatch(/check the likely duplicates/);
    expect(request.mock.calls.some(call => call[1]?.method === 'POST')).toBe(false);
    const button = host.querySelector('button[type="submit"]')!;
    expect(button.textContent).toBe('Submit anyway');
    await submit();
    expect(submitted).toHaveBeenCalledWith(3);
  });
});
