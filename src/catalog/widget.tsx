import { ReactWidget } from '@jupyterlab/apputils';
import type { INotebookTracker } from '@jupyterlab/notebook';
import { NotebookActions } from '@jupyterlab/notebook';
import type { ITranslator } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import React from 'react';
import type { LeapApiClient } from '../api';
import { intlLocale } from '../components';
import { CommandIDs, type ILeapServiceStatus } from '../tokens';
import { DataLibrary } from './DataLibrary';
import { insertSnippet, IInsertResult } from './insert';
import '../../style/catalog.css';

export interface IDataLibraryOptions {
  client: LeapApiClient;
  status: ILeapServiceStatus;
  translator: ITranslator;
  notebooks: INotebookTracker | null;
  commands: CommandRegistry;
  activate: (id: string) => void;
  /** The default kernel's name, for a new notebook. */
  defaultKernel: () => string | undefined;
}

/**
 * Lets the shell (commands) reach into the React view.
 */
export class DataLibraryController {
  /**
   * Put the cursor into the search box (with `query` typed in, if given).
   */
  focusSearch(query?: string): void {
    if (this._handler) {
      this._handler(query);
    } else {
      this._pending = { query };
    }
  }

  /**
   * Called by the view when it mounts (and with null when it unmounts).
   */
  connect(handler: ((query?: string) => void) | null): void {
    this._handler = handler;
    if (handler && this._pending) {
      const { query } = this._pending;
      this._pending = null;
      handler(query);
    }
  }

  private _handler: ((query?: string) => void) | null = null;
  private _pending: { query?: string } | null = null;
}

/**
 * The Data Library's content widget (loaded on first show).
 */
export class DataLibraryWidget extends ReactWidget {
  constructor(private _options: IDataLibraryOptions) {
    super();
    this.addClass('jp-LeapDataLibrary-content');
  }

  readonly controller = new DataLibraryController();

  focusSearch(query?: string): void {
    this.controller.focusSearch(query);
  }

  protected render(): JSX.Element {
    const { client, status, translator, notebooks, commands, activate, defaultKernel } = this._options;
    const insert = (snippet: string): Promise<IInsertResult> =>
      insertSnippet({
        snippet,
        tracker: notebooks,
        commands,
        ops: { insertBelow: nb => NotebookActions.insertBelow(nb) },
        activate,
        kernelName: defaultKernel()
      });
    return (
      <DataLibrary
        client={client}
        status={status}
        trans={translator.load('jupyterlab_leap')}
        locale={intlLocale(translator.languageCode)}
        controller={this.controller}
        insert={insert}
        requestDataset={() => void commands.execute(CommandIDs.requestDataset)}
      />
    );
  }
}

export function createDataLibraryWidget(options: IDataLibraryOptions): DataLibraryWidget {
  return new DataLibraryWidget(options);
}
