import type { INotebookTracker } from '@jupyterlab/notebook';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import type { Tutorial, TutorialStep } from './api';
import { runCheck } from './checks';
import { checkKernel, notebookPath, openNotebook } from './notebook';
import { Highlight } from './overlay';
import type { IPlayerActions } from './Player';
import { resolveTarget } from './target';

export interface IActionOptions {
  commands: CommandRegistry;
  notebooks: INotebookTracker | null;
  trans: TranslationBundle;
  /** Seconds to wait for a busy kernel, and for a check's answer. */
  timeouts: () => { busy: number; run: number };
}

/**
 * The player's actions for one tutorial, done with JupyterLab's commands,
 * the notebook tracker and the step's kernel.
 */
export function createActions(tutorial: Tutorial, options: IActionOptions): IPlayerActions {
  const { commands, notebooks, trans } = options;
  const dest = tutorial.files.kind === 'none' ? null : tutorial.files.dest;
  const pathOf = (step: TutorialStep): string | null => (step.notebook ? notebookPath(dest, step.notebook) : null);
  let current: Highlight | null = null;

  return {
    async openNotebook(step) {
      const path = pathOf(step);
      if (path) {
        await openNotebook(commands, path, step.cell).catch(reason =>
          console.warn(`Tutorial: cannot open ${path}`, reason)
        );
      }
    },

    highlight(step) {
      current?.dismiss();
      if (!step.target) {
        return null;
      }
      const element = resolveTarget(document, step.target);
      if (!element) {
        const command = 'command' in step.target ? step.target.command : null;
        if (command && commands.hasCommand(command)) {
          const label = commands.label(command) || command;
          const binding = commands.keyBindings.find(b => b.command === command);
          return binding
            ? trans.__('Look for “%1” in the menus (shortcut: %2).', label, binding.keys.join(', '))
            : trans.__('Look for “%1” in the menus or the command palette.', label);
        }
        return trans.__('What this step points at is not on screen right now.');
      }
      element.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const name = element.getAttribute('aria-label') || element.getAttribute('title') || element.textContent?.trim() || '';
      current = new Highlight(
        element,
        trans.__('Highlighted: %1. Press Escape to dismiss.', name.slice(0, 80) || trans.__('the element for this step'))
      );
      return null;
    },

    async doIt(step) {
      if (!step.doIt) {
        return null;
      }
      if (!commands.hasCommand(step.doIt.command)) {
        return trans.__('This step’s action (%1) is not available here.', step.doIt.command);
      }
      const path = pathOf(step);
      if (path) {
        await openNotebook(commands, path, step.cell);
      }
      try {
        await commands.execute(step.doIt.command, (step.doIt.args ?? {}) as any);
        return trans.__('Done: %1.', commands.label(step.doIt.command, (step.doIt.args ?? {}) as any) || step.doIt.command);
      } catch (reason) {
        return trans.__('The action failed: %1', reason instanceof Error ? reason.message : String(reason));
      }
    },

    check(step, onWaiting) {
      const { busy, run } = options.timeouts();
      return runCheck(checkKernel(notebooks, pathOf(step)), {
        code: step.check!.code,
        hint: step.check!.hint,
        trans,
        busyTimeout: busy * 1000,
        runTimeout: run * 1000,
        onWaiting
      });
    }
  };
}
