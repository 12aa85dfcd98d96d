import type { JupyterFrontEnd } from '@jupyterlab/application';
import { MainAreaWidget } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import type { LabIcon } from '@jupyterlab/ui-components';
import type { Widget } from '@lumino/widgets';
import type { ClassSession, TutorialsApi } from './api';
import { DashboardWidget } from './Dashboard';
import { pickSession, pickTutorial, showSessionCreated } from './sessions';
import '../../style/tutorials.css';

/**
 * The instructor's side (loaded on first use): class sessions and their dashboards.
 */
export interface IDashboardContext {
  shell: JupyterFrontEnd.IShell;
  api: TutorialsApi;
  trans: TranslationBundle;
  /** Open dashboards by session code (one tab per session). */
  dashboards: Map<string, Widget>;
  link: (tutorial: string, code: string) => string;
  icon: LabIcon;
}

/**
 * Show the dashboard of session `code` (asked for when not given) in the main area.
 */
export async function openDashboard(context: IDashboardContext, code?: unknown): Promise<Widget | undefined> {
  const { shell, api, trans, dashboards, link, icon } = context;
  const session = typeof code === 'string' ? code : await pickSession(api, trans);
  if (!session) {
    return;
  }
  let widget = dashboards.get(session);
  if (!widget || widget.isDisposed) {
    const content = new DashboardWidget(api, session, trans, tutorial => link(tutorial, session));
    const main = new MainAreaWidget({ content });
    main.id = `jp-leap-dashboard-${session}`;
    main.title.label = trans.__('Class %1', session);
    main.title.icon = icon;
    main.title.closable = true;
    dashboards.set(session, main);
    shell.add(main, 'main');
    widget = main;
  }
  shell.activateById(widget.id);
  return widget;
}

/**
 * Create a class session of `tutorial` (asked for when not given) and show its join link and code;
 * resolves with the session when the instructor asks for its dashboard, else null.
 */
export async function createSession(
  api: TutorialsApi,
  trans: TranslationBundle,
  link: (tutorial: string, code: string) => string,
  tutorial?: unknown
): Promise<ClassSession | null> {
  const id = typeof tutorial === 'string' ? tutorial : await pickTutorial(api, trans);
  if (!id) {
    return null;
  }
  const session = await api.createSession(id);
  return (await showSessionCreated(session, link(id, session.code), trans)) ? session : null;
}
