import { ReactWidget } from '@jupyterlab/apputils';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import type { CommandRegistry } from '@lumino/commands';
import React, { useCallback, useEffect, useState } from 'react';
import type { LeapApiClient } from '../api';
import { ServiceUnavailable, useServiceStatus } from '../components';
import { CommandIDs, ILeapServiceStatus } from '../tokens';
import { createActions } from './actions';
import { TutorialsApi, TutorialSummary } from './api';
import { PlayerModel } from './model';
import { Player } from './Player';
import { TutorialList } from './TutorialList';
import '../../style/tutorials.css';

export interface ITutorialsOptions {
  client: LeapApiClient;
  status: ILeapServiceStatus;
  translator: ITranslator;
  notebooks: INotebookTracker | null;
  commands: CommandRegistry;
  /** Seconds to wait for a busy kernel, and for a check's answer (from the settings). */
  timeouts: () => { busy: number; run: number };
  /** Told which tutorial is open (null: the list), so a reload can reopen it. */
  onOpen: (open: { tutorial: string; session: string | null } | null) => void;
}

const SAVE_TIME_EVERY = 30_000;

/**
 * The Tutorials panel's content (loaded on first show): the list, or the player.
 */
export class TutorialsWidget extends ReactWidget {
  constructor(private _options: ITutorialsOptions) {
    super();
    this.addClass('jp-LeapTutorials-content');
    this.api = new TutorialsApi(_options.client);
    this._trans = _options.translator.load('jupyterlab_leap');
  }

  readonly api: TutorialsApi;

  get player(): PlayerModel | null {
    return this._player;
  }

  /**
   * Open the player on a tutorial (fetching its files first), joining `session` if given.
   */
  async start(id: string, session: string | null): Promise<PlayerModel> {
    const [tutorial, progress] = await Promise.all([this.api.get(id), this.api.progress(id)]);
    this._setPlayer(new PlayerModel(this.api, tutorial, progress, session ?? progress.session));
    const player = this._player!;
    this._options.onOpen({ tutorial: id, session: player.session });
    await player.fetchFiles();
    await player.start();
    return player;
  }

  /**
   * Run the current step's check (the `leap:check-step` command).
   */
  async checkCurrentStep(): Promise<void> {
    const player = this._player;
    if (!player?.step.check) {
      return;
    }
    const outcome = await this._actions!.check(player.step, () => undefined);
    await player.recordCheck(player.step.id, outcome);
  }

  close(): void {
    this._setPlayer(null);
    this._options.onOpen(null);
  }

  /**
   * Load the list again (after a tutorial was deleted); closes the player when it plays `deleted`.
   */
  reloadList(deleted?: string): void {
    if (deleted !== undefined && this._player?.tutorial.id === deleted) {
      this.close();
    }
    this._listVersion++;
    this.update();
  }

  dispose(): void {
    this._setPlayer(null);
    super.dispose();
  }

  protected render(): JSX.Element {
    return (
      <TutorialsView
        widget={this}
        status={this._options.status}
        trans={this._trans}
        commands={this._options.commands}
        listVersion={this._listVersion}
      />
    );
  }

  private _setPlayer(player: PlayerModel | null): void {
    if (this._player) {
      void this._player.saveTime();
      window.clearInterval(this._timer);
    }
    this._player = player;
    this._actions = player
      ? createActions(player.tutorial, {
          commands: this._options.commands,
          notebooks: this._options.notebooks,
          trans: this._trans,
          timeouts: this._options.timeouts
        })
      : null;
    if (player) {
      this._timer = window.setInterval(() => void player.saveTime(), SAVE_TIME_EVERY);
    }
    this.update();
  }

  get actions(): ReturnType<typeof createActions> | null {
    return this._actions;
  }

  private _trans: TranslationBundle;
  private _player: PlayerModel | null = null;
  private _actions: ReturnType<typeof createActions> | null = null;
  private _timer = 0;
  private _listVersion = 0;
}

function TutorialsView(props: {
  widget: TutorialsWidget;
  status: ILeapServiceStatus;
  trans: TranslationBundle;
  commands: CommandRegistry;
  listVersion: number;
}): JSX.Element {
  const { widget, status, trans, commands, listVersion } = props;
  const snapshot = useServiceStatus(status);
  const [tutorials, setTutorials] = useState<TutorialSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // who may import tutorials may delete them: hub admins (local mode: the local user)
  const [mayDelete, setMayDelete] = useState(false);
  const load = useCallback(async () => {
    try {
      setTutorials((await widget.api.list()).tutorials);
      setError(null);
    } catch (reason) {
      setError(reason instanceof Error ? reason.message : String(reason));
    }
  }, [widget]);
  useEffect(() => {
    if (snapshot.state === 'online' && tutorials === null) {
      void load();
    }
  }, [snapshot.state]);
  useEffect(() => {
    if (listVersion > 0) {
      void load();
    }
  }, [listVersion]);
  useEffect(() => {
    if (snapshot.state === 'online') {
      widget.api.client.whoami().then(
        me => setMayDelete(me.admin),
        () => setMayDelete(false)
      );
    }
  }, [snapshot.state]);

  if (widget.player && widget.actions) {
    // the player stays usable offline (checks run in the kernel); it says that saving waits for the service
    return (
      <>
        {snapshot.state === 'offline' && <ServiceUnavailable snapshot={snapshot} trans={trans} onRetry={() => status.refresh()} />}
        <Player model={widget.player} actions={widget.actions} trans={trans} onClose={() => widget.close()} />
      </>
    );
  }
  if (snapshot.state !== 'online') {
    return <ServiceUnavailable snapshot={snapshot} trans={trans} onRetry={() => status.refresh()} />;
  }
  if (error) {
    return (
      <div className="jp-LeapTutorials-error" role="alert">
        <p>{trans.__('The tutorials could not be loaded: %1', error)}</p>
        <button type="button" className="jp-Button jp-mod-styled" onClick={() => void load()}>
          {trans.__('Try again')}
        </button>
      </div>
    );
  }
  if (tutorials === null) {
    return <p className="jp-LeapTutorials-loading">{trans.__('Loading tutorials…')}</p>;
  }
  return (
    <TutorialList
      tutorials={tutorials}
      trans={trans}
      onStart={id => void commands.execute(CommandIDs.startTutorial, { tutorial: id })}
      onClassSession={id => void commands.execute(CommandIDs.createClassSession, { tutorial: id })}
      onDelete={mayDelete ? id => void commands.execute(CommandIDs.deleteTutorial, { tutorial: id }) : undefined}
    />
  );
}

export function createTutorialsWidget(options: ITutorialsOptions): TutorialsWidget {
  return new TutorialsWidget(options);
}
