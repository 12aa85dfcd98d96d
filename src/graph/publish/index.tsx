import { Dialog, Notification, ReactWidget } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import type { NotebookPanel } from '@jupyterlab/notebook';
import type { Contents, Kernel } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import type { LeapApiClient } from '../../api';
import { GraphApi } from '../api';
import { detectDatasets } from '../detect';
import { firstHeading, INotebookContent, sha256Hex, titleFromPath } from '../notebook';
import { askKernel, buildProvenance } from '../provenance';
import { resolveReferences } from '../resolve';
import type { PersonProfile, PublishResult } from '../types';
import { PublishDraftStore } from './draftStore';
import type { IPublishState } from './form';
import { PublishForm } from './PublishForm';
import '../../../style/graph.css';

export interface IPublishOptions {
  client: LeapApiClient;
  contents: Contents.IManager;
  trans: TranslationBundle;
  /** The notebook file, relative to the server root. */
  path: string;
  /** Its open panel, when there is one (saved first; its kernel gives provenance). */
  panel: NotebookPanel | null;
  jupyterlabVersion: string;
  /** Open a node in the Knowledge Graph panel. */
  openNode: (id: string) => void;
}

/**
 * Gather what the notebook tells (title, datasets, checksum, environment),
 * then show the publish dialog. Resolves once the dialog is closed.
 */
export async function openPublishDialog(options: IPublishOptions): Promise<PublishResult | null> {
  const { client, trans, path, panel } = options;
  const api = new GraphApi(client);
  if (panel?.context.model.dirty) {
    await panel.context.save();
  }
  const file = await options.contents.get(path, { type: 'file', format: 'text', content: true });
  const text = String(file.content ?? '');
  let notebook: INotebookContent;
  try {
    notebook = JSON.parse(text);
  } catch {
    throw new Error(trans.__('%1 is not a notebook (its content is not JSON).', path));
  }
  const cells = notebook.cells ?? [];
  const kernel: Kernel.IKernelConnection | null = panel?.sessionContext.session?.kernel ?? null;
  const [checksum, me, whoami, resolved, facts, info] = await Promise.all([
    sha256Hex(text),
    api.me().catch((): PersonProfile | null => null),
    client.whoami().catch(() => null),
    resolveReferences(client, detectDatasets(cells)),
    kernel ? askKernel(kernel, KERNEL_TIMEOUT_MS) : Promise.resolve(null),
    kernel ? withTimeout(kernel.info, KERNEL_TIMEOUT_MS) : Promise.resolve(null)
  ]);
  const language = (info?.language_info.name ?? notebook.metadata?.language_info?.name ?? notebook.metadata?.kernelspec?.language) || null;
  const initial: IPublishState = {
    title: firstHeading(cells) ?? titleFromPath(path),
    description: '',
    kind: 'ProjectCode',
    license: 'CC-BY-4.0',
    keywords: '',
    authors: [
      {
        name: me?.person.title || whoami?.name || '',
        orcid: me?.person.identifiers.orcid ?? '',
        affiliation: me?.person.affiliation ?? ''
      }
    ],
    related: [],
    // an id the catalog does not know is not a dataset (the service refuses it); an unknown store URL
    // is still data the code opens: it becomes an outside Dataset node
    datasets: resolved.filter(r => r.datasetId !== null || r.reference.kind === 'url').map(r => ({ resolved: r, checked: true })),
    files: [{ path: path.split('/').pop() ?? path, ...checksum }],
    provenance: buildProvenance({
      kernelName: kernel?.name ?? notebook.metadata?.kernelspec?.name ?? null,
      language,
      languageVersion: info?.language_info.version ?? notebook.metadata?.language_info?.version ?? null,
      jupyterlab: options.jupyterlabVersion,
      facts
    })
  };

  // what was being written for this notebook before a reload (or a failed publish) comes back
  const drafts = new PublishDraftStore(window.localStorage, PageConfig.getBaseUrl(), path);
  const written = drafts.load();

  return new Promise(resolve => {
    let outcome: PublishResult | null = null;
    const body = ReactWidget.create(
      <PublishForm
        api={api}
        trans={trans}
        initial={written ? { ...initial, ...written } : initial}
        restored={written !== null}
        onChange={state => drafts.save(state)}
        onCancel={() => dialog.reject()}
        onDone={(result, draft) => {
          outcome = result;
          dialog.reject();
          notify(result, draft, options);
        }}
      />
    );
    body.addClass('jp-LeapPublish-body');
    const dialog = new Dialog({
      title: trans.__('Publish to the Knowledge Graph'),
      body,
      buttons: [],
      defaultButton: -1,
      hasClose: true,
      focusNodeSelector: 'input[name="title"]'
    });
    dialog.addClass('jp-LeapPublish-dialog');
    void dialog.launch().then(() => {
      // saved, cancelled or closed: nothing more to keep (a reload never gets here)
      drafts.clear();
      dialog.dispose();
      resolve(outcome);
    });
  });
}

/** How long a starting or busy kernel may take to answer before publishing goes on without it. */
const KERNEL_TIMEOUT_MS = 8000;

/** The promise's value, or null when it fails or takes longer than `ms`. */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.catch(() => null),
    new Promise<null>(resolve => (timer = setTimeout(() => resolve(null), ms)))
  ]).finally(() => clearTimeout(timer));
}

function notify(result: PublishResult, draft: boolean, options: IPublishOptions): void {
  const { trans, openNode } = options;
  const title = result.node.title;
  Notification.success(
    draft
      ? trans.__('Saved “%1” as a draft: only you can see it until you publish it.', title)
      : trans.__('Published “%1” to the knowledge graph.', title),
    {
      autoClose: 8000,
      actions: [
        {
          label: trans.__('Open in the Knowledge Graph'),
          caption: trans.__('Show the record in the Knowledge Graph panel'),
          callback: () => openNode(result.node.id)
        }
      ]
    }
  );
}
