import { Dialog, Notification, ReactWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import type { LeapApiClient } from '../../api';
import { importOutside, OutsideImportResult } from './api';
import { OutsideForm } from './OutsideForm';
import type { OutsideSource } from './validate';
import '../../../style/graph-outside.css';

export interface IOutsideDialogOptions {
  client: LeapApiClient;
  trans: TranslationBundle;
  source: OutsideSource;
  /** Pre-filled value (a command's `repository` / `doi` argument). */
  initial: string;
  /** Open a node in the Knowledge Graph panel. */
  openNode: (id: string) => void;
}

/** The toast after an import: what happened to which node. */
export function resultMessage(result: OutsideImportResult, trans: TranslationBundle): string {
  const { title, version } = result.node;
  switch (result.outcome) {
    case 'created':
      return trans.__('Added "%1" to the knowledge graph.', title);
    case 'new-version':
      return trans.__('Added version %1 of "%2": its latest release changed.', version ?? '', title);
    default:
      return trans.__('Updated "%1" in the knowledge graph.', title);
  }
}

/** "Add from GitHub" / "Add by DOI"; on success the new node opens in the panel. Resolves when closed. */
export function openOutsideDialog(options: IOutsideDialogOptions): Promise<OutsideImportResult | null> {
  const { client, trans, source } = options;
  return new Promise(resolve => {
    let outcome: OutsideImportResult | null = null;
    const body = ReactWidget.create(
      <OutsideForm
        source={source}
        trans={trans}
        initial={options.initial}
        submit={value => importOutside(client, source, value)}
        onCancel={() => dialog.reject()}
        onDone={result => {
          outcome = result;
          dialog.reject();
          Notification.success(resultMessage(result, trans), { autoClose: 6000 });
          for (const warning of result.warnings) {
            Notification.warning(warning, { autoClose: 10000 });
          }
          options.openNode(result.node.id);
        }}
      />
    );
    body.addClass('jp-LeapOutside-body');
    const dialog = new Dialog({
      title: source === 'github' ? trans.__('Add from GitHub') : trans.__('Add by DOI'),
      body,
      buttons: [],
      defaultButton: -1,
      hasClose: true,
      focusNodeSelector: 'input.jp-LeapOutside-input'
    });
    dialog.addClass('jp-LeapOutside-dialog');
    void dialog.launch().then(() => {
      dialog.dispose();
      resolve(outcome);
    });
  });
}
