import { debounce, LatestOnly } from '../latest';

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('debounce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once with the last arguments after the quiet time', () => {
    const fn = jest.fn();
    const d = debounce(fn, 200);
    d.schedule('s');
    jest.advanceTimersByTime(150);
    d.schedule('se');
    jest.advanceTimersByTime(150);
    d.schedule('sea');
    expect(fn).not.toHaveBeenCalled();
    expect(d.pending).toBe(true);
    jest.advanceTimersByTime(199);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(fn).toHaveBeenCalledWith('sea');
    expect(d.pending).toBe(false);
  });

  it('flushes now (Enter) and cancels (view gone)', () => {
    const fn = jest.fn();
    const d = debounce(fn, 200);
    d.schedule('a');
    d.flush();
    expect(fn).toHaveBeenCalledWith('a');
    d.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    d.schedule('b');
    d.cancel();
    jest.advanceTimersByTime(1000);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('LatestOnly', () => {
  it('drops an answer that arrives after a newer request started', async () => {
    const latest = new LatestOnly();
    const slow = deferred<string>();
    const fast = deferred<string>();
    const first = latest.run(() => slow.promise);
    const second = latest.run(() => fast.promise);
    fast.resolve('sea surface');
    slow.resolve('s');
    expect(await second).toEqual({ stale: false, value: 'sea surface' });
    expect(await first).toEqual({ stale: true });
  });

  it('drops the errors of stale requests but passes the current one', async () => {
    const latest = new LatestOnly();
    const old = deferred<string>();
    const first = latest.run(() => old.promise);
    const second = latest.run(() => Promise.reject(new Error('boom')));
    old.reject(new Error('late'));
    expect(await first).toEqual({ stale: true });
    await expect(second).rejects.toThrow('boom');
  });

  it('aborts the signal of the superseded request', () => {
    const latest = new LatestOnly();
    const a = latest.next();
    expect(a.signal.aborted).toBe(false);
    const b = latest.next();
    expect(a.signal.aborted).toBe(true);
    expect(a.isCurrent()).toBe(false);
    expect(b.isCurrent()).toBe(true);
    latest.dispose();
    expect(b.isCurrent()).toBe(false);
    expect(b.signal.aborted).toBe(true);
  });
});
