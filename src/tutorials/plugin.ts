import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { PageConfig } from '@jupyterlab/coreutils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStateDB } from '@jupyterlab/statedb';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { Widget } from '@lumino/widgets';
import { CommandIDs, ILeapApiClient, ILeapServiceStatus, LEAP_CATEGORY } from '../tokens';
import { LazyPanel } from '../components/LazyPanel';
import { joinLink, parseTutorialLink, withoutTutorialLink } from './deeplink';
import { tutorialsIcon } from './icon';
import type { ITutorialsOptions, TutorialsWidget } from './widget';

export const TUTORIALS_ID = 'jp-leap-tutorials';
const PLUGIN_ID = 'jupyterlab-leap:tutorials';
const STATE_KEY = `${PLUGIN_ID}:open`;

/**
 * Tutorials: a left-sidebar player of guided, checked tutorials, and class
 * sessions for instructors. Only this shell loads at start; the views load on
 * first use. Follows `…/lab?tutorial=<id>[&session=<code>]` once restored.
 */
export const tutorialsPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Tutorials: guided, checked steps in your own notebooks; class sessions with a live dashboard.',
  autoStart: true,
  requires: [ILeapApiClient, ILeapServiceStatus],
  optional: [ITranslator, ICommandPalette, ILayoutRestorer, INotebookTracker, ISettingRegistry, IStateDB],
  activate: (
    app: JupyterFrontEnd,
    client: ILeapApiClient,
    status: ILeapServiceStatus,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    notebooks: INotebookTracker | null,
    settings: ISettingRegistry | null,
    state: IStateDB | null
  ): void => {
    const lang = translator ?? nullTranslator;
    const trans = lang.load('jupyterlab_leap');
    // read before anything changes the address (the router, a document opening)
    const link = parseTutorialLink(window.location.search);
    const timeouts = { busy: 30, run: 60 };
    void settings?.load(PLUGIN_ID).then(loaded => {
      const read = (): void => {
        timeouts.busy = (loaded.composite.checkBusyTimeout as number) ?? timeouts.busy;
        timeouts.run = (loaded.composite.checkTimeout as number) ?? timeouts.run;
      };
      read();
      loaded.changed.connect(read);
    });

    const panel = new TutorialsPanel({
      client,
      status,
      translator: lang,
      notebooks,
      commands: app.commands,
      timeouts: () => timeouts,
      onOpen: open => void (open ? state?.save(STATE_KEY, open) : state?.remove(STATE_KEY))
    });
    panel.id = TUTORIALS_ID;
    panel.title.icon = tutorialsIcon;
    panel.title.caption = trans.__('Tutorials: guided, checked steps');
    app.shell.add(panel, 'left', { rank: 310 });
    restorer?.add(panel, 'leap-tutorials');

    const show = async (): Promise<TutorialsWidget> => {
      app.shell.activateById(panel.id);
      return panel.load();
    };
    const fail = (what: string) => (reason: unknown) => {
      Notification.error(`${what}: ${reason instanceof Error ? reason.message : String(reason)}`, { autoClose: false });
    };
    const dashboards = new Map<string, Widget>();
    const link_ = (tutorial: string, code: string): string =>
      joinLink(window.location.origin, PageConfig.getBaseUrl(), PageConfig.getOption('hubPrefix') || null, tutorial, code);

    app.commands.addCommand(CommandIDs.openTutorials, {
      label: args => (args.isPalette ? trans.__('LEAP: Open Tutorials') : trans.__('Tutorials')),
      caption: trans.__('Choose a guided tutorial and play it step by step'),
      icon: args => (args.isPalette ? undefined : tutorialsIcon),
      execute: async () => {
        await show();
        return panel;
      }
    });
    app.commands.addCommand(CommandIDs.startTutorial, {
      label: trans.__('Start Tutorial'),
      caption: trans.__('Open a tutorial in the player (args: tutorial, session)'),
      execute: async args => {
        const view = await show();
        const session = typeof args.session === 'string' ? args.session : null;
        return view.start(String(args.tutorial), session).catch(fail(trans.__('The tutorial cannot be opened')));
      }
    });
    app.commands.addCommand(CommandIDs.checkStep, {
      label: trans.__('Check My Work'),
      caption: trans.__("Run the current tutorial step's check in your kernel"),
      isEnabled: () => !!panel.view?.player?.step.check,
      execute: () => panel.view?.checkCurrentStep()
    });
    app.commands.addCommand(CommandIDs.openClassDashboard, {
      label: args => (args.isPalette ? trans.__('LEAP: Open Class Dashboard') : trans.__('Class Dashboard…')),
      caption: trans.__("Watch a class session's progress live (args: code)"),
      execute: async args => {
        const view = await show();
        const { openDashboard } = await import(/* webpackChunkName: "leap-tutorials-instructor" */ './instructor');
        return openDashboard({ shell: app.shell, api: view.api, trans, dashboards, link: link_, icon: tutorialsIcon }, args.code);
      }
    });
    app.commands.addCommand(CommandIDs.createClassSession, {
      label: args => (args.isPalette ? trans.__('LEAP: Start a Class Session') : trans.__('Start a Class Session…')),
      caption: trans.__('Create a class session of a tutorial: a join link and code for learners'),
      execute: async args => {
        const view = await show();
        const { createSession } = await import(/* webpackChunkName: "leap-tutorials-instructor" */ './instructor');
        return createSession(view.api, trans, link_, args.tutorial).then(
          session => session && app.commands.execute(CommandIDs.openClassDashboard, { code: session.code }),
          fail(trans.__('The class session cannot be created'))
        );
      }
    });
    app.commands.addCommand(CommandIDs.deleteTutorial, {
      label: trans.__('Delete Tutorial…'),
      caption: trans.__('Delete an imported tutorial, after asking (args: tutorial; who may import tutorials)'),
      isEnabled: args => typeof args.tutorial === 'string',
      execute: async args => {
        const view = await show();
        const { deleteTutorial } = await import(/* webpackChunkName: "leap-tutorials" */ './deletion');
        const done = await deleteTutorial(view.api, trans, String(args.tutorial));
        if (done) {
          view.reloadList(done.id);
        }
        return done;
      }
    });

    for (const command of [CommandIDs.openTutorials, CommandIDs.createClassSession, CommandIDs.openClassDashboard]) {
      palette?.addItem({ command, category: LEAP_CATEGORY, args: { isPalette: true } });
    }
    palette?.addItem({ command: CommandIDs.checkStep, category: LEAP_CATEGORY });

    void app.restored.then(async () => {
      if (link && 'error' in link) {
        Notification.warning(trans.__('The tutorial link cannot be followed: %1', link.error), { autoClose: false });
      } else if (link) {
        window.history.replaceState(window.history.state, '', withoutTutorialLink(window.location.href));
        await app.commands.execute(CommandIDs.startTutorial, { ...link });
      } else {
        const open = (await state?.fetch(STATE_KEY)) as { tutorial?: string; session?: string | null } | undefined;
        if (open?.tutorial) {
          await app.commands.execute(CommandIDs.startTutorial, { tutorial: open.tutorial, session: open.session ?? null });
        }
      }
    });
  }
};

/**
 * The sidebar panel; its content is created on first show.
 */
export class TutorialsPanel extends LazyPanel<TutorialsWidget> {
  constructor(options: ITutorialsOptions) {
    super('jp-LeapTutorials', 'Tutorials', () =>
      import(/* webpackChunkName: "leap-tutorials" */ './widget').then(({ createTutorialsWidget }) =>
        createTutorialsWidget(options)
      )
    );
  }
}
