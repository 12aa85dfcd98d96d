/**
 * What a key does in the result list (a listbox whose rows are made active
 * with aria-activedescendant, not focused one by one).
 */
export type ListKeyAction =
  /** Make this row active. */
  | { kind: 'move'; index: number }
  /** Open the active row. */
  | { kind: 'open'; index: number }
  /** Leave the list for the search box. */
  | { kind: 'leave' }
  /** Not a key of the list: let it through. */
  | { kind: 'none' };

export interface IListKeyState {
  /** The active row, -1 for none. */
  active: number;
  /** The number of rows. */
  total: number;
  /** Rows that Page Up/Down move by. */
  perPage: number;
}

/**
 * ArrowDown/ArrowUp move by one (ArrowUp on the first row, or with none
 * active, leaves for the search box), Page Up/Down by a page, Home/End to
 * the ends; Enter and Space open the active row; Escape leaves.
 */
export function listKeyAction(key: string, state: IListKeyState): ListKeyAction {
  const { active, total } = state;
  const perPage = Math.max(1, Math.floor(state.perPage));
  if (total <= 0) {
    return key === 'Escape' ? { kind: 'leave' } : { kind: 'none' };
  }
  const last = total - 1;
  switch (key) {
    case 'ArrowDown':
      return { kind: 'move', index: Math.min(last, active + 1) };
    case 'ArrowUp':
      return active <= 0 ? { kind: 'leave' } : { kind: 'move', index: active - 1 };
    case 'PageDown':
      return { kind: 'move', index: Math.min(last, Math.max(0, active) + perPage) };
    case 'PageUp':
      return { kind: 'move', index: Math.max(0, active - perPage) };
    case 'Home':
      return { kind: 'move', index: 0 };
    case 'End':
      return { kind: 'move', index: last };
    case 'Enter':
    case ' ':
      return active >= 0 && active <= last ? { kind: 'open', index: active } : { kind: 'none' };
    case 'Escape':
      return { kind: 'leave' };
    default:
      return { kind: 'none' };
  }
}
