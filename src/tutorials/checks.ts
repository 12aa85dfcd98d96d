import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { TranslationBundle } from '@jupyterlab/translation';

/**
 * What "Check my work" found. `passed`/`failed`/`error` are check runs (saved
 * as progress, see DEVELOPING.md "CHECK PROTOCOL"); `unavailable` means the
 * check could not run (no kernel, kernel dead, kernel busy too long) and is
 * only shown.
 */
export interface ICheckOutcome {
  result: 'passed' | 'failed' | 'error' | 'unavailable';
  message: string;
}

/**
 * The part of an execute_reply's content a check looks at.
 */
export type ReplyContent = Pick<KernelMessage.IExecuteReplyMsg['content'], 'status'> & {
  ename?: string;
  evalue?: string;
};

/**
 * The CHECK PROTOCOL applied to the kernel's execute_reply: completed → passed;
 * AssertionError → failed, its message the hint (empty: the step's `hint`, else
 * "have another look"); any other exception → error, "the check itself failed: <ename>: <evalue>".
 */
export function interpretReply(
  content: ReplyContent,
  hint: string | undefined,
  trans: TranslationBundle
): ICheckOutcome {
  if (content.status === 'ok') {
    return { result: 'passed', message: trans.__('Well done: this step is complete.') };
  }
  if (content.status === 'error') {
    const ename = content.ename ?? '';
    const evalue = (content.evalue ?? '').trim();
    if (ename === 'AssertionError') {
      return { result: 'failed', message: evalue || hint?.trim() || trans.__('Have another look at this step.') };
    }
    return {
      result: 'error',
      message: trans.__('The check itself failed: %1', evalue ? `${ename}: ${evalue}` : ename || trans.__('unknown error'))
    };
  }
  return { result: 'error', message: trans.__('The check itself failed: the kernel aborted it.') };
}

export interface ICheckOptions {
  code: string;
  hint?: string;
  trans: TranslationBundle;
  /** Longest wait for a busy (or starting) kernel to become idle, in ms. */
  busyTimeout: number;
  /** Longest wait for the check's own reply, in ms. */
  runTimeout: number;
  /** Called once when the check has to wait for the kernel. */
  onWaiting?: () => void;
}

const WAITING: ReadonlyArray<Kernel.Status> = ['busy', 'starting', 'restarting', 'autorestarting', 'unknown'];

/**
 * Run a step's check in `kernel` (silently, not in the history) and interpret
 * the reply; no kernel, a dead kernel and a kernel busy for too long are
 * `unavailable` with a message saying what to do.
 */
export async function runCheck(
  kernel: Kernel.IKernelConnection | null | undefined,
  options: ICheckOptions
): Promise<ICheckOutcome> {
  const { trans } = options;
  if (!kernel || kernel.isDisposed) {
    return {
      result: 'unavailable',
      message: trans.__("No kernel to check your work in: open this step's notebook and start its kernel, then check again.")
    };
  }
  if (isDead(kernel)) {
    return deadOutcome(trans);
  }
  if (WAITING.includes(kernel.status)) {
    options.onWaiting?.();
    const state = await until(kernel, status => status === 'idle' || status === 'dead', options.busyTimeout);
    if (state === 'dead') {
      return deadOutcome(trans);
    }
    if (state === 'timeout') {
      return {
        result: 'unavailable',
        message: trans.__(
          'Your kernel is still busy after %1 s: wait for your cell to finish (or interrupt it), then check again.',
          Math.round(options.busyTimeout / 1000)
        )
      };
    }
  }
  const future = kernel.requestExecute(
    { code: options.code, silent: true, store_history: false, allow_stdin: false, stop_on_error: false },
    true
  );
  // a kernel that dies while checking is restarted by the server: either way the check is lost
  const died = until(kernel, status => status === 'dead' || status === 'autorestarting', options.runTimeout);
  const reply = await Promise.race([
    future.done.then(
      msg => msg as KernelMessage.IExecuteReplyMsg,
      () => 'dead' as const
    ),
    died
  ]);
  if (reply === 'dead' || reply === 'autorestarting') {
    return {
      result: 'unavailable',
      message: trans.__(
        'Your kernel stopped while checking (it is restarting, so your variables are gone): run your cells again, then check.'
      )
    };
  }
  if (typeof reply === 'string') {
    future.dispose();
    return {
      result: 'error',
      message: trans.__('The check itself failed: no answer from the kernel within %1 s.', Math.round(options.runTimeout / 1000))
    };
  }
  return interpretReply(reply.content, options.hint, trans);
}

function isDead(kernel: Kernel.IKernelConnection): boolean {
  return kernel.status === 'dead' || kernel.connectionStatus === 'disconnected';
}

function deadOutcome(trans: TranslationBundle): ICheckOutcome {
  return {
    result: 'unavailable',
    message: trans.__(
      'Your kernel is not running (it died or was shut down): restart it (Kernel ▸ Restart Kernel), run your cells again, then check.'
    )
  };
}

/**
 * Resolves with the first status `accept`s (or 'timeout' after `timeout` ms).
 */
function until(
  kernel: Kernel.IKernelConnection,
  accept: (status: Kernel.Status) => boolean,
  timeout: number
): Promise<Kernel.Status | 'timeout'> {
  if (accept(kernel.status)) {
    return Promise.resolve(kernel.status);
  }
  return new Promise(resolve => {
    const done = (value: Kernel.Status | 'timeout'): void => {
      clearTimeout(timer);
      kernel.statusChanged.disconnect(onStatus);
      resolve(value);
    };
    const onStatus = (_: unknown, status: Kernel.Status): void => {
      if (accept(status)) {
        done(status);
      }
    };
    const timer = setTimeout(() => done('timeout'), timeout);
    kernel.statusChanged.connect(onStatus);
  });
}
