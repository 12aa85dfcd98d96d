import { Dialog, Notification, ReactWidget, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import type { Dashboard, TutorialsApi } from './api';
import { formatMinutes, isStuck, LearnerSortKey, sortLearners } from './learners';

const STUCK_MINUTES = 10;
const RETRY_MAX = 30_000;

/**
 * A class session's live dashboard (main area): long-polls the service for
 * each new version, retrying with backoff while it cannot be reached.
 */
export class DashboardWidget extends ReactWidget {
  constructor(
    private _api: TutorialsApi,
    readonly code: string,
    private _trans: TranslationBundle,
    private _joinLink: (tutorialId: string) => string
  ) {
    super();
    this.addClass('jp-LeapDashboard');
    void this._poll();
  }

  get dashboard(): Dashboard | null {
    return this._dashboard;
  }

  dispose(): void {
    this._stopped = true;
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <DashboardView
        dashboard={this._dashboard}
        error={this._error}
        trans={this._trans}
        link={this._dashboard ? this._joinLink(this._dashboard.session.tutorialId) : ''}
        onEnd={() => void this._end()}
        onExport={() => void this._export()}
      />
    );
  }

  private async _poll(): Promise<void> {
    let delay = 1000;
    while (!this._stopped) {
      try {
        this._dashboard = await this._api.dashboard(this.code, this._dashboard?.version);
        this._error = null;
        delay = 1000;
        this.update();
        if (this._dashboard.session.endedAt) {
          return; // an ended session changes no more
        }
      } catch (reason) {
        this._error = reason instanceof Error ? reason.message : String(reason);
        this.update();
        if ((reason as { status?: number }).status === 403 || (reason as { status?: number }).status === 404) {
          return;
        }
        await new Promise(resolve => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, RETRY_MAX);
      }
    }
  }

  private async _end(): Promise<void> {
    const trans = this._trans;
    const answer = await showDialog({
      title: trans.__('End class session %1?', this.code),
      body: trans.__('Learners keep their progress; no one can join any more.'),
      buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('End session') })]
    });
    if (answer.button.accept) {
      try {
        await this._api.endSession(this.code);
        this._dashboard = await this._api.dashboard(this.code);
        this.update();
      } catch (reason) {
        this._fail(trans.__('The session could not be ended'), reason);
      }
    }
  }

  private _fail(what: string, reason: unknown): void {
    Notification.error(`${what}: ${reason instanceof Error ? reason.message : String(reason)}`, { autoClose: false });
  }

  private async _export(): Promise<void> {
    let file: Awaited<ReturnType<TutorialsApi['exportCsv']>>;
    try {
      file = await this._api.exportCsv(this.code);
    } catch (reason) {
      this._fail(this._trans.__('The results could not be exported'), reason);
      return;
    }
    const url = URL.createObjectURL(new Blob([file.text], { type: file.contentType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file.filename ?? `class-session-${this.code}.csv`;
    document.body.append(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
  }

  private _dashboard: Dashboard | null = null;
  private _error: string | null = null;
  private _stopped = false;
}

function DashboardView(props: {
  dashboard: Dashboard | null;
  error: string | null;
  trans: TranslationBundle;
  link: string;
  onEnd: () => void;
  onExport: () => void;
}): JSX.Element {
  const { dashboard, error, trans, link, onEnd, onExport } = props;
  const [sort, setSort] = useState<{ key: LearnerSortKey; descending: boolean }>({ key: 'step', descending: true });
  if (!dashboard) {
    return <p className="jp-LeapDashboard-body" role={error ? 'alert' : 'status'}>{error ? trans.__('The dashboard cannot be loaded: %1', error) : trans.__('Loading…')}</p>;
  }
  const { session, steps } = dashboard;
  const learners = sortLearners(dashboard.learners, sort.key, sort.descending);
  const hardest = steps.find(s => s.hardest);
  const columns: Array<[LearnerSortKey, string]> = [
    ['name', trans.__('Learner')],
    ['step', trans.__('Step')],
    ['passed', trans.__('Checks passed')],
    ['failed', trans.__('Failed attempts')],
    ['stuck', trans.__('Stuck for')]
  ];
  return (
    <div className="jp-LeapDashboard-body">
      <header className="jp-LeapDashboard-header">
        <h2>{trans.__('%1 — class session %2', session.tutorialTitle, session.code)}</h2>
        <p>
          {session.endedAt ? trans.__('Ended') : trans.__('Live')} · {trans._n('%1 learner', '%1 learners', dashboard.learners.length)}
          {!session.endedAt && (
            <>
              {' · '}
              {trans.__('Join link:')} <code className="jp-LeapDashboard-link">{link}</code>
            </>
          )}
        </p>
        <div className="jp-LeapDashboard-actions">
          <button type="button" className="jp-Button jp-mod-styled" onClick={onExport}>
            {trans.__('Export CSV')}
          </button>
          {!session.endedAt && (
            <button type="button" className="jp-Button jp-mod-styled jp-mod-warn" onClick={onEnd}>
              {trans.__('End session')}
            </button>
          )}
        </div>
        {error && <p role="alert" className="jp-LeapDashboard-error">{trans.__('Live updates paused: %1', error)}</p>}
      </header>
      <ol className="jp-LeapDashboard-steps" aria-label={trans.__('Steps')}>
        {steps.map((s, i) => (
          <li key={s.id} className={s.hardest ? 'jp-mod-hardest' : undefined}>
            <span className="jp-LeapDashboard-stepTitle">{trans.__('%1. %2', i + 1, s.title)}</span>
            <span>{trans.__('%1 here · %2 passed · %3 failed attempts', s.current, s.passed, s.failedAttempts)}</span>
            {s.hardest && <strong className="jp-LeapDashboard-hardest">{trans.__('Hardest step')}</strong>}
          </li>
        ))}
      </ol>
      {hardest && <p className="jp-LeapDashboard-summary">{trans.__('Hardest step so far: %1', hardest.title)}</p>}
      <table className="jp-LeapDashboard-table">
        <caption>{trans.__('Learners')}</caption>
        <thead>
          <tr>
            {columns.map(([key, label]) => (
              <th
                key={key}
                scope="col"
                aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              >
                <button
                  type="button"
                  className="jp-LeapDashboard-sort"
                  onClick={() => setSort({ key, descending: sort.key === key ? !sort.descending : key !== 'name' })}
                >
                  {label}
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {learners.map(l => (
            <tr key={l.name} className={isStuck(l, STUCK_MINUTES) ? 'jp-mod-stuck' : undefined}>
              <th scope="row">{l.name}</th>
              <td>
                {l.completed
                  ? trans.__('Completed')
                  : trans.__('%1. %2', l.currentStepIndex + 1, steps[l.currentStepIndex]?.title ?? l.currentStep)}
              </td>
              <td>{l.passed}</td>
              <td>{l.failed}</td>
              <td>{l.completed ? '—' : formatMinutes(l.stuckMinutes, trans)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {dashboard.learners.length === 0 && <p>{trans.__('No one has joined yet.')}</p>}
    </div>
  );
}
