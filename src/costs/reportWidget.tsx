import { MainAreaWidget, ReactWidget } from '@jupyterlab/apputils';
import React from 'react';
// the views' styles load with them, not at start
import '../../style/costs.css';
import { costIcon } from './icon';
import type { ICostViewOptions } from './panelWidget';
import { CostReportView } from './CostReportView';

/**
 * The admins' cost report in the main area (loaded on first open).
 */
export function createCostReportWidget(options: ICostViewOptions): MainAreaWidget {
  const trans = options.translator.load('jupyterlab_leap');
  const content = ReactWidget.create(<CostReportView {...options} />);
  content.addClass('jp-LeapCostReport-content');
  const widget = new MainAreaWidget({ content });
  widget.id = 'jp-leap-cost-report';
  widget.title.label = trans.__('Cost Report');
  widget.title.icon = costIcon;
  widget.title.closable = true;
  return widget;
}
