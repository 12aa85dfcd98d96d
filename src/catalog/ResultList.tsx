import type { TranslationBundle } from '@jupyterlab/translation';
import { lockIcon } from '@jupyterlab/ui-components';
import React, { forwardRef, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { ResultPages } from './pages';
import { listKeyAction } from './listKeys';
import { computeWindow, scrollTopFor } from './virtual';

export const ROW_HEIGHT = 64;

/**
 * The results as a listbox that renders only the rows in view (plus a few),
 * fetching their pages as they scroll in. Arrow keys, Page Up/Down, Home/End
 * move the active row; Enter opens it; Escape goes back to the search box.
 */
export const ResultList = forwardRef<HTMLDivElement, ResultList.IProps>(function ResultList(
  props,
  ref
) {
  const { pages, total, active, busy, trans, onActive, onOpen, onEscape, queryKey } = props;
  const scroller = useRef<HTMLDivElement | null>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(400);
  const frame = useRef(0);

  const setRefs = useCallback(
    (node: HTMLDivElement | null) => {
      scroller.current = node;
      if (typeof ref === 'function') {
        ref(node);
      } else if (ref) {
        ref.current = node;
      }
    },
    [ref]
  );

  // viewport size
  useLayoutEffect(() => {
    const node = scroller.current;
    if (!node) {
      return;
    }
    setViewport(node.clientHeight || 400);
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(() => setViewport(node.clientHeight || 400));
    observer.observe(node);
    return () => observer.disconnect();
  }, []);

  // a new answer starts at the top
  useLayoutEffect(() => {
    if (scroller.current) {
      scroller.current.scrollTop = 0;
    }
    setScrollTop(0);
  }, [queryKey]);

  const onScroll = useCallback(() => {
    if (frame.current) {
      return;
    }
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      setScrollTop(scroller.current?.scrollTop ?? 0);
    });
  }, []);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  const win = computeWindow({ total, rowHeight: ROW_HEIGHT, scrollTop, viewportHeight: viewport, overscan: 6 });

  // fetch the pages in view
  useEffect(() => {
    pages.ensure(win.start, win.end);
  }, [pages, win.start, win.end, total]);

  // keep the active row in view
  useEffect(() => {
    const node = scroller.current;
    if (!node || active < 0) {
      return;
    }
    const target = scrollTopFor(active, { total, rowHeight: ROW_HEIGHT, scrollTop: node.scrollTop, viewportHeight: node.clientHeight || viewport });
    if (Math.abs(target - node.scrollTop) >= 1) {
      node.scrollTop = target;
      setScrollTop(node.scrollTop);
    }
  }, [active]);

  const perPage = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1);
  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>): void => {
    const action = listKeyAction(event.key, { active, total, perPage });
    if (action.kind === 'none') {
      return;
    }
    event.preventDefault();
    if (action.kind === 'leave') {
      event.stopPropagation();
      onEscape();
    } else if (action.kind === 'open') {
      onOpen(action.index);
    } else {
      onActive(action.index);
    }
  };

  const rows: JSX.Element[] = [];
  for (let i = win.start; i < win.end; i++) {
    const item = pages.get(i);
    const top = win.offset + (i - win.start) * ROW_HEIGHT;
    const isActive = i === active;
    rows.push(
      <div
        key={i}
        id={`jp-leap-dl-row-${i}`}
        role="option"
        aria-selected={isActive}
        aria-setsize={total}
        aria-posinset={i + 1}
        aria-busy={!item}
        className={`jp-LeapDataLibrary-row${isActive ? ' jp-mod-active' : ''}${item ? '' : ' jp-mod-placeholder'}`}
        style={{ top, height: ROW_HEIGHT }}
        onMouseDown={event => event.preventDefault()}
        onClick={() => {
          scroller.current?.focus();
          onActive(i);
          onOpen(i);
        }}
        data-dataset-id={item?.id}
      >
        {item ? (
          <>
            <div className="jp-LeapDataLibrary-rowTitle">
              {!item.public && (
                <lockIcon.react
                  tag="span"
                  className="jp-LeapDataLibrary-lock"
                  title={trans.__('Has private stores')}
                />
              )}
              <span>{item.title}</span>
            </div>
            <div className="jp-LeapDataLibrary-rowSummary">{item.summary}</div>
            <div className="jp-LeapDataLibrary-rowMeta">
              {[
                item.license ?? trans.__('no license'),
                item.providers.slice(0, 2).join(', '),
                trans._n('%1 store', '%1 stores', item.stores)
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </>
        ) : (
          <div className="jp-LeapDataLibrary-rowTitle">{trans.__('Loading…')}</div>
        )}
      </div>
    );
  }

  return (
    <div
      ref={setRefs}
      id="jp-leap-dl-results"
      className="jp-LeapDataLibrary-results"
      role="listbox"
      tabIndex={0}
      aria-label={trans.__('Datasets')}
      aria-busy={busy}
      aria-activedescendant={active >= 0 && active < total ? `jp-leap-dl-row-${active}` : undefined}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (active < 0 && total > 0) {
          onActive(0);
        }
      }}
    >
      <div className="jp-LeapDataLibrary-spacer" style={{ height: win.height }}>
        {rows}
      </div>
    </div>
  );
});

export namespace ResultList {
  export interface IProps {
    pages: ResultPages;
    total: number;
    active: number;
    busy: boolean;
    trans: TranslationBundle;
    onActive: (index: number) => void;
    onOpen: (index: number) => void;
    onEscape: () => void;
    queryKey: string;
  }
}
