import { Dialog, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { caretLeftIcon, checkIcon } from '@jupyterlab/ui-components';
import React, { useEffect, useReducer, useRef, useState } from 'react';
import { renderMarkdown } from '../components/markdown';
import type { TutorialStep } from './api';
import type { ICheckOutcome } from './checks';
import type { PlayerModel } from './model';

/**
 * What the player asks the shell to do (JupyterLab commands, kernels, DOM).
 */
export interface IPlayerActions {
  openNotebook(step: TutorialStep): Promise<void>;
  /** Highlight the step's target; returns a message when it is not on screen. */
  highlight(step: TutorialStep): string | null;
  /** Run the step's "Do it for me" command; returns a message when it failed. */
  doIt(step: TutorialStep): Promise<string | null>;
  check(step: TutorialStep, onWaiting: () => void): Promise<ICheckOutcome>;
}

export interface IPlayerProps {
  model: PlayerModel;
  actions: IPlayerActions;
  trans: TranslationBundle;
  onClose: () => void;
}

function useModel(model: PlayerModel): void {
  const [, bump] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    const update = (): void => bump();
    model.changed.connect(update);
    return () => {
      model.changed.disconnect(update);
    };
  }, [model]);
}

/**
 * The tutorial player: steps with progress, the current step, its actions.
 */
export function Player(props: IPlayerProps): JSX.Element {
  const { model, actions, trans, onClose } = props;
  useModel(model);
  const { tutorial, step, index } = model;
  const [busy, setBusy] = useState<'check' | 'doit' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const passedCount = tutorial.steps.filter(s => model.passed(s.id)).length;
  const checked = tutorial.steps.filter(s => s.check).length;

  // the step's notebook opens once the files are there (or could not be fetched)
  const filesSettled = model.files.state === 'done' || model.files.state === 'error';
  useEffect(() => {
    setNote(null);
    heading.current?.focus();
  }, [step.id]);
  useEffect(() => {
    if (filesSettled && step.notebook) {
      void keepFocus(() => actions.openNotebook(step));
    }
  }, [step.id, filesSettled]);

  /**
   * Opening a notebook activates it, which takes the keyboard focus: when
   * the focus was in the player (a step changed, "Do it for me"), it goes
   * back to where it was once the notebook is open.
   */
  const keepFocus = async <T,>(open: () => Promise<T>): Promise<T> => {
    const before = document.activeElement as HTMLElement | null;
    const inPlayer = !!before && !!heading.current?.closest('.jp-LeapTutorials-player')?.contains(before);
    const result = await open();
    // JupyterLab activates the notebook in a later frame (a posted message): restore after it
    await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    if (inPlayer && before!.isConnected && document.activeElement !== before) {
      before!.focus();
    }
    return result;
  };

  const runCheck = async (): Promise<void> => {
    setBusy('check');
    setNote(null);
    const outcome = await actions.check(step, () => setNote(trans.__('Waiting for your kernel to finish…')));
    setNote(null);
    await model.recordCheck(step.id, outcome);
    setBusy(null);
  };
  const doIt = async (): Promise<void> => {
    setBusy('doit');
    setNote(await keepFocus(() => actions.doIt(step)));
    setBusy(null);
  };
  const startOver = async (): Promise<void> => {
    const answer = await showDialog({
      title: trans.__('Start %1 over?', tutorial.title),
      body: trans.__('Your steps, check results and hints of this tutorial are forgotten. Your files stay as they are.'),
      buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Start over') })]
    });
    if (answer.button.accept) {
      await model.reset().catch(reason => setNote(trans.__('Your progress could not be reset: %1', String(reason))));
    }
  };
  const outcome = model.outcome(step.id);
  const hints = model.hintsShown(step.id);
  const last = index === tutorial.steps.length - 1;

  return (
    <div className="jp-LeapTutorials-player">
      <div className="jp-LeapTutorials-playerHeader">
        <button type="button" className="jp-Button jp-mod-minimal" onClick={onClose} aria-label={trans.__('All tutorials')}>
          <caretLeftIcon.react tag="span" />
          {trans.__('All tutorials')}
        </button>
        <h2 className="jp-LeapTutorials-playerTitle">{tutorial.title}</h2>
        <p className="jp-LeapTutorials-meta">
          {checked
            ? trans.__('%1 of %2 checks passed', passedCount, checked)
            : trans.__('Step %1 of %2', index + 1, tutorial.steps.length)}
          {model.session ? ` · ${trans.__('Class session %1', model.session)}` : ''}
        </p>
        <button type="button" className="jp-Button jp-mod-minimal jp-LeapTutorials-reset" onClick={() => void startOver()}>
          {trans.__('Start over')}
        </button>
        <progress
          className="jp-LeapTutorials-progress"
          max={tutorial.steps.length}
          value={model.completed ? tutorial.steps.length : index}
          aria-label={trans.__('Tutorial progress')}
        />
      </div>
      <FilesState model={model} trans={trans} />
      <ol className="jp-LeapTutorials-steps" aria-label={trans.__('Steps')}>
        {tutorial.steps.map((s, i) => (
          <li key={s.id}>
            <button
              type="button"
              className={`jp-LeapTutorials-stepLink${i === index ? ' jp-mod-current' : ''}`}
              aria-current={i === index ? 'step' : undefined}
              onClick={() => void model.goTo(i)}
            >
              {model.passed(s.id) ? (
                <checkIcon.react tag="span" className="jp-LeapTutorials-done" title={trans.__('Check passed')} />
              ) : (
                <span className="jp-LeapTutorials-stepNumber">{i + 1}</span>
              )}
              <span>{s.title}</span>
            </button>
          </li>
        ))}
      </ol>
      <section className="jp-LeapTutorials-step" aria-labelledby="jp-leap-tutorial-step-title">
        <h3 id="jp-leap-tutorial-step-title" ref={heading} tabIndex={-1}>
          {trans.__('Step %1: %2', index + 1, step.title)}
        </h3>
        <div className="jp-LeapTutorials-markdown" dangerouslySetInnerHTML={{ __html: renderMarkdown(step.markdown) }} />
        <div className="jp-LeapTutorials-stepActions">
          {step.notebook && (
            <button type="button" className="jp-Button jp-mod-styled" onClick={() => void actions.openNotebook(step)}>
              {trans.__('Open the notebook')}
            </button>
          )}
          {step.target && (
            <button type="button" className="jp-Button jp-mod-styled" onClick={() => setNote(actions.highlight(step))}>
              {trans.__('Show me where')}
            </button>
          )}
          {step.doIt && (
            // aria-disabled, not disabled, while busy: a disabled button would drop the keyboard focus
            <button type="button" className="jp-Button jp-mod-styled" aria-disabled={busy !== null} onClick={() => busy === null && void doIt()}>
              {trans.__('Do it for me')}
            </button>
          )}
          {step.check && (
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              aria-disabled={busy !== null}
              onClick={() => busy === null && void runCheck()}
            >
              {busy === 'check' ? trans.__('Checking…') : trans.__('Check my work')}
            </button>
          )}
        </div>
        <div role="status" aria-live="polite" className="jp-LeapTutorials-status">
          {note && <p className="jp-LeapTutorials-note">{note}</p>}
          {outcome && busy !== 'check' && <Outcome outcome={outcome} trans={trans} />}
        </div>
        {step.hints.length > 0 && (
          <div className="jp-LeapTutorials-hints">
            {step.hints.slice(0, hints).map((hint, i) => (
              <div
                key={i}
                className="jp-LeapTutorials-hint"
                role="note"
                aria-label={trans.__('Hint %1', i + 1)}
                dangerouslySetInnerHTML={{ __html: renderMarkdown(hint) }}
              />
            ))}
            {hints < step.hints.length && (
              <button type="button" className="jp-Button jp-mod-minimal" onClick={() => void model.revealHint()}>
                {trans.__('Show a hint (%1 of %2)', hints + 1, step.hints.length)}
              </button>
            )}
          </div>
        )}
      </section>
      <div className="jp-LeapTutorials-nav">
        <button type="button" className="jp-Button jp-mod-styled" disabled={index === 0} onClick={() => void model.goTo(index - 1)}>
          {trans.__('Back')}
        </button>
        {last ? (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-accept"
            disabled={model.completed}
            onClick={() => void model.finish()}
          >
            {model.completed ? trans.__('Completed') : trans.__('Finish')}
          </button>
        ) : (
          <button type="button" className="jp-Button jp-mod-styled jp-mod-accept" onClick={() => void model.goTo(index + 1)}>
            {trans.__('Next')}
          </button>
        )}
      </div>
      {model.saveError && (
        <p className="jp-LeapTutorials-error" role="alert">
          {trans.__('Your progress could not be saved: %1', model.saveError)}
        </p>
      )}
    </div>
  );
}

function Outcome(props: { outcome: ICheckOutcome; trans: TranslationBundle }): JSX.Element {
  const { outcome, trans } = props;
  const label =
    outcome.result === 'passed'
      ? trans.__('Passed')
      : outcome.result === 'failed'
        ? trans.__('Not yet')
        : outcome.result === 'error'
          ? trans.__('Check failed')
          : trans.__('Cannot check');
  return (
    <p className={`jp-LeapTutorials-outcome jp-mod-${outcome.result}`}>
      <strong>{label}:</strong> {outcome.message}
    </p>
  );
}

function FilesState(props: { model: PlayerModel; trans: TranslationBundle }): JSX.Element | null {
  const { model, trans } = props;
  const files = model.files;
  if (files.state === 'fetching') {
    return (
      <div className="jp-LeapTutorials-files" role="status" aria-live="polite">
        <p>{trans.__('Getting the tutorial’s files… %1', files.total ? `${files.done}/${files.total}` : '')}</p>
        <progress
          max={files.total || undefined}
          value={files.total ? files.done : undefined}
          aria-label={trans.__('Fetching files')}
        />
      </div>
    );
  }
  if (files.state === 'error') {
    return (
      <div className="jp-LeapTutorials-files jp-mod-error" role="alert">
        <p>{trans.__('The tutorial’s files could not be fetched: %1', files.message)}</p>
        <button type="button" className="jp-Button jp-mod-styled" onClick={() => void model.fetchFiles()}>
          {trans.__('Try again')}
        </button>
      </div>
    );
  }
  if (files.state === 'done' && files.kept.length > 0) {
    return (
      <p className="jp-LeapTutorials-files">
        {trans.__('Your own versions were kept: %1', files.kept.map(f => f.path).join(', '))}
      </p>
    );
  }
  return null;
}
