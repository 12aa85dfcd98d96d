import type { StepTarget } from './api';

/**
 * Where a step's UI target may be on screen. A command id is looked for, in
 * order, as a toolbar button, an open menu's item, a command palette entry and
 * a launcher card (JupyterLab marks all of them with `data-command`); a
 * selector is used as written.
 */
export function targetSelectors(target: StepTarget): string[] {
  if ('command' in target) {
    const id = cssString(target.command);
    return [
      `.jp-Toolbar [data-command="${id}"]`,
      `.lm-Menu-item[data-command="${id}"]`,
      `.lm-CommandPalette-item[data-command="${id}"]`,
      `.jp-LauncherCard[data-command="${id}"]`,
      `[data-command="${id}"]`
    ];
  }
  return [target.selector];
}

/**
 * The first element matching the target that is on screen (`visible` decides;
 * the default asks the layout). An invalid selector matches nothing.
 */
export function resolveTarget(
  root: ParentNode,
  target: StepTarget,
  visible: (element: Element) => boolean = isOnScreen
): Element | null {
  for (const selector of targetSelectors(target)) {
    let found: Element[];
    try {
      found = Array.from(root.querySelectorAll(selector));
    } catch {
      continue;
    }
    const shown = found.find(visible);
    if (shown) {
      return shown;
    }
  }
  return null;
}

/**
 * Whether the element takes up space on screen (not display:none, not in a hidden panel).
 */
export function isOnScreen(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0;
}

/**
 * A value safe inside a double-quoted CSS attribute selector.
 */
function cssString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
