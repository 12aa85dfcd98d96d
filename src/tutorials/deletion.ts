import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import type { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import type { TutorialDeletion, TutorialsApi } from './api';

/**
 * Ask whether to delete the tutorial (named, with what happens to progress and class sessions) and
 * whether learners' progress goes too; null when cancelled.
 */
export async function confirmDeletion(
  title: string,
  trans: TranslationBundle
): Promise<{ progress: 'keep' | 'delete' } | null> {
  const body = new Widget({ node: document.createElement('div') });
  body.addClass('jp-LeapTutorials-deleteDialog');
  const what = document.createElement('p');
  what.textContent = trans.__(
    'Its files and its ended class sessions (dashboards and results) are deleted with it. A tutorial with a class session still running cannot be deleted: end the session first.'
  );
  const progress = document.createElement('p');
  progress.textContent = trans.__(
    "Learners' progress is kept: importing the same tutorial again brings every learner back to where they were."
  );
  const label = document.createElement('label');
  const forget = document.createElement('input');
  forget.type = 'checkbox';
  forget.name = 'delete-progress';
  label.append(forget, ' ', trans.__("Also delete every learner's progress"));
  body.node.append(what, progress, label);
  const answer = await showDialog({
    title: trans.__('Delete the tutorial “%1”?', title),
    body,
    buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: trans.__('Delete') })],
    // a destructive action: Enter right away cancels
    defaultButton: 0
  });
  return answer.button.accept ? { progress: forget.checked ? 'delete' : 'keep' } : null;
}

/** Longest tutorial title quoted in a notification (toasts show 140 characters). */
const TITLE_IN_TOAST = 32;

/**
 * What the service did, in words for the success notification (short: a toast shows 140 characters).
 */
export function deletionMessage(done: TutorialDeletion, trans: TranslationBundle): string {
  const title = done.title.length > TITLE_IN_TOAST ? `${done.title.slice(0, TITLE_IN_TOAST - 1)}…` : done.title;
  const parts = [trans.__('Deleted “%1”.', title)];
  if (done.learners > 0) {
    parts.push(
      done.progress === 'kept'
        ? trans._n('Progress of %1 learner kept.', 'Progress of %1 learners kept.', done.learners)
        : trans._n('Progress of %1 learner deleted.', 'Progress of %1 learners deleted.', done.learners)
    );
  }
  if (done.endedSessions.length > 0) {
    parts.push(trans._n('%1 ended class session deleted.', '%1 ended class sessions deleted.', done.endedSessions.length));
  }
  if (done.returnsAtStart) {
    parts.push(trans.__('A demo: back at the next start.'));
  }
  return parts.join(' ');
}

/**
 * The `leap:delete-tutorial` command's work: confirm, delete, notify. Resolves with the deletion,
 * or null when cancelled or refused (the refusal, e.g. a class session still running, is notified).
 */
export async function deleteTutorial(
  api: TutorialsApi,
  trans: TranslationBundle,
  id: string
): Promise<TutorialDeletion | null> {
  let title = id;
  try {
    title = (await api.get(id)).title;
  } catch (reason) {
    fail(trans.__('The tutorial “%1” cannot be deleted', id), reason);
    return null;
  }
  const choice = await confirmDeletion(title, trans);
  if (!choice) {
    return null;
  }
  try {
    const done = await api.remove(id, choice.progress);
    Notification.success(deletionMessage(done, trans), { autoClose: 8000 });
    return done;
  } catch (reason) {
    // short: the service's reason (e.g. which class session still runs) must fit the notification
    fail(trans.__('Not deleted'), reason);
    return null;
  }
}

function fail(what: string, reason: unknown): void {
  Notification.error(`${what}: ${reason instanceof Error ? reason.message : String(reason)}`, { autoClose: false });
}
