import { Clipboard, Dialog, ReactWidget, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import React from 'react';
import type { ClassSession, TutorialsApi } from './api';
import { isSessionCode } from './deeplink';

/**
 * Ask which tutorial a new class session is for; null when cancelled.
 */
export async function pickTutorial(api: TutorialsApi, trans: TranslationBundle): Promise<string | null> {
  const { tutorials } = await api.list();
  const select = document.createElement('select');
  select.className = 'jp-mod-styled';
  select.setAttribute('aria-label', trans.__('Tutorial'));
  for (const t of tutorials) {
    select.append(new Option(t.title, t.id));
  }
  const body = new Widget({ node: document.createElement('div') });
  body.node.append(select);
  const answer = await showDialog({
    title: trans.__('New class session'),
    body,
    buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Create') })],
    focusNodeSelector: 'select'
  });
  return answer.button.accept ? select.value : null;
}

/**
 * Ask for a class session: one of the caller's, or a code typed in; null when cancelled.
 */
export async function pickSession(api: TutorialsApi, trans: TranslationBundle): Promise<string | null> {
  const { sessions } = await api.sessions();
  const input = document.createElement('input');
  input.className = 'jp-mod-styled';
  input.setAttribute('aria-label', trans.__('Join code'));
  input.setAttribute('list', 'jp-leap-session-codes');
  input.placeholder = trans.__('Join code, e.g. ABCDEF');
  const options = document.createElement('datalist');
  options.id = 'jp-leap-session-codes';
  for (const s of sessions) {
    options.append(new Option(`${s.tutorialTitle}${s.endedAt ? ` (${trans.__('ended')})` : ''}`, s.code));
  }
  if (sessions[0]) {
    input.value = sessions[0].code;
  }
  const body = new Widget({ node: document.createElement('div') });
  body.node.append(input, options);
  const answer = await showDialog({
    title: trans.__('Open a class dashboard'),
    body,
    buttons: [Dialog.cancelButton(), Dialog.okButton({ label: trans.__('Open') })],
    focusNodeSelector: 'input'
  });
  const code = input.value.trim().toUpperCase();
  return answer.button.accept && isSessionCode(code) ? code : null;
}

/**
 * The new session's join link and code, each with a Copy button.
 * Resolves true when the instructor asks for the dashboard.
 */
export async function showSessionCreated(
  session: ClassSession,
  link: string,
  trans: TranslationBundle
): Promise<boolean> {
  const body = ReactWidget.create(<SessionCreated session={session} link={link} trans={trans} />);
  const answer = await showDialog({
    title: trans.__('Class session %1 is open', session.code),
    body,
    buttons: [Dialog.cancelButton({ label: trans.__('Close') }), Dialog.okButton({ label: trans.__('Open dashboard') })]
  });
  return answer.button.accept;
}

function SessionCreated(props: { session: ClassSession; link: string; trans: TranslationBundle }): JSX.Element {
  const { session, link, trans } = props;
  return (
    <div className="jp-LeapSessionCreated">
      <p>{trans.__('Learners join %1 with this link (or the code):', session.tutorialTitle)}</p>
      <CopyField label={trans.__('Join link')} value={link} trans={trans} />
      <CopyField label={trans.__('Join code')} value={session.code} trans={trans} />
    </div>
  );
}

function CopyField(props: { label: string; value: string; trans: TranslationBundle }): JSX.Element {
  const { label, value, trans } = props;
  return (
    <div className="jp-LeapSessionCreated-field">
      <label>
        {label}
        <input className="jp-mod-styled" readOnly value={value} onFocus={e => e.currentTarget.select()} />
      </label>
      <button
        type="button"
        className="jp-Button jp-mod-styled"
        aria-label={trans.__('Copy %1', label)}
        onClick={() => Clipboard.copyToSystem(value)}
      >
        {trans.__('Copy')}
      </button>
    </div>
  );
}
