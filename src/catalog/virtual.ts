/**
 * The window math of the virtualized result list: which rows to render for a
 * scroll position, with fixed-height rows.
 *
 * Browsers cap an element's height (Chrome ~33.5M px, Firefox ~17.9M px), so
 * 500,000 rows of 56 px (28M px) cannot be laid out 1:1. Past `maxHeight` the
 * scroll range is compressed: the spacer is `maxHeight` tall and a scroll
 * position maps linearly to a row position; rows are placed relative to the
 * viewport, so scrolling stays smooth within a screen and the scrollbar
 * still reaches the last row.
 */
export interface IWindowInput {
  /** The number of rows. */
  total: number;
  /** The height of one row, px. */
  rowHeight: number;
  /** The scroller's scrollTop, px. */
  scrollTop: number;
  /** The scroller's clientHeight, px. */
  viewportHeight: number;
  /** Extra rows rendered above and below the visible ones. */
  overscan?: number;
  /** The tallest spacer to lay out, px. */
  maxHeight?: number;
}

export interface IWindow {
  /** First row to render (inclusive). */
  start: number;
  /** Last row to render (exclusive). */
  end: number;
  /** The spacer's height, px (what the scrollbar sees). */
  height: number;
  /** Where row `start` goes, px from the spacer's top. */
  offset: number;
  /** Virtual px per real scroll px (1 unless compressed). */
  scale: number;
  /** The first fully or partly visible row (without overscan). */
  firstVisible: number;
  /** The last partly visible row (exclusive, without overscan). */
  lastVisible: number;
}

export const MAX_SCROLL_HEIGHT = 8_000_000;

export function computeWindow(input: IWindowInput): IWindow {
  const total = Math.max(0, Math.floor(input.total));
  const rowHeight = Math.max(1, input.rowHeight);
  const viewport = Math.max(0, input.viewportHeight);
  const overscan = Math.max(0, Math.floor(input.overscan ?? 4));
  const maxHeight = Math.max(viewport + rowHeight, input.maxHeight ?? MAX_SCROLL_HEIGHT);
  const fullHeight = total * rowHeight;
  const height = Math.min(fullHeight, maxHeight);
  const maxScroll = Math.max(0, height - viewport);
  const scrollTop = Math.min(Math.max(0, input.scrollTop), maxScroll);
  const fullMaxScroll = Math.max(0, fullHeight - viewport);
  const scale = maxScroll > 0 && fullHeight > height ? fullMaxScroll / maxScroll : 1;
  // the virtual position of the viewport's top in the full list
  const virtualTop = scrollTop * scale;
  if (total === 0) {
    return { start: 0, end: 0, height: 0, offset: 0, scale, firstVisible: 0, lastVisible: 0 };
  }
  const firstVisible = Math.min(total - 1, Math.floor(virtualTop / rowHeight));
  const lastVisible = Math.min(total, Math.ceil((virtualTop + viewport) / rowHeight));
  const start = Math.max(0, firstVisible - overscan);
  const end = Math.min(total, Math.max(lastVisible, firstVisible + 1) + overscan);
  // row i sits at i*rowHeight in the full list; in the spacer, relative to
  // the real scrollTop
  const offset = scrollTop + (start * rowHeight - virtualTop);
  return { start, end, height, offset, scale, firstVisible, lastVisible };
}

/**
 * The scrollTop that brings `row` fully into view (or keeps the current one
 * when it already is).
 */
export function scrollTopFor(
  row: number,
  input: Omit<IWindowInput, 'overscan'>
): number {
  const w = computeWindow({ ...input, overscan: 0 });
  const rowHeight = Math.max(1, input.rowHeight);
  const viewport = Math.max(0, input.viewportHeight);
  const virtualTop = Math.min(Math.max(0, input.scrollTop), Math.max(0, w.height - viewport)) * w.scale;
  const rowTop = row * rowHeight;
  let target = virtualTop;
  if (rowTop < virtualTop) {
    target = rowTop;
  } else if (rowTop + rowHeight > virtualTop + viewport) {
    target = rowTop + rowHeight - viewport;
  }
  return Math.max(0, target / w.scale);
}

/**
 * The pages (of `pageSize` rows) that rows [start, end) fall in.
 */
export function pagesFor(start: number, end: number, pageSize: number): number[] {
  if (end <= start) {
    return [];
  }
  const first = Math.floor(start / pageSize);
  const last = Math.floor((end - 1) / pageSize);
  const pages: number[] = [];
  for (let p = first; p <= last; p++) {
    pages.push(p);
  }
  return pages;
}
