import { listKeyAction } from '../listKeys';

describe('listKeyAction', () => {
  const at = (active: number, total = 50, perPage = 9) => ({ active, total, perPage });

  it('moves one row with the arrows, stopping at the last row', () => {
    expect(listKeyAction('ArrowDown', at(-1))).toEqual({ kind: 'move', index: 0 });
    expect(listKeyAction('ArrowDown', at(3))).toEqual({ kind: 'move', index: 4 });
    expect(listKeyAction('ArrowDown', at(49))).toEqual({ kind: 'move', index: 49 });
    expect(listKeyAction('ArrowUp', at(4))).toEqual({ kind: 'move', index: 3 });
  });

  it('leaves for the search box with ArrowUp on the first row (or none) and with Escape', () => {
    expect(listKeyAction('ArrowUp', at(0))).toEqual({ kind: 'leave' });
    expect(listKeyAction('ArrowUp', at(-1))).toEqual({ kind: 'leave' });
    expect(listKeyAction('Escape', at(7))).toEqual({ kind: 'leave' });
    expect(listKeyAction('Escape', at(-1, 0))).toEqual({ kind: 'leave' });
  });

  it('pages by the rows in view and jumps to the ends', () => {
    expect(listKeyAction('PageDown', at(-1))).toEqual({ kind: 'move', index: 9 });
    expect(listKeyAction('PageDown', at(45))).toEqual({ kind: 'move', index: 49 });
    expect(listKeyAction('PageUp', at(12))).toEqual({ kind: 'move', index: 3 });
    expect(listKeyAction('PageUp', at(4))).toEqual({ kind: 'move', index: 0 });
    expect(listKeyAction('PageDown', at(0, 50, 0))).toEqual({ kind: 'move', index: 1 });
    expect(listKeyAction('Home', at(30))).toEqual({ kind: 'move', index: 0 });
    expect(listKeyAction('End', at(3, 500_000))).toEqual({ kind: 'move', index: 499_999 });
  });

  it('opens the active row with Enter or Space, nothing without one', () => {
    expect(listKeyAction('Enter', at(5))).toEqual({ kind: 'open', index: 5 });
    expect(listKeyAction(' ', at(0))).toEqual({ kind: 'open', index: 0 });
    expect(listKeyAction('Enter', at(-1))).toEqual({ kind: 'none' });
    expect(listKeyAction('Enter', at(60))).toEqual({ kind: 'none' });
  });

  it('lets other keys through, and does nothing but leave in an empty list', () => {
    expect(listKeyAction('a', at(5))).toEqual({ kind: 'none' });
    expect(listKeyAction('Tab', at(5))).toEqual({ kind: 'none' });
    expect(listKeyAction('ArrowDown', at(-1, 0))).toEqual({ kind: 'none' });
    expect(listKeyAction('End', at(-1, 0))).toEqual({ kind: 'none' });
  });
});
