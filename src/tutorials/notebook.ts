import type { Kernel } from '@jupyterlab/services';
import type { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type { CommandRegistry } from '@lumino/commands';

/**
 * What identifies a cell in a notebook: its id and its tags.
 */
export interface ICellInfo {
  id: string;
  tags: ReadonlyArray<string>;
}

/**
 * The index of a step's `cell` in a notebook: a number is the 0-based index;
 * a string is a cell id, else the first cell with that tag. -1: not there.
 */
export function findCellIndex(cells: ReadonlyArray<ICellInfo>, ref: number | string): number {
  if (typeof ref === 'number') {
    return Number.isInteger(ref) && ref >= 0 && ref < cells.length ? ref : -1;
  }
  const byId = cells.findIndex(c => c.id === ref);
  return byId >= 0 ? byId : cells.findIndex(c => c.tags.includes(ref));
}

/**
 * A step's notebook path in the learner's home: relative to the tutorial's folder.
 */
export function notebookPath(dest: string | null, notebook: string): string {
  const clean = notebook.replace(/^\.?\/+/, '');
  return dest ? `${dest.replace(/\/+$/, '')}/${clean}` : clean;
}

/**
 * Open (or reveal) the notebook and make `cell` the active cell, scrolled into view.
 */
export async function openNotebook(
  commands: CommandRegistry,
  path: string,
  cell: number | string | undefined
): Promise<NotebookPanel | null> {
  const widget = (await commands.execute('docmanager:open', { path, factory: 'Notebook' })) as NotebookPanel | undefined;
  if (!widget?.content) {
    return null;
  }
  await widget.context.ready;
  if (cell !== undefined) {
    const cells = Array.from(widget.content.model?.cells ?? []).map(c => ({
      id: c.id,
      tags: Array.isArray(c.getMetadata('tags')) ? (c.getMetadata('tags') as string[]) : []
    }));
    const index = findCellIndex(cells, cell);
    if (index >= 0) {
      widget.content.activeCellIndex = index;
      await widget.content.scrollToItem(index, 'center');
    }
  }
  return widget;
}

/**
 * The kernel a step's check runs in: that of the step's notebook when it is
 * open, else that of the current notebook.
 */
export function checkKernel(tracker: INotebookTracker | null, path: string | null): Kernel.IKernelConnection | null {
  if (!tracker) {
    return null;
  }
  const own = path ? tracker.find(panel => panel.context.path === path) : undefined;
  const panel = own ?? tracker.currentWidget;
  return panel?.sessionContext.session?.kernel ?? null;
}
