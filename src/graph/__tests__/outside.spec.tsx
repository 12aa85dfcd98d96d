import type { JupyterFrontEnd } from '@jupyterlab/application';
import type { ICommandPalette } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import React, { act } from 'react';
import { createRoot, Root } from 'react-dom/client';
import { LeapApiClient, LeapApiError } from '../../api';
import { CommandIDs, LEAP_CATEGORY } from '../../tokens';
import { registerOutsideCommands } from '../outside-commands';
import type { OutsideImportResult } from '../outside/api';
import { resultMessage } from '../outside';
import { OutsideForm } from '../outside/OutsideForm';
import { doiOf, repositoryOf } from '../outside/validate';

const trans = nullTranslator.load('jupyterlab_leap');

describe('outside sources: input checks', () => {
  it('reads owner/repo from what people paste, and refuses the rest', () => {
    expect(repositoryOf('SDXorg/pysd')).toBe('SDXorg/pysd');
    expect(repositoryOf(' https://github.com/SDXorg/pysd.git ')).toBe('SDXorg/pysd');
    expect(repositoryOf('github.com/SDXorg/pysd/tree/master/docs')).toBe('SDXorg/pysd');
    expect(repositoryOf('git@github.com:SDXorg/pysd.git')).toBe('SDXorg/pysd');
    for (const bad of ['', 'pysd', 'SDXorg/pysd/docs', 'https://gitlab.com/a/b', 'a b/c', 'a/..']) {
      expect(repositoryOf(bad)).toBeNull();
    }
  });

  it('reads a DOI in its three spellings', () => {
    expect(doiOf('10.5281/zenodo.3763274')).toBe('10.5281/zenodo.3763274');
    expect(doiOf('doi:10.1371/journal.pone.0033693')).toBe('10.1371/journal.pone.0033693');
    expect(doiOf('https://doi.org/10.1371/journal.pone.0033693')).toBe('10.1371/journal.pone.0033693');
    expect(doiOf('zenodo 3763274')).toBeNull();
  });
});

describe('OutsideForm', () => {
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

  function render(source: 'github' | 'doi', submit: jest.Mock, initial = '', onDone = jest.fn()): jest.Mock {
    act(() => root.render(<OutsideForm source={source} trans={trans} initial={initial} submit={submit} onDone={onDone} onCancel={jest.fn()} />));
    return onDone;
  }
  const input = () => host.querySelector('input')!;
  const type = (value: string) =>
    act(() => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input(), value);
      input().dispatchEvent(new Event('input', { bubbles: true }));
    });
  const send = () => act(async () => host.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true })));

  it('is a labelled field that refuses what is not a repository, naming the expected form, without sending it', async () => {
    const submit = jest.fn();
    render('github', submit);
    expect(host.querySelector(`label[for="${input().id}"]`)!.textContent).toBe('GitHub repository');
    type('just words');
    await send();
    expect(submit).not.toHaveBeenCalled();
    expect(input().getAttribute('aria-invalid')).toBe('true');
    const problem = host.querySelector('[role="alert"]')!;
    expect(problem.textContent).toContain('owner/repo');
    expect(input().getAttribute('aria-describedby')).toContain(problem.id);
  });

  it('sends owner/repo, shows progress, and hands the result over', async () => {
    let finish: (result: OutsideImportResult) => void = () => undefined;
    const submit = jest.fn(() => new Promise<OutsideImportResult>(resolve => (finish = resolve)));
    const onDone = render('github', submit, 'https://github.com/SDXorg/pysd');
    await send();
    expect(submit).toHaveBeenCalledWith('SDXorg/pysd');
    expect(host.querySelector('[role="status"]')!.textContent).toContain('Reading SDXorg/pysd from GitHub');
    // read-only, not disabled: the field keeps the keyboard focus while the service works
    expect(input().readOnly).toBe(true);
    expect(input().getAttribute('aria-disabled')).toBe('true');
    expect(host.querySelector('button[type="submit"]')!.getAttribute('aria-disabled')).toBe('true');
    const result = { outcome: 'created', node: { id: 'code-1', title: 'PySD' } } as unknown as OutsideImportResult;
    await act(async () => finish(result));
    expect(onDone).toHaveBeenCalledWith(result);
  });

  it('shows a rate limit with its reset time, and a DOI nobody knows', async () => {
    const limited = new LeapApiError({ status: 429, code: 'rate_limited', message: "GitHub's rate limit is used up: try again after 2030-03-17T17:46:40Z" });
    render('github', jest.fn().mockRejectedValue(limited), 'SDXorg/pysd');
    await send();
    const failure = host.querySelector('.jp-LeapOutside-failure')!;
    expect(failure.getAttribute('role')).toBe('alert');
    expect(failure.textContent).toContain('GitHub rate limit reached');
    expect(failure.textContent).toContain('2030-03-17T17:46:40Z');
    expect(host.querySelector('button[type="submit"]')!.textContent).toBe('Try again');

    const unknown = new LeapApiError({ status: 404, code: 'not_found', message: 'DOI 10.1371/notarealdoi is unknown: neither DataCite nor Crossref has metadata for it', field: 'body/doi' });
    act(() => root.unmount());
    root = createRoot(host);
    render('doi', jest.fn().mockRejectedValue(unknown), 'doi:10.1371/notarealdoi');
    await send();
    expect(host.querySelector('.jp-LeapOutside-failure')!.textContent).toBe(
      'Unknown DOIDOI 10.1371/notarealdoi is unknown: neither DataCite nor Crossref has metadata for it'
    );
  });

  it('words the outcome of an import', () => {
    const node = { title: 'PySD', version: 'v3.9.0' };
    expect(resultMessage({ outcome: 'created', node } as OutsideImportResult, trans)).toBe('Added "PySD" to the knowledge graph.');
    expect(resultMessage({ outcome: 'new-version', node } as OutsideImportResult, trans)).toBe('Added version v3.9.0 of "PySD": its latest release changed.');
    expect(resultMessage({ outcome: 'updated', node } as OutsideImportResult, trans)).toBe('Updated "PySD" in the knowledge graph.');
  });
});

describe('registerOutsideCommands', () => {
  it('registers leap:add-from-github and leap:add-by-doi once, each in the palette', () => {
    const commands = new CommandRegistry();
    const palette = { addItem: jest.fn() };
    registerOutsideCommands({ commands } as unknown as JupyterFrontEnd, {} as LeapApiClient, trans, palette as unknown as ICommandPalette);
    expect(CommandIDs.addFromGitHub).toBe('leap:add-from-github');
    expect(CommandIDs.addByDoi).toBe('leap:add-by-doi');
    for (const id of [CommandIDs.addFromGitHub, CommandIDs.addByDoi]) {
      expect(commands.hasCommand(id)).toBe(true);
      expect(palette.addItem).toHaveBeenCalledWith({ command: id, category: LEAP_CATEGORY, args: { isPalette: true } });
    }
    expect(commands.label(CommandIDs.addFromGitHub, { isPalette: true })).toBe('LEAP: Add a GitHub repository to the Knowledge Graph');
    expect(commands.label(CommandIDs.addByDoi, {})).toBe('Add by DOI…');
  });
});
