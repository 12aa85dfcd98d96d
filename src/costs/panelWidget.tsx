import { ReactWidget } from '@jupyterlab/apputils';
import type { ITranslator } from '@jupyterlab/translation';
import React from 'react';
// the views' styles load with them, not at start
import '../../style/costs.css';
import type { LeapApiClient } from '../api';
import type { ILeapServiceStatus } from '../tokens';
import { CostPanel } from './CostPanel';
import type { CostMeter } from './model';

export interface ICostViewOptions {
  client: LeapApiClient;
  status: ILeapServiceStatus;
  meter: CostMeter;
  translator: ITranslator;
  openReport: () => void;
}

/**
 * The cost panel's content (loaded on first show).
 */
export class CostPanelWidget extends ReactWidget {
  constructor(private _options: ICostViewOptions) {
    super();
    this.addClass('jp-LeapCosts-content');
  }

  protected render(): JSX.Element {
    return <CostPanel {...this._options} />;
  }
}

export function createCostPanelWidget(options: ICostViewOptions): CostPanelWidget {
  return new CostPanelWidget(options);
}
