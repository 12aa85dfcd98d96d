import { ReactWidget } from '@jupyterlab/apputils';
import type { ITranslator } from '@jupyterlab/translation';
import React from 'react';
import type { LeapApiClient } from '../api';
import type { ILeapServiceStatus } from '../tokens';
import { GraphApi } from './api';
import { GraphController, GraphPanel, GraphRoute } from './GraphPanel';
import '../../style/graph.css';

export interface IGraphWidgetOptions {
  client: LeapApiClient;
  translator: ITranslator;
  status: ILeapServiceStatus;
  /** Runs "Add from GitHub" / "Add by DOI". */
  onAdd?: (source: 'github' | 'doi') => void;
}

/** The Knowledge Graph panel's content (loaded on first show). */
export class GraphWidget extends ReactWidget {
  constructor(private _options: IGraphWidgetOptions) {
    super();
    this.addClass('jp-LeapGraph-content');
    this._api = new GraphApi(_options.client);
  }

  readonly controller = new GraphController();
  private readonly _api: GraphApi;

  navigate(route: GraphRoute): void {
    this.controller.show(route);
  }

  protected render(): JSX.Element {
    return (
      <GraphPanel
        api={this._api}
        trans={this._options.translator.load('jupyterlab_leap')}
        controller={this.controller}
        status={this._options.status}
        onAdd={this._options.onAdd}
      />
    );
  }
}

export function createGraphWidget(options: IGraphWidgetOptions): GraphWidget {
  return new GraphWidget(options);
}
