import { nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import type { ILeapServiceStatus, LeapServiceState } from '../../tokens';
import { ServiceNotifier } from '../notifier';

/**
 * Just the parts of a status the notifier listens to.
 */
class FakeStatus {
  state: LeapServiceState = 'starting';
  readonly stateChanged = new Signal<this, ILeapServiceStatus.IStateChange>(this);
  refresh = jest.fn(() => Promise.resolve());

  go(...states: LeapServiceState[]): void {
    for (const current of states) {
      const previous = this.state;
      this.state = current;
      this.stateChanged.emit({ previous, current });
    }
  }
}

describe('ServiceNotifier', () => {
  let status: FakeStatus;
  let notify: { warning: jest.Mock; success: jest.Mock };
  let notifier: ServiceNotifier;

  beforeEach(() => {
    status = new FakeStatus();
    notify = { warning: jest.fn(), success: jest.fn() };
    notifier = new ServiceNotifier({
      status: status as unknown as ILeapServiceStatus,
      trans: nullTranslator.load('jupyterlab_leap'),
      notify
    });
  });

  it('says nothing about a service that was never online', () => {
    status.go('offline', 'starting', 'offline');
    expect(notify.warning).not.toHaveBeenCalled();
    expect(notify.success).not.toHaveBeenCalled();
  });

  it('says nothing when the service comes online the first time', () => {
    status.go('online');
    expect(notify.success).not.toHaveBeenCalled();
  });

  it('warns once when an online service goes away, however it flaps', () => {
    status.go('online', 'offline', 'starting', 'offline');
    expect(notify.warning).toHaveBeenCalledTimes(1);
    expect(notify.warning.mock.calls[0][0]).toContain('not answering');
  });

  it('says once that it is back, then warns again on the next loss', () => {
    status.go('online', 'starting', 'online', 'offline', 'online');
    expect(notify.warning).toHaveBeenCalledTimes(2);
    expect(notify.success).toHaveBeenCalledTimes(2);
    expect(notify.success.mock.calls[0][0]).toContain('back online');
  });

  it('offers a retry that checks the service now', () => {
    status.go('online', 'offline');
    const [action] = notify.warning.mock.calls[0][1].actions;
    expect(action.label).toBe('Retry now');
    action.callback(new Event('click'));
    expect(status.refresh).toHaveBeenCalledTimes(1);
  });

  it('stops listening when disposed', () => {
    notifier.dispose();
    status.go('online', 'offline');
    expect(notify.warning).not.toHaveBeenCalled();
    expect(notifier.isDisposed).toBe(true);
  });
});
