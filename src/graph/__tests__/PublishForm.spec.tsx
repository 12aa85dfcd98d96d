import { nullTranslator } from '@jupyterlab/translation';
import React, { act } from 'react';
import { createRoot, Root } from 'react-dom/client';
import { LeapApiError } from '../../api';
import type { GraphApi } from '../api';
import type { IPublishState } from '../publish/form';
import { PublishForm } from '../publish/PublishForm';

const trans = nullTranslator.load('jupyterlab_leap');

function initial(orcid = ''): IPublishState {
  return {
    title: 'SST trends',
    description: '',
    kind: 'ProjectCode',
    license: 'CC-BY-4.0',
    keywords: '',
    authors: [{ name: 'Lovelace, Ada', orcid, affiliation: '' }],
    related: [],
    datasets: [],
    files: [],
    provenance: {}
  };
}

describe('PublishForm', () => {
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

  function render(api: Partial<GraphApi>, orcid = '', onDone = jest.fn()): jest.Mock {
    act(() => root.render(<PublishForm api={api as GraphApi} trans={trans} initial={initial(orcid)} onDone={onDone} onCancel={jest.fn()} />));
    return onDone;
  }
  const button = (label: string) => Array.from(host.querySelectorAll('button')).find(b => b.textContent === label)!;

  it('names the field of a service error and shows it at that field', async () => {
    const publish = jest.fn().mockRejectedValue(
      new LeapApiError({ status: 400, code: 'invalid_request', message: 'is not a valid ORCID iD', field: 'body/authors/0/orcid' })
    );
    render({ publish }, '0000-0002-1825-0097');
    await act(async () => button('Publish').click());
    expect(publish).toHaveBeenCalledWith(expect.objectContaining({ draft: false, authors: [{ name: 'Lovelace, Ada', orcid: '0000-0002-1825-0097' }] }));
    expect(host.querySelector('.jp-LeapPublish-error')!.textContent).toBe('Author 1, ORCID: is not a valid ORCID iD');
    const orcid = host.querySelector('[aria-label="Author 1 ORCID iD"]')!;
    expect(orcid.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(orcid.getAttribute('aria-describedby')!)!.textContent).toBe('is not a valid ORCID iD');
  });

  it('does not send a form with a wrong ORCID check digit', async () => {
    const publish = jest.fn();
    render({ publish }, '0000-0002-1825-0098');
    expect(host.textContent).toContain('This ORCID iD has a wrong check digit (last character).');
    await act(async () => button('Publish').click());
    expect(publish).not.toHaveBeenCalled();
    expect(host.querySelector('.jp-LeapPublish-error')!.textContent).toBe('Please correct the fields marked below.');
  });

  it('saves a draft and hands the result over', async () => {
    const result = { node: { id: 'code-1', title: 'SST trends' }, created: [], links: [] };
    const publish = jest.fn().mockResolvedValue(result);
    const onDone = render({ publish });
    await act(async () => button('Save as draft').click());
    expect(publish).toHaveBeenCalledWith(expect.objectContaining({ draft: true, title: 'SST trends' }));
    expect(onDone).toHaveBeenCalledWith(result, true);
  });
});
