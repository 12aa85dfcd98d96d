import { Notification } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { downloadIcon } from '@jupyterlab/ui-components';
import React, { useMemo, useState } from 'react';
import type { GraphApi } from './api';
import { EXPORT_FORMATS, exportFileName, saveFile } from './exports';
import { kindLabel, relationLabel } from './labels';
import { formatDateTime } from '../components/format';
import { renderMarkdown, safeUrl } from '../components/markdown';
import { ErrorBox, NodeCard } from './NodeCard';
import type { ExportFormat, NodeDetail, NodeSummary } from './types';
import { useRequest } from './useRequest';

/**
 * One node: its fields (text only; the description is sanitized Markdown),
 * neighbours grouped by relation, exports, graph view, and for the owner's
 * draft a Publish button.
 */
export function NodeDetailView(props: {
  api: GraphApi;
  trans: TranslationBundle;
  id: string;
  onOpen: (node: NodeSummary) => void;
  onGraph: (id: string) => void;
}): JSX.Element {
  const { api, trans, id, onOpen, onGraph } = props;
  const { value, error, reload } = useRequest(() => api.node(id), id);
  if (error) {
    return (
      <ErrorBox
        trans={trans}
        message={error.status === 404 ? trans.__('This item is not in the graph (or is someone else’s draft).') : trans.__('The item could not be loaded.')}
        detail={error.message}
        onRetry={reload}
      />
    );
  }
  if (!value) {
    return (
      <div className="jp-LeapGraph-loading" role="status">
        {trans.__('Loading…')}
      </div>
    );
  }
  return <Detail api={api} trans={trans} detail={value} onOpen={onOpen} onGraph={onGraph} onChanged={reload} />;
}

function Detail(props: {
  api: GraphApi;
  trans: TranslationBundle;
  detail: NodeDetail;
  onOpen: (node: NodeSummary) => void;
  onGraph: (id: string) => void;
  onChanged: () => void;
}): JSX.Element {
  const { api, trans, detail, onOpen, onGraph, onChanged } = props;
  const { node } = detail;
  const html = useMemo(() => renderMarkdown(node.description), [node.description]);
  const [busy, setBusy] = useState(false);
  const url = safeUrl(node.identifiers.url);
  const download = async (format: ExportFormat): Promise<void> => {
    try {
      const file = await api.exportFile(node.id, format);
      saveFile(file.text, file.contentType, file.filename ?? exportFileName(node.id, format));
    } catch (reason) {
      Notification.error(trans.__('The export failed: %1', String((reason as Error).message ?? reason)), { autoClose: 6000 });
    }
  };
  const publish = async (): Promise<void> => {
    setBusy(true);
    try {
      await api.publishDraft(node.id);
      Notification.success(trans.__('Published “%1”.', node.title), { autoClose: 5000 });
      onChanged();
    } catch (reason) {
      Notification.error(trans.__('Could not publish: %1', String((reason as Error).message ?? reason)), { autoClose: 6000 });
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="jp-LeapGraph-detail" aria-label={node.title} data-node-id={node.id}>
      <div>
        <span className={`jp-LeapGraph-kind jp-LeapGraph-kind-${node.kind}`}>{kindLabel(node.kind, trans)}</span>
        {node.status === 'draft' && <span className="jp-LeapGraph-draft">{trans.__('draft: only you can see it')}</span>}
      </div>
      <h2 className="jp-LeapGraph-title">{node.title}</h2>
      {node.status === 'draft' && (
        <button type="button" className="jp-Button jp-mod-styled jp-mod-accept" disabled={busy} onClick={() => void publish()}>
          {trans.__('Publish this draft')}
        </button>
      )}
      {node.description && (
        // sanitized by DOMPurify in renderMarkdown
        <div className="jp-LeapGraph-description jp-RenderedHTMLCommon" dangerouslySetInnerHTML={{ __html: html }} />
      )}
      <dl className="jp-LeapGraph-facts">
        {node.version && <Fact term={trans.__('Version')} value={node.version} />}
        {node.license && <Fact term={trans.__('License')} value={node.license} />}
        {node.keywords.length > 0 && <Fact term={trans.__('Keywords')} value={node.keywords.join(', ')} />}
        {node.dates.published && <Fact term={trans.__('Published')} value={formatDateTime(node.dates.published)} />}
        {node.identifiers.doi && (
          <Fact term="DOI">
            <a href={`https://doi.org/${encodeURI(node.identifiers.doi)}`} target="_blank" rel="noopener noreferrer">
              {node.identifiers.doi}
            </a>
          </Fact>
        )}
        {node.identifiers.catalog && <Fact term={trans.__('Data Library id')} value={node.identifiers.catalog} />}
        {node.identifiers.url && (
          <Fact term="URL">{url ? <a href={url} target="_blank" rel="noopener noreferrer">{url}</a> : <span>{node.identifiers.url}</span>}</Fact>
        )}
        <Fact term={trans.__('Graph id')} value={node.id} />
      </dl>
      <div className="jp-LeapGraph-actions">
        <button type="button" className="jp-Button jp-mod-styled" onClick={() => onGraph(node.id)}>
          {trans.__('Graph view')}
        </button>
        {EXPORT_FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="jp-Button jp-mod-styled jp-LeapGraph-export"
            title={trans.__('Download %1', label)}
            onClick={() => void download(format)}
          >
            <downloadIcon.react tag="span" className="jp-LeapGraph-buttonIcon" />
            {label}
          </button>
        ))}
      </div>
      {detail.neighbours.map(group => (
        <section key={`${group.direction} ${group.relation}`} className="jp-LeapGraph-group" data-relation={group.relation} data-direction={group.direction}>
          <h3 className="jp-LeapGraph-groupTitle">
            {relationLabel(group.relation, group.direction, trans)} <span className="jp-LeapGraph-muted">({group.total})</span>
          </h3>
          <ul className="jp-LeapGraph-results">
            {group.nodes.map(n => (
              <li key={n.id}>
                <NodeCard node={n} trans={trans} onOpen={onOpen} />
              </li>
            ))}
          </ul>
        </section>
      ))}
      {(detail.files.length > 0 || detail.provenance) && (
        <details className="jp-LeapGraph-group">
          <summary>{trans.__('Files and environment')}</summary>
          <ul className="jp-LeapGraph-plain">
            {detail.files.map(f => (
              <li key={f.path}>
                <code>{f.path}</code> sha256 <code>{f.sha256}</code>
              </li>
            ))}
            {detail.provenance?.kernel && <li>{trans.__('Kernel: %1', detail.provenance.kernel)}</li>}
            {detail.provenance?.jupyterlab && <li>{trans.__('JupyterLab %1', detail.provenance.jupyterlab)}</li>}
            {detail.provenance?.image && <li>{trans.__('Image: %1', detail.provenance.image)}</li>}
            {Object.entries(detail.provenance?.packages ?? {}).map(([n, v]) => (
              <li key={n}>
                {n} {v}
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}

function Fact(props: { term: string; value?: string; children?: React.ReactNode }): JSX.Element {
  return (
    <>
      <dt>{props.term}</dt>
      <dd>{props.children ?? props.value}</dd>
    </>
  );
}
