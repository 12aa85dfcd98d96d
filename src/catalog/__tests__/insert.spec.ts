import { CommandRegistry } from '@lumino/commands';
import type { INotebookTracker, Notebook, NotebookPanel } from '@jupyterlab/notebook';
import { insertSnippet, placeInNew } from '../insert';

const SNIPPET = 'import xarray as xr\nds = xr.open_dataset("gs://b/x.zarr", engine="zarr", chunks={})';

interface IFakeCell {
  type: 'code' | 'markdown';
  source: string;
}

/**
 * Just enough of a Notebook: cells with a shared model, an active index.
 */
function fakeNotebook(cells: IFakeCell[], activeCellIndex = 0): Notebook & { cells: IFakeCell[] } {
  const shared = (cell: IFakeCell) => ({
    getSource: () => cell.source,
    setSource: (s: string) => (cell.source = s)
  });
  const nb: any = {
    cells,
    activeCellIndex,
    get activeCell() {
      const cell = cells[nb.activeCellIndex];
      return cell ? { model: { type: cell.type, sharedModel: shared(cell) } } : null;
    },
    model: {
      cells: {
        get length() {
          return cells.length;
        },
        get: (i: number) => ({ type: cells[i].type, sharedModel: shared(cells[i]) })
      },
      sharedModel: {
        transact: (fn: () => void) => fn(),
        deleteCell: (i: number) => cells.splice(i, 1),
        insertCell: (i: number, c: { cell_type: 'code'; source: string }) =>
          cells.splice(i, 0, { type: c.cell_type, source: c.source })
      }
    }
  };
  return nb;
}

const ops = {
  insertBelow: jest.fn((nb: Notebook) => {
    const fake = nb as unknown as { cells: IFakeCell[]; activeCellIndex: number };
    fake.cells.splice(fake.activeCellIndex + 1, 0, { type: 'code', source: '' });
    fake.activeCellIndex += 1;
  })
};

describe('insert the open snippet', () => {
  beforeEach(() => ops.insertBelow.mockClear());

  it('adds a code cell below the active cell of the current notebook', async () => {
    const nb = fakeNotebook([{ type: 'code', source: 'a = 1' }, { type: 'code', source: 'b = 2' }], 0);
    const tracker = { currentWidget: { id: 'nb1', isDisposed: false, content: nb, context: { path: 'work.ipynb' } } };
    const commands = new CommandRegistry();
    const activate = jest.fn();
    const result = await insertSnippet({
      snippet: SNIPPET,
      tracker: tracker as unknown as INotebookTracker,
      commands,
      ops,
      activate
    });
    expect(result).toEqual({ path: 'work.ipynb', created: false });
    expect(nb.cells.map(c => c.source)).toEqual(['a = 1', SNIPPET, 'b = 2']);
    expect(nb.activeCellIndex).toBe(1);
    expect(activate).toHaveBeenCalledWith('nb1');
  });

  it('makes the new cell a code cell when the notebook defaults to markdown', async () => {
    const nb = fakeNotebook([{ type: 'markdown', source: '# notes' }], 0);
    const markdownOps = {
      insertBelow: (n: Notebook) => {
        const fake = n as unknown as { cells: IFakeCell[]; activeCellIndex: number };
        fake.cells.push({ type: 'markdown', source: '' });
        fake.activeCellIndex = 1;
      }
    };
    const tracker = { currentWidget: { id: 'nb', isDisposed: false, content: nb, context: { path: 'n.ipynb' } } };
    await insertSnippet({ snippet: SNIPPET, tracker: tracker as unknown as INotebookTracker, commands: new CommandRegistry(), ops: markdownOps });
    expect(nb.cells).toEqual([{ type: 'markdown', source: '# notes' }, { type: 'code', source: SNIPPET }]);
  });

  it('creates a notebook when none is open and puts the snippet in its empty first cell', async () => {
    const nb = fakeNotebook([{ type: 'code', source: '' }]);
    const commands = new CommandRegistry();
    const create = jest.fn(() => ({ id: 'new', content: nb, context: { path: 'Untitled.ipynb', ready: Promise.resolve() } }) as unknown as NotebookPanel);
    commands.addCommand('notebook:create-new', { execute: create });
    const result = await insertSnippet({
      snippet: SNIPPET,
      tracker: { currentWidget: null } as unknown as INotebookTracker,
      commands,
      ops,
      kernelName: 'python3'
    });
    expect(create).toHaveBeenCalledTimes(1);
    expect(create).toHaveBeenCalledWith({ kernelName: 'python3' });
    expect(result).toEqual({ path: 'Untitled.ipynb', created: true });
    expect(nb.cells).toEqual([{ type: 'code', source: SNIPPET }]);
    expect(ops.insertBelow).not.toHaveBeenCalled();
  });

  it('adds below in a new notebook whose first cell is not empty', () => {
    const nb = fakeNotebook([{ type: 'code', source: 'print(1)' }]);
    placeInNew(nb, SNIPPET, ops);
    expect(nb.cells.map(c => c.source)).toEqual(['print(1)', SNIPPET]);
  });

  it('says so when no notebook could be created', async () => {
    const commands = new CommandRegistry();
    commands.addCommand('notebook:create-new', { execute: () => undefined });
    await expect(
      insertSnippet({ snippet: SNIPPET, tracker: null, commands, ops })
    ).rejects.toThrow('No notebook could be created.');
  });
});
