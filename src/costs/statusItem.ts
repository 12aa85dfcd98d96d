import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { ILeapServiceStatus } from '../tokens';
import type { CostMeter } from './model';
import type { BudgetLevel } from './money';
import { statusText } from './statusText';

/**
 * The status-bar item: rate now and month to date, coloured near/over
 * budget; a button that opens the cost panel. Plain DOM (no React, no
 * stylesheet) to keep the start-up code small.
 */
export class CostStatusItem extends Widget {
  constructor(options: CostStatusItem.IOptions) {
    super();
    this._options = options;
    const node = this.node;
    // JupyterLab's status-bar text and hover styles; no stylesheet of ours at start
    this.addClass('jp-StatusBar-TextItem');
    this.addClass('jp-mod-highlighted');
    this.addClass('jp-LeapCostStatus');
    node.tabIndex = 0;
    node.setAttribute('role', 'button');
    node.style.cursor = 'pointer';
    node.addEventListener('click', () => options.open());
    node.addEventListener('keydown', event => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        options.open();
      }
    });
    options.meter.changed.connect(this._update, this);
    options.status?.stateChanged.connect(this._update, this);
    this._update();
  }

  dispose(): void {
    this._options.meter.changed.disconnect(this._update, this);
    this._options.status?.stateChanged.disconnect(this._update, this);
    super.dispose();
  }

  private _update(): void {
    const { meter, trans, locale } = this._options;
    const offline = this._options.status?.state === 'offline';
    // while the service does not answer, the last numbers would be stale: say so instead
    const { text, label, level } = offline
      ? {
          text: trans.__('Cost: offline'),
          label: trans.__('Cost: offline — cost meter: the LEAP service cannot be reached. Open the cost meter.'),
          level: 'ok' as BudgetLevel
        }
      : statusText(meter.summary, trans, locale);
    const node = this.node;
    node.classList.toggle('jp-mod-offline', offline);
    node.textContent = text;
    node.title = label;
    node.setAttribute('aria-label', label);
    node.classList.toggle('jp-mod-warn', level === 'warn');
    node.classList.toggle('jp-mod-over', level === 'over');
    const edge = LEVEL_EDGES[level];
    node.style.boxShadow = edge ? `inset 0 -3px 0 ${edge}` : '';
    node.style.fontWeight = level === 'over' ? '600' : '';
  }

  private readonly _options: CostStatusItem.IOptions;
}

/**
 * Near and over budget: JupyterLab's warning and error colours on an edge under the text, which
 * keeps the status bar's colour (their light tints behind coloured text fell below 4.5:1 in the
 * dark themes: 3.53 for error-color0 on error-color3).
 */
const LEVEL_EDGES: Partial<Record<BudgetLevel, string>> = {
  warn: 'var(--jp-warn-color1)',
  over: 'var(--jp-error-color1)'
};

export namespace CostStatusItem {
  export interface IOptions {
    meter: CostMeter;
    trans: TranslationBundle;
    locale?: string;
    open: () => void;
    /** The service status: offline is shown instead of stale numbers. */
    status?: ILeapServiceStatus;
  }
}
