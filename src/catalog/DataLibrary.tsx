import type { TranslationBundle } from '@jupyterlab/translation';
import { clearIcon, filterIcon, searchIcon } from '@jupyterlab/ui-components';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { LeapApiClient, LeapApiError } from '../api';
import { ServiceUnavailable, useServiceStatus } from '../components';
import type { ILeapServiceStatus } from '../tokens';
import { DatasetDetailView } from './Detail';
import type { IInsertResult } from './insert';
import { FacetGroup, withActive } from './Facets';
import { resultCountLabel } from './labels';
import { debounce, LatestOnly } from './latest';
import { ResultPages } from './pages';
import {
  activeFilterCount,
  clearFilters,
  EMPTY_QUERY,
  IQueryState,
  isActive,
  MAX_QUERY_LENGTH,
  queryKey,
  toggleFilter,
  toSearchParams
} from './query';
import { ResultList } from './ResultList';
import type { DataLibraryController } from './widget';
import type { SearchResult } from './types';

/**
 * The pause in typing that starts a search. 100 ms: keystroke → results
 * painted stays under the 200 ms budget (issue #4) with the service's p95 at
 * 515k rows, while a burst of keys (under 100 ms apart) still asks once; a
 * slower typist's older answers are dropped (LatestOnly aborts them).
 */
export const SEARCH_DEBOUNCE_MS = 100;
const PAGE_SIZE = 100;

type Phase = 'loading' | 'ready' | 'error';

/**
 * The Data Library view: search box, facets, the virtualized results, and a
 * dataset's detail in place of the list.
 */
export function DataLibrary(props: DataLibrary.IProps): JSX.Element {
  const { client, status, trans, locale, controller, insert } = props;
  const snapshot = useServiceStatus(status);
  const online = snapshot.state === 'online';

  const [input, setInput] = useState('');
  const [query, setQuery] = useState<IQueryState>(EMPTY_QUERY);
  const [phase, setPhase] = useState<Phase>('loading');
  const [error, setError] = useState<LeapApiError | null>(null);
  const [, setVersion] = useState(0);
  const [active, setActive] = useState(-1);
  const [selected, setSelected] = useState<string | null>(null);
  const [showFilters, setShowFilters] = useState(true);
  const [expanded, setExpanded] = useState<Record<string, boolean>>({});
  const [answeredKey, setAnsweredKey] = useState<string | null>(null);

  const searchRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const latest = useMemo(() => new LatestOnly(), []);
  const pages = useMemo(
    () =>
      new ResultPages({
        pageSize: PAGE_SIZE,
        // later pages: the panel shows the first page's facets, so these count none
        fetchPage: (offset, limit) => search(client, queryRef.current, offset, limit, []),
        onChange: () => setVersion(v => v + 1)
      }),
    [client]
  );
  const queryRef = useRef(query);
  queryRef.current = query;

  const debounced = useMemo(
    () => debounce((q: string) => setQuery(s => (s.q === q ? s : { ...s, q })), SEARCH_DEBOUNCE_MS),
    []
  );
  useEffect(
    () => () => {
      debounced.cancel();
      latest.dispose();
      pages.dispose();
    },
    [debounced, latest, pages]
  );

  // run the search whenever what we ask changes (and when the service is back)
  const key = queryKey(query);
  const [retries, setRetries] = useState(0);
  useEffect(() => {
    if (!online) {
      return;
    }
    setPhase('loading');
    const asked = query;
    void latest
      .run(() => search(client, asked, 0, PAGE_SIZE))
      .then(
        outcome => {
          if (outcome.stale) {
            return;
          }
          pages.reset(outcome.value);
          setError(null);
          setPhase('ready');
          setActive(a => (a >= 0 ? Math.min(0, outcome.value.total - 1) : -1));
          setAnsweredKey(key);
        },
        reason => {
          setError(reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason));
          setPhase('error');
          if (reason instanceof LeapApiError && reason.unavailable) {
            void status.refresh();
          }
        }
      );
  }, [key, online, retries]);

  // the shell's "search data" command
  useEffect(() => {
    controller.connect(q => {
      setSelected(null);
      if (q !== undefined) {
        setInput(q);
        debounced.cancel();
        setQuery(s => ({ ...s, q }));
      }
      requestAnimationFrame(() => {
        searchRef.current?.focus();
        searchRef.current?.select();
      });
    });
    return () => controller.connect(null);
  }, [controller]);

  const onInput = useCallback(
    (event: React.ChangeEvent<HTMLInputElement>) => {
      const value = event.target.value;
      setInput(value);
      debounced.schedule(value);
    },
    [debounced]
  );

  const onSearchKey = useCallback(
    (event: React.KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') {
        debounced.flush();
      } else if (event.key === 'ArrowDown' && pages.total > 0) {
        event.preventDefault();
        setActive(a => (a < 0 ? 0 : a));
        listRef.current?.focus();
      } else if (event.key === 'Escape' && input) {
        event.stopPropagation();
        setInput('');
        debounced.cancel();
        setQuery(s => ({ ...s, q: '' }));
      }
    },
    [debounced, input, pages]
  );

  const toggle = useCallback((name: string, value: string) => {
    setQuery(s => toggleFilter(s, name, value));
  }, []);

  const open = useCallback((index: number) => {
    const item = pages.get(index);
    if (item) {
      setActive(index);
      setSelected(item.id);
    }
  }, [pages]);

  const back = useCallback(() => {
    setSelected(null);
    requestAnimationFrame(() => (active >= 0 ? listRef.current : searchRef.current)?.focus());
  }, [active]);

  const filterTotal = activeFilterCount(query);
  const facets = withActive(pages.facets, query);
  const total = pages.total;
  const announce =
    !online
      ? ''
      : phase === 'loading' && answeredKey === null
        ? trans.__('Searching…')
        : phase === 'error'
          ? trans.__('The search failed.')
          : resultCountLabel(trans, total, locale);

  const failed = phase === 'error' && error !== null;
  const nothing = phase !== 'loading' && total === 0;
  // the search box controls the list only while there is one
  const listShown = online && !failed && !nothing;

  if (selected) {
    return (
      <div className="jp-LeapDataLibrary-view">
        <DatasetDetailView
          id={selected}
          client={client}
          trans={trans}
          locale={locale}
          onBack={back}
          onTag={tag => {
            setQuery(s => (isActive(s, 'tag', tag) ? s : toggleFilter(s, 'tag', tag)));
            back();
          }}
          insert={insert}
        />
      </div>
    );
  }

  return (
    <div className="jp-LeapDataLibrary-view">
      <div className="jp-LeapDataLibrary-header">
        <h2 className="jp-LeapDataLibrary-heading">{trans.__('Data Library')}</h2>
        {props.requestDataset ? (
          <button type="button" className="jp-Button jp-mod-styled jp-LeapDataLibrary-request" onClick={props.requestDataset}>
            {trans.__('Request a dataset')}
          </button>
        ) : null}
      </div>
      <div className="jp-LeapDataLibrary-search" role="search">
        <searchIcon.react className="jp-LeapDataLibrary-searchIcon" tag="span" />
        <input
          ref={searchRef}
          type="search"
          className="jp-LeapDataLibrary-searchInput"
          placeholder={trans.__('Search datasets, variables, tags…')}
          aria-label={trans.__('Search the data catalog')}
          aria-controls={listShown ? 'jp-leap-dl-results' : undefined}
          value={input}
          maxLength={MAX_QUERY_LENGTH}
          onChange={onInput}
          onKeyDown={onSearchKey}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      {!online ? (
        <ServiceUnavailable snapshot={snapshot} trans={trans} onRetry={() => status.refresh()} />
      ) : (
        <>
          <div className="jp-LeapDataLibrary-filterBar">
            <button
              type="button"
              className="jp-LeapDataLibrary-filterToggle"
              aria-expanded={showFilters}
              aria-controls="jp-leap-dl-facets"
              onClick={() => setShowFilters(v => !v)}
            >
              <filterIcon.react tag="span" className="jp-LeapDataLibrary-buttonIcon" />
              {filterTotal > 0
                ? trans.__('Filters (%1)', filterTotal)
                : trans.__('Filters')}
            </button>
            {filterTotal > 0 && (
              <button
                type="button"
                className="jp-LeapDataLibrary-clear"
                onClick={() => setQuery(s => clearFilters(s))}
              >
                <clearIcon.react tag="span" className="jp-LeapDataLibrary-buttonIcon" />
                {trans.__('Clear all')}
              </button>
            )}
          </div>
          {showFilters && (
            <div id="jp-leap-dl-facets" className="jp-LeapDataLibrary-facets">
              {facets.map(facet => (
                <FacetGroup
                  key={facet.name}
                  facet={facet}
                  query={query}
                  trans={trans}
                  locale={locale}
                  expanded={!!expanded[facet.name]}
                  onExpand={() => setExpanded(e => ({ ...e, [facet.name]: !e[facet.name] }))}
                  onToggle={toggle}
                />
              ))}
            </div>
          )}
          <div className="jp-LeapDataLibrary-count" role="status" aria-live="polite" aria-atomic="true">
            {announce}
          </div>
          {failed && error ? (
            <div className="jp-LeapDataLibrary-error" role="alert">
              <p>{trans.__('The catalog could not be searched.')}</p>
              <p className="jp-LeapDataLibrary-errorDetail">{error.message}</p>
              <button
                type="button"
                className="jp-Button jp-mod-styled jp-mod-accept"
                onClick={() => setRetries(r => r + 1)}
              >
                {trans.__('Try again')}
              </button>
            </div>
          ) : nothing ? (
            <div className="jp-LeapDataLibrary-empty">
              <p>{trans.__('No dataset matches.')}</p>
              {(filterTotal > 0 || query.q) && (
                <p>{trans.__('Try other words or fewer filters.')}</p>
              )}
            </div>
          ) : (
            <ResultList
              ref={listRef}
              pages={pages}
              total={total}
              active={active}
              busy={phase === 'loading'}
              trans={trans}
              onActive={setActive}
              onOpen={open}
              onEscape={() => searchRef.current?.focus()}
              queryKey={answeredKey ?? ''}
            />
          )}
        </>
      )}
    </div>
  );
}

export namespace DataLibrary {
  export interface IProps {
    client: LeapApiClient;
    status: ILeapServiceStatus;
    trans: TranslationBundle;
    locale?: string;
    controller: DataLibraryController;
    insert: (snippet: string) => Promise<IInsertResult>;
    /** Opens the dataset request form (leap:request-dataset). */
    requestDataset?: () => void;
  }
}

/**
 * One search call. The first page counts every facet (the panel shows them
 * all: the built-in ones and each source's columns, learned from the answer
 * itself, so no separate request and no stale list after a source changes);
 * later pages pass `facets = []`, counting none.
 */
function search(
  client: LeapApiClient,
  query: IQueryState,
  offset: number,
  limit: number,
  facets?: ReadonlyArray<string>
): Promise<SearchResult> {
  return client.request<SearchResult>('catalog/search', {
    query: toSearchParams(query, offset, limit, facets)
  });
}
