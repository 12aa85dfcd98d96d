import type { CommandRegistry } from '@lumino/commands';
import type { INotebookTracker, Notebook, NotebookPanel } from '@jupyterlab/notebook';

/**
 * Where "Insert into notebook" put the snippet.
 */
export interface IInsertResult {
  /** The notebook's path. */
  path: string;
  /** Whether a new notebook was created for it. */
  created: boolean;
}

/**
 * The notebook operations the insertion needs (NotebookActions in the app,
 * fakes in tests).
 */
export interface INotebookOps {
  insertBelow(notebook: Notebook): void;
}

/**
 * Put `snippet` into a code cell of a notebook: below the active cell of the
 * current notebook, or, with no notebook open, into the first cell of a new
 * one (created with `notebook:create-new`).
 */
export async function insertSnippet(options: {
  snippet: string;
  tracker: INotebookTracker | null;
  commands: CommandRegistry;
  ops: INotebookOps;
  /** Activate the notebook afterwards (shell.activateById). */
  activate?: (id: string) => void;
  /** The kernel of a new notebook (the default spec); none asks the user. */
  kernelName?: string;
}): Promise<IInsertResult> {
  const { snippet, tracker, commands, ops, activate, kernelName } = options;
  const current = tracker?.currentWidget ?? null;
  if (current && !current.isDisposed) {
    placeBelowActive(current.content, snippet, ops);
    activate?.(current.id);
    return { path: current.context.path, created: false };
  }
  const panel = (await commands.execute(
    'notebook:create-new',
    kernelName ? { kernelName } : {}
  )) as NotebookPanel | undefined;
  if (!panel || !panel.content) {
    throw new Error('No notebook could be created.');
  }
  await panel.context.ready;
  placeInNew(panel.content, snippet, ops);
  activate?.(panel.id);
  return { path: panel.context.path, created: true };
}

/**
 * A new code cell below the active one, holding the snippet, made active.
 */
export function placeBelowActive(notebook: Notebook, snippet: string, ops: INotebookOps): void {
  if (!notebook.model) {
    throw new Error('The notebook is not loaded yet.');
  }
  ops.insertBelow(notebook);
  setActiveSource(notebook, snippet);
}

/**
 * In a new notebook: its first cell when that is an empty code cell, else a
 * new cell below the active one.
 */
export function placeInNew(notebook: Notebook, snippet: string, ops: INotebookOps): void {
  const model = notebook.model;
  if (!model) {
    throw new Error('The notebook is not loaded yet.');
  }
  const first = model.cells.length > 0 ? model.cells.get(0) : null;
  if (first && first.type === 'code' && first.sharedModel.getSource() === '') {
    notebook.activeCellIndex = 0;
    first.sharedModel.setSource(snippet);
    return;
  }
  placeBelowActive(notebook, snippet, ops);
}

function setActiveSource(notebook: Notebook, snippet: string): void {
  const cell = notebook.activeCell;
  if (!cell) {
    throw new Error('The notebook has no active cell.');
  }
  if (cell.model.type !== 'code') {
    // insertBelow makes a cell of the notebook's default type; we want code
    notebook.model?.sharedModel.transact(() => {
      const index = notebook.activeCellIndex;
      notebook.model!.sharedModel.deleteCell(index);
      notebook.model!.sharedModel.insertCell(index, { cell_type: 'code', source: snippet });
    });
    notebook.activeCellIndex = notebook.activeCellIndex;
    return;
  }
  cell.model.sharedModel.setSource(snippet);
}
