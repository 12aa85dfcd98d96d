import type { Kernel, KernelMessage } from '@jupyterlab/services';
import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { interpretReply, ReplyContent, runCheck } from '../checks';

const trans = nullTranslator.load('jupyterlab_leap');

// execute_reply contents as ipykernel 7.4 sends them for a silent run
// (recorded with jupyter_client: execute_interactive(code, silent=True, store_history=False)).
const ENGINE = { engine_uuid: '8f4cfa32-94a8-4542-bf58-b19df3e1eb53', engine_id: -1, method: 'execute' };
const REPLIES: Record<string, ReplyContent> = {
  ok: { status: 'ok', execution_count: 0, user_expressions: {}, payload: [] } as ReplyContent,
  assertWithMessage: {
    status: 'error', ename: 'AssertionError', evalue: 'Select the region first', engine_info: ENGINE,
    execution_count: 0, user_expressions: {}, payload: []
  } as ReplyContent,
  assertBare: {
    status: 'error', ename: 'AssertionError', evalue: '', engine_info: ENGINE, execution_count: 0,
    user_expressions: {}, payload: []
  } as ReplyContent,
  zeroDivision: {
    status: 'error', ename: 'ZeroDivisionError', evalue: 'division by zero', engine_info: ENGINE,
    execution_count: 0, user_expressions: {}, payload: []
  } as ReplyContent,
  missingModule: {
    status: 'error', ename: 'ModuleNotFoundError', evalue: "No module named 'nope_zz'", engine_info: ENGINE,
    execution_count: 0, user_expressions: {}, payload: []
  } as ReplyContent
};

describe('interpretReply (the CHECK PROTOCOL)', () => {
  it('passes when the check completes', () => {
    expect(interpretReply(REPLIES.ok, 'h', trans).result).toBe('passed');
  });

  it("fails with the assertion's message as the hint", () => {
    expect(interpretReply(REPLIES.assertWithMessage, 'step hint', trans)).toEqual({
      result: 'failed',
      message: 'Select the region first'
    });
  });

  it("falls back to the step's hint, then to a generic message (the player labels it 'Not yet')", () => {
    expect(interpretReply(REPLIES.assertBare, 'Run the cell first', trans).message).toBe('Run the cell first');
    const generic = interpretReply(REPLIES.assertBare, undefined, trans);
    expect(generic.result).toBe('failed');
    expect(generic.message).toBe('Have another look at this step.');
  });

  it('reports any other exception as the check itself failing', () => {
    expect(interpretReply(REPLIES.zeroDivision, 'h', trans)).toEqual({
      result: 'error',
      message: 'The check itself failed: ZeroDivisionError: division by zero'
    });
    expect(interpretReply(REPLIES.missingModule, 'h', trans).message).toBe(
      "The check itself failed: ModuleNotFoundError: No module named 'nope_zz'"
    );
  });

  it('treats an aborted request as an error of the check', () => {
    expect(interpretReply({ status: 'aborted' } as ReplyContent, 'h', trans).result).toBe('error');
  });
});

/**
 * A kernel connection with just what runCheck uses; its reply is given by the test.
 */
class FakeKernel {
  status: Kernel.Status = 'idle';
  connectionStatus: Kernel.ConnectionStatus = 'connected';
  isDisposed = false;
  statusChanged = new Signal<this, Kernel.Status>(this);
  requests: KernelMessage.IExecuteRequestMsg['content'][] = [];
  reply: Promise<ReplyContent> = Promise.resolve(REPLIES.ok);

  requestExecute(content: KernelMessage.IExecuteRequestMsg['content']) {
    this.requests.push(content);
    return {
      done: this.reply.then(c => ({ content: c }) as unknown as KernelMessage.IExecuteReplyMsg),
      dispose: () => undefined
    };
  }

  setStatus(status: Kernel.Status): void {
    this.status = status;
    this.statusChanged.emit(status);
  }
}

const asKernel = (k: FakeKernel) => k as unknown as Kernel.IKernelConnection;
const options = { code: 'assert x == 1', hint: 'h', trans, busyTimeout: 30_000, runTimeout: 60_000 };

describe('runCheck', () => {
  afterEach(() => jest.useRealTimers());

  it('runs the code silently, out of the history, without stdin', async () => {
    const kernel = new FakeKernel();
    await expect(runCheck(asKernel(kernel), options)).resolves.toMatchObject({ result: 'passed' });
    expect(kernel.requests).toEqual([
      { code: 'assert x == 1', silent: true, store_history: false, allow_stdin: false, stop_on_error: false }
    ]);
  });

  it('says so when there is no kernel', async () => {
    const outcome = await runCheck(null, options);
    expect(outcome.result).toBe('unavailable');
    expect(outcome.message).toMatch(/No kernel/);
  });

  it('says so when the kernel is dead, without sending anything', async () => {
    const kernel = new FakeKernel();
    kernel.status = 'dead';
    const outcome = await runCheck(asKernel(kernel), options);
    expect(outcome).toMatchObject({ result: 'unavailable' });
    expect(outcome.message).toMatch(/not running/);
    expect(kernel.requests).toHaveLength(0);
  });

  it('waits for a busy kernel, then checks', async () => {
    const kernel = new FakeKernel();
    kernel.status = 'busy';
    const waiting = jest.fn();
    const pending = runCheck(asKernel(kernel), { ...options, onWaiting: waiting });
    await Promise.resolve();
    expect(waiting).toHaveBeenCalledTimes(1);
    expect(kernel.requests).toHaveLength(0);
    kernel.setStatus('idle');
    await expect(pending).resolves.toMatchObject({ result: 'passed' });
    expect(kernel.requests).toHaveLength(1);
  });

  it('gives up on a kernel busy for longer than the timeout', async () => {
    jest.useFakeTimers();
    const kernel = new FakeKernel();
    kernel.status = 'busy';
    const pending = runCheck(asKernel(kernel), options);
    jest.advanceTimersByTime(30_000);
    const outcome = await pending;
    expect(outcome.result).toBe('unavailable');
    expect(outcome.message).toMatch(/still busy after 30 s/);
    expect(kernel.requests).toHaveLength(0);
  });

  it('notices a kernel that dies during the check', async () => {
    const kernel = new FakeKernel();
    kernel.reply = new Promise(() => undefined);
    const pending = runCheck(asKernel(kernel), options);
    await Promise.resolve();
    kernel.setStatus('dead');
    await expect(pending).resolves.toMatchObject({ result: 'unavailable' });
  });

  it('notices a kernel that crashes during the check and is restarted', async () => {
    const kernel = new FakeKernel();
    kernel.reply = new Promise(() => undefined);
    const pending = runCheck(asKernel(kernel), options);
    await Promise.resolve();
    kernel.setStatus('autorestarting');
    const outcome = await pending;
    expect(outcome.result).toBe('unavailable');
    expect(outcome.message).toMatch(/stopped while checking/);
  });

  it('counts a check that never answers as an error', async () => {
    jest.useFakeTimers();
    const kernel = new FakeKernel();
    kernel.reply = new Promise(() => undefined);
    const pending = runCheck(asKernel(kernel), options);
    jest.advanceTimersByTime(60_000);
    const outcome = await pending;
    expect(outcome.result).toBe('error');
    expect(outcome.message).toMatch(/no answer from the kernel within 60 s/);
  });
});
