import { MainAreaWidget, ReactWidget } from '@jupyterlab/apputils';
import type { ITranslator } from '@jupyterlab/translation';
import * as React from 'react';
import type { LeapApiClient } from '../api';
import { RequestForm } from './RequestForm';
import { RequestsView } from './RequestsView';
import '../../style/requests.css';

export interface IRequestWidgetOptions {
  client: LeapApiClient;
  translator: ITranslator;
}

/** "Request a dataset" in the main area (loaded on first use). */
export function createRequestFormWidget(options: IRequestWidgetOptions & { submitted: (id: number) => void }): MainAreaWidget {
  const trans = options.translator.load('jupyterlab_leap');
  const content = ReactWidget.create(
    <RequestForm client={options.client} trans={trans} submitted={options.submitted} storage={window.localStorage} />
  );
  content.addClass('jp-LeapRequests-content');
  const widget = new MainAreaWidget({ content });
  widget.id = 'jp-leap-request-dataset';
  widget.title.label = trans.__('Request a Dataset');
  widget.title.closable = true;
  return widget;
}

class RequestsContent extends ReactWidget {
  constructor(private readonly _options: IRequestWidgetOptions & { requestDataset: () => void }) {
    super();
    this.addClass('jp-LeapRequests-content');
  }

  selected: number | null = null;

  protected render(): JSX.Element {
    return (
      <RequestsView
        client={this._options.client}
        trans={this._options.translator.load('jupyterlab_leap')}
        selected={this.selected}
        select={id => {
          this.selected = id;
          this.update();
        }}
        requestDataset={this._options.requestDataset}
      />
    );
  }
}

/** "Dataset requests": the caller's own, or the data team's queue (loaded on first use). */
export class RequestsWidget extends MainAreaWidget<RequestsContent> {
  /** Shows this request's detail (null: keeps the one shown) and reloads. */
  showRequest(id: number | null): void {
    if (id !== null) {
      this.content.selected = id;
    }
    this.content.update();
  }
}

export function createRequestsWidget(options: IRequestWidgetOptions & { requestDataset: () => void }): RequestsWidget {
  const trans = options.translator.load('jupyterlab_leap');
  const widget = new RequestsWidget({ content: new RequestsContent(options) });
  widget.id = 'jp-leap-dataset-requests';
  widget.title.label = trans.__('Dataset Requests');
  widget.title.closable = true;
  return widget;
}
