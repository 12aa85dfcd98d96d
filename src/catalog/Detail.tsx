import { Clipboard, Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { addBelowIcon, caretLeftIcon, copyIcon, lockIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useMemo, useRef, useState } from 'react';
import { LeapApiClient, LeapApiError } from '../api';
import { formatDateTime } from '../components';
import type { IInsertResult } from './insert';
import { LatestOnly } from './latest';
import { renderMarkdown, safeUrl } from '../components/markdown';
import { StoreVariables } from './StoreVariables';
import type { DatasetDetail, Store } from './types';
import { UsedBy } from './UsedBy';

/**
 * One dataset: description, tags, license, providers, maintainers, links,
 * attributes and its stores with copy/insert actions. Escape goes back.
 */
export function DatasetDetailView(props: DatasetDetailView.IProps): JSX.Element {
  const { id, client, trans, locale, onBack, onTag, insert } = props;
  const [detail, setDetail] = useState<DatasetDetail | null>(null);
  const [error, setError] = useState<LeapApiError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const latest = useMemo(() => new LatestOnly(), []);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => () => latest.dispose(), [latest]);
  useEffect(() => {
    setError(null);
    void latest
      .run(() => client.request<DatasetDetail>(`catalog/datasets/${encodeURIComponent(id)}`))
      .then(
        outcome => {
          if (!outcome.stale) {
            setDetail(outcome.value);
          }
        },
        reason => setError(reason instanceof LeapApiError ? reason : LeapApiError.unavailable(reason))
      );
  }, [id, attempt]);

  useEffect(() => {
    root.current?.focus();
  }, []);

  const onKeyDown = (event: React.KeyboardEvent): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onBack();
    }
  };

  const html = useMemo(() => (detail ? renderMarkdown(detail.description) : ''), [detail]);
  const heading = detail?.title ?? trans.__('Dataset');

  return (
    <div
      ref={root}
      className="jp-LeapDataLibrary-detail"
      tabIndex={-1}
      onKeyDown={onKeyDown}
      aria-label={heading}
      role="region"
    >
      <div className="jp-LeapDataLibrary-detailBar">
        <button
          type="button"
          className="jp-LeapDataLibrary-back"
          onClick={onBack}
          title={trans.__('Back to the results (Escape)')}
        >
          <caretLeftIcon.react tag="span" className="jp-LeapDataLibrary-buttonIcon" />
          {trans.__('Back')}
        </button>
      </div>
      {error ? (
        <div className="jp-LeapDataLibrary-error" role="alert">
          <p>
            {error.status === 404
              ? trans.__('This dataset is no longer in the catalog.')
              : trans.__('The dataset could not be loaded.')}
          </p>
          <p className="jp-LeapDataLibrary-errorDetail">{error.message}</p>
          <button type="button" className="jp-Button jp-mod-styled jp-mod-accept" onClick={() => setAttempt(a => a + 1)}>
            {trans.__('Try again')}
          </button>
        </div>
      ) : !detail ? (
        <div className="jp-LeapDataLibrary-loading" role="status" aria-live="polite">
          {trans.__('Loading the dataset…')}
        </div>
      ) : (
        <article className="jp-LeapDataLibrary-article">
          <h2 className="jp-LeapDataLibrary-title">{detail.title}</h2>
          <div className="jp-LeapDataLibrary-source">
            {trans.__('From %1', detail.source)}
          </div>
          <UsedBy id={detail.id} client={client} trans={trans} />
          {safeUrl(detail.thumbnail)?.startsWith('https:') && (
            <img
              className="jp-LeapDataLibrary-thumbnail"
              src={safeUrl(detail.thumbnail)!}
              alt={trans.__('Thumbnail of %1', detail.title)}
              referrerPolicy="no-referrer"
              loading="lazy"
            />
          )}
          {detail.description && (
            <div
              className="jp-LeapDataLibrary-description jp-RenderedHTMLCommon"
              // sanitized by DOMPurify in renderMarkdown
              dangerouslySetInnerHTML={{ __html: html }}
            />
          )}
          {detail.tags.length > 0 && (
            <Section title={trans.__('Tags')}>
              <div className="jp-LeapDataLibrary-chips">
                {detail.tags.map(tag => (
                  <button
                    key={tag}
                    type="button"
                    className="jp-LeapDataLibrary-chip"
                    title={trans.__('Show the datasets tagged %1', tag)}
                    onClick={() => onTag(tag)}
                  >
                    <span className="jp-LeapDataLibrary-chipText">{tag}</span>
                  </button>
                ))}
              </div>
            </Section>
          )}
          <Section title={trans.__('License')}>
            <LicenseInfo detail={detail} trans={trans} />
          </Section>
          {detail.providers.length > 0 && (
            <Section title={trans.__('Providers')}>
              <ul className="jp-LeapDataLibrary-list">
                {detail.providers.map((p, i) => (
                  <li key={i}>
                    <ExternalLink url={p.url} text={p.name} />
                    {p.roles.length > 0 && (
                      <span className="jp-LeapDataLibrary-muted"> ({p.roles.join(', ')})</span>
                    )}
                    {p.description && <div className="jp-LeapDataLibrary-muted">{p.description}</div>}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          {detail.maintainers.length > 0 && (
            <Section title={trans.__('Maintainers')}>
              <ul className="jp-LeapDataLibrary-list">
                {detail.maintainers.map((m, i) => (
                  <li key={i}>
                    {m.name}
                    {m.github && /^[A-Za-z0-9-]{1,39}$/.test(m.github) && (
                      <>
                        {' '}
                        <ExternalLink
                          url={`https://github.com/${m.github}`}
                          text={`@${m.github}`}
                          title={trans.__('%1 on GitHub', m.name)}
                        />
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          {detail.links.length > 0 && (
            <Section title={trans.__('Links')}>
              <ul className="jp-LeapDataLibrary-list">
                {detail.links.map((l, i) => (
                  <li key={i}>
                    <ExternalLink url={l.url} text={l.label || l.url} />
                  </li>
                ))}
              </ul>
            </Section>
          )}
          {Object.keys(detail.attributes).length > 0 && (
            <Section title={trans.__('Catalog attributes')}>
              <table className="jp-LeapDataLibrary-attributes">
                <tbody>
                  {Object.entries(detail.attributes).map(([k, v]) => (
                    <tr key={k}>
                      <th scope="row">{k}</th>
                      <td>{v}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </Section>
          )}
          <Section title={trans._n('Store', 'Stores (%1)', detail.stores.length)}>
            {detail.stores.length === 0 ? (
              <p className="jp-LeapDataLibrary-muted">{trans.__('This dataset lists no stores.')}</p>
            ) : (
              detail.stores.map(store => (
                <StoreCard
                  key={store.id}
                  datasetId={detail.id}
                  client={client}
                  store={store}
                  trans={trans}
                  locale={locale}
                  insert={insert}
                />
              ))
            )}
          </Section>
        </article>
      )}
    </div>
  );
}

export namespace DatasetDetailView {
  export interface IProps {
    id: string;
    client: LeapApiClient;
    trans: TranslationBundle;
    locale?: string;
    onBack: () => void;
    onTag: (tag: string) => void;
    insert: (snippet: string) => Promise<IInsertResult>;
  }
}

function Section(props: { title: string; children: React.ReactNode }): JSX.Element {
  return (
    <section className="jp-LeapDataLibrary-section">
      <h3 className="jp-LeapDataLibrary-sectionTitle">{props.title}</h3>
      {props.children}
    </section>
  );
}

function ExternalLink(props: { url: string | null; text: string; title?: string }): JSX.Element {
  const href = safeUrl(props.url);
  if (!href) {
    return <span>{props.text}</span>;
  }
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" title={props.title}>
      {props.text}
    </a>
  );
}

function LicenseInfo(props: { detail: DatasetDetail; trans: TranslationBundle }): JSX.Element {
  const { license } = props.detail;
  const { trans } = props;
  if (!license.spdx && !license.text && !license.link) {
    return <p className="jp-LeapDataLibrary-muted">{trans.__('No license given.')}</p>;
  }
  return (
    <div className="jp-LeapDataLibrary-license">
      {license.spdx && <strong className="jp-LeapDataLibrary-spdx">{license.spdx}</strong>}
      {license.text && license.text !== license.spdx && (
        <span className={license.spdx ? 'jp-LeapDataLibrary-muted' : undefined}>
          {license.spdx ? trans.__(' (as written: “%1”)', license.text) : license.text}
        </span>
      )}
      {license.link && (
        <div>
          <ExternalLink url={license.link} text={trans.__('License text')} />
        </div>
      )}
    </div>
  );
}

async function copy(text: string, what: string, trans: TranslationBundle): Promise<void> {
  try {
    Clipboard.copyToSystem(text);
    Notification.success(trans.__('Copied %1 to the clipboard.', what), { autoClose: 3000 });
  } catch (reason) {
    Notification.error(trans.__('Could not copy: %1', String(reason)), { autoClose: 5000 });
  }
}

function StoreCard(props: {
  datasetId: string;
  client: LeapApiClient;
  store: Store;
  trans: TranslationBundle;
  locale?: string;
  insert: (snippet: string) => Promise<IInsertResult>;
}): JSX.Element {
  const { datasetId, client, store, trans, locale, insert } = props;
  const [inserting, setInserting] = useState(false);
  const httpsUrl = safeUrl(store.httpsUrl);
  const onInsert = async (): Promise<void> => {
    if (inserting) {
      return;
    }
    setInserting(true);
    try {
      const result = await insert(store.snippet);
      Notification.success(
        result.created
          ? trans.__('The snippet is in a new notebook, %1.', result.path)
          : trans.__('The snippet is in %1, below the active cell.', result.path),
        { autoClose: 4000 }
      );
    } catch (reason) {
      Notification.error(
        trans.__('Could not insert the snippet: %1', reason instanceof Error ? reason.message : String(reason)),
        { autoClose: 6000 }
      );
    } finally {
      setInserting(false);
    }
  };
  return (
    <div className="jp-LeapDataLibrary-store" data-store-id={store.id}>
      <div className="jp-LeapDataLibrary-storeName">{store.name || store.id}</div>
      <dl className="jp-LeapDataLibrary-storeFacts">
        <dt>{trans.__('URL')}</dt>
        <dd>
          <code className="jp-LeapDataLibrary-url">{store.url}</code>
          {httpsUrl && httpsUrl !== store.url && (
            <div>
              <ExternalLink url={httpsUrl} text={trans.__('over HTTPS')} />
            </div>
          )}
        </dd>
        <dt>{trans.__('Format')}</dt>
        <dd>{store.format}</dd>
        <dt>{trans.__('Last updated')}</dt>
        <dd>{store.lastUpdated ? formatDateTime(store.lastUpdated, locale) : trans.__('unknown')}</dd>
        <dt>{trans.__('Access')}</dt>
        <dd>
          {store.public ? (
            trans.__('public')
          ) : (
            <span className="jp-LeapDataLibrary-private">
              <lockIcon.react tag="span" className="jp-LeapDataLibrary-lock" />
              {trans.__('private: needs credentials — ask the data team')}
            </span>
          )}
        </dd>
      </dl>
      <pre className="jp-LeapDataLibrary-snippet" role="group" aria-label={trans.__('Python snippet that opens this store')}>
        <code>{store.snippet}</code>
      </pre>
      <div className="jp-LeapDataLibrary-actions">
        <button
          type="button"
          className="jp-LeapDataLibrary-action"
          onClick={() => copy(store.url, trans.__('the URL'), trans)}
          aria-label={trans.__('Copy URL of %1', store.name || store.id)}
        >
          <copyIcon.react tag="span" className="jp-LeapDataLibrary-buttonIcon" />
          {trans.__('Copy URL')}
        </button>
        <button
          type="button"
          className="jp-LeapDataLibrary-action"
          onClick={() => copy(store.snippet, trans.__('the snippet'), trans)}
          aria-label={trans.__('Copy snippet that opens %1', store.name || store.id)}
        >
          <copyIcon.react tag="span" className="jp-LeapDataLibrary-buttonIcon" />
          {trans.__('Copy snippet')}
        </button>
        <button
          type="button"
          className="jp-LeapDataLibrary-action jp-mod-accept"
          onClick={onInsert}
          aria-disabled={inserting}
          aria-busy={inserting}
          aria-label={trans.__('Insert into notebook the snippet that opens %1', store.name || store.id)}
        >
          <addBelowIcon.react tag="span" className="jp-LeapDataLibrary-buttonIcon" />
          {trans.__('Insert into notebook')}
        </button>
      </div>
      <StoreVariables datasetId={datasetId} store={store} client={client} trans={trans} locale={locale} />
    </div>
  );
}
