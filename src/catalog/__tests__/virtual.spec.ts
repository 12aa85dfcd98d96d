import { computeWindow, MAX_SCROLL_HEIGHT, pagesFor, scrollTopFor } from '../virtual';

describe('virtual list window', () => {
  const base = { rowHeight: 64, viewportHeight: 640, overscan: 2 };

  it('renders nothing for no rows', () => {
    expect(computeWindow({ ...base, total: 0, scrollTop: 0 })).toMatchObject({ start: 0, end: 0, height: 0 });
  });

  it('renders the visible rows and the overscan at the top', () => {
    const w = computeWindow({ ...base, total: 100, scrollTop: 0 });
    expect(w).toMatchObject({ start: 0, end: 12, height: 6400, offset: 0, scale: 1, firstVisible: 0, lastVisible: 10 });
  });

  it('places the window in the middle, half rows included', () => {
    const w = computeWindow({ ...base, total: 100, scrollTop: 64 * 20 + 10 });
    expect(w.firstVisible).toBe(20);
    expect(w.lastVisible).toBe(31);
    expect(w.start).toBe(18);
    expect(w.end).toBe(33);
    expect(w.offset).toBe(18 * 64);
  });

  it('clamps past the end and for fewer rows than fit', () => {
    const end = computeWindow({ ...base, total: 100, scrollTop: 1e9 });
    expect(end.end).toBe(100);
    expect(end.lastVisible).toBe(100);
    const few = computeWindow({ ...base, total: 3, scrollTop: 50 });
    expect(few).toMatchObject({ start: 0, end: 3, height: 192 });
  });

  it('renders a few dozen rows, never all, at 500,000 results', () => {
    const total = 500_000;
    for (const scrollTop of [0, 1234, 4_000_000, MAX_SCROLL_HEIGHT]) {
      const w = computeWindow({ ...base, total, scrollTop });
      expect(w.end - w.start).toBeLessThanOrEqual(15);
      expect(w.height).toBe(MAX_SCROLL_HEIGHT);
    }
  });

  it('compresses a list taller than the browser allows and still reaches both ends', () => {
    const total = 500_000;
    const top = computeWindow({ ...base, total, scrollTop: 0 });
    expect(top.firstVisible).toBe(0);
    expect(top.scale).toBeGreaterThan(1);
    const bottom = computeWindow({ ...base, total, scrollTop: MAX_SCROLL_HEIGHT - 640 });
    expect(bottom.lastVisible).toBe(total);
    expect(bottom.end).toBe(total);
    // the last row sits at the bottom of the viewport
    const lastTop = bottom.offset + (total - 1 - bottom.start) * 64;
    expect(lastTop + 64).toBeCloseTo(MAX_SCROLL_HEIGHT, 3);
    const middle = computeWindow({ ...base, total, scrollTop: (MAX_SCROLL_HEIGHT - 640) / 2 });
    expect(Math.abs(middle.firstVisible - total / 2)).toBeLessThan(10);
  });

  it('moves rows by the scrolled amount within a screen (smooth)', () => {
    const total = 500_000;
    const a = computeWindow({ ...base, total, overscan: 0, scrollTop: 100_000 });
    const b = computeWindow({ ...base, total, overscan: 0, scrollTop: 100_001 });
    // a row visible in both moves up by scale virtual px = 1 real px... on screen, at most one row
    const rowA = a.start + 1;
    const posA = a.offset + (rowA - a.start) * 64 - 100_000;
    const posB = b.offset + (rowA - b.start) * 64 - 100_001;
    expect(Math.abs(posA - posB)).toBeLessThan(64);
  });

  it('scrolls just enough to show a row', () => {
    const input = { total: 100, rowHeight: 64, viewportHeight: 640, scrollTop: 0 };
    expect(scrollTopFor(3, input)).toBe(0);
    expect(scrollTopFor(10, input)).toBe(64);
    expect(scrollTopFor(5, { ...input, scrollTop: 64 * 8 })).toBe(64 * 5);
    const big = { ...input, total: 500_000 };
    const target = scrollTopFor(250_000, big);
    const w = computeWindow({ ...big, scrollTop: target, overscan: 0 });
    expect(w.firstVisible).toBeLessThanOrEqual(250_000);
    expect(w.lastVisible).toBeGreaterThan(250_000);
  });

  it('names the pages of a row range', () => {
    expect(pagesFor(0, 0, 100)).toEqual([]);
    expect(pagesFor(0, 12, 100)).toEqual([0]);
    expect(pagesFor(95, 110, 100)).toEqual([0, 1]);
    expect(pagesFor(250_000, 250_014, 100)).toEqual([2500]);
  });
});
