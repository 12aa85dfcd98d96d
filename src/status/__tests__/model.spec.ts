import type { Health, IGatewayInfo, LeapApiClient } from '../../api';
import { LeapApiError } from '../../api';
import type { ILeapServiceStatus } from '../../tokens';
import { LeapServiceStatus } from '../model';

const HEALTH: Health = {
  status: 'ok',
  version: '0.1.0',
  mode: 'local',
  database: { kind: 'pglite', ok: true, schemaVersion: 2 },
  startedAt: '2026-11-25T14:00:00.000Z'
};

function gateway(state: IGatewayInfo['service']['state'], message: string | null = null): IGatewayInfo {
  return { mode: 'local', version: '0.1.0', service: { state, message, restarts: 1 } };
}

const DOWN = new LeapApiError({ status: 503, code: 'service_unavailable', message: 'down' });

/**
 * A client whose answers the test sets; counts health calls.
 */
class FakeClient {
  gatewayInfo = jest.fn<Promise<IGatewayInfo>, []>(() => Promise.resolve(gateway('running')));
  health = jest.fn<Promise<Health>, []>(() => Promise.resolve(HEALTH));
}

describe('LeapServiceStatus', () => {
  let client: FakeClient;
  let status: LeapServiceStatus;
  let changes: ILeapServiceStatus.IStateChange[];

  /**
   * Run the checks due in the next `ms` milliseconds (fake time).
   */
  const advance = (ms: number) => jest.advanceTimersByTimeAsync(ms);

  /**
   * Run the first check (fake timers give a zero delay set during a tick 1 ms).
   */
  const start = () => advance(1);

  /**
   * Run the check scheduled after the last one, to its end.
   */
  const nextCheck = () => advance(status.poll.state.interval);

  beforeEach(() => {
    jest.useFakeTimers();
    client = new FakeClient();
    status = new LeapServiceStatus({
      client: client as unknown as LeapApiClient,
      interval: 100,
      maxInterval: 10000,
      startingInterval: 20,
      standby: 'never'
    });
    changes = [];
    status.stateChanged.connect((_, change) => changes.push(change));
  });

  afterEach(() => {
    status.dispose();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('is starting before the first check', () => {
    expect(status.state).toBe('starting');
    expect(status.checkedAt).toBe(0);
    expect(status.health).toBeNull();
  });

  it('goes online when the health check answers', async () => {
    await start();
    expect(status.state).toBe('online');
    expect(status.health).toEqual(HEALTH);
    expect(status.gateway?.service.state).toBe('running');
    expect(status.error).toBeNull();
    expect(status.checkedAt).toBeGreaterThan(0);
    expect(changes).toEqual([{ previous: 'starting', current: 'online' }]);
    expect(status.poll.state.interval).toBe(100);
  });

  it('emits changed after every check and stateChanged only on a change', async () => {
    const snapshots: string[] = [];
    status.changed.connect((_, s) => snapshots.push(s.state));
    await start();
    await nextCheck();
    await nextCheck();
    expect(snapshots).toEqual(['online', 'online', 'online']);
    expect(changes).toHaveLength(1);
  });

  it('is offline without asking for health when the gateway does not answer', async () => {
    client.gatewayInfo.mockRejectedValue(LeapApiError.unavailable(new TypeError('Failed to fetch')));
    await start();
    expect(status.state).toBe('offline');
    expect(status.error?.code).toBe('service_unavailable');
    expect(status.gateway).toBeNull();
    expect(client.health).not.toHaveBeenCalled();
    expect(status.poll.state.phase).toBe('rejected');
  });

  it('is offline with the gateway message when the service failed', async () => {
    client.gatewayInfo.mockResolvedValue(gateway('failed', 'Node.js was not found'));
    await start();
    expect(status.state).toBe('offline');
    expect(status.error?.message).toBe('Node.js was not found');
    expect(client.health).not.toHaveBeenCalled();
  });

  it('checks again quickly while the gateway starts the service', async () => {
    client.gatewayInfo.mockResolvedValue(gateway('starting'));
    await start();
    expect(status.state).toBe('starting');
    expect(changes).toEqual([]);
    expect(status.poll.state.interval).toBe(20);
    client.gatewayInfo.mockResolvedValue(gateway('running'));
    await nextCheck();
    expect(status.state).toBe('online');
    expect(status.poll.state.interval).toBe(100);
  });

  it('keeps the last health while offline', async () => {
    await start();
    client.health.mockRejectedValue(DOWN);
    await nextCheck();
    expect(status.state).toBe('offline');
    expect(status.health).toEqual(HEALTH);
    expect(status.error).toBe(DOWN);
    expect(changes.map(c => c.current)).toEqual(['online', 'offline']);
  });

  it('backs off up to the maximum while failing and resets on recovery', async () => {
    // Poll picks a random wait between the interval and 3× the last wait:
    // make it always pick the longest.
    jest.spyOn(Math, 'random').mockReturnValue(0.9999);
    await start();
    client.health.mockRejectedValue(DOWN);
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      await nextCheck();
      waits.push(status.poll.state.interval);
    }
    expect(waits).toEqual([300, 900, 2700, 8100, 10000, 10000]);
    expect(client.health).toHaveBeenCalledTimes(7);
    client.health.mockResolvedValue(HEALTH);
    await nextCheck();
    expect(status.state).toBe('online');
    expect(status.poll.state.phase).toBe('reconnected');
    expect(status.poll.state.interval).toBe(100);
  });

  it('checks nothing before the next due time', async () => {
    await start();
    await advance(99);
    expect(client.health).toHaveBeenCalledTimes(1);
    await advance(1);
    expect(client.health).toHaveBeenCalledTimes(2);
  });

  it('refresh checks at once, without waiting for the schedule', async () => {
    await start();
    client.health.mockRejectedValue(DOWN);
    const done = status.refresh();
    await advance(1);
    await done;
    expect(status.state).toBe('offline');
    expect(client.health).toHaveBeenCalledTimes(2);
  });

  it('applies new settings to the next wait', async () => {
    await start();
    status.configure({ interval: 500, maxInterval: 60000 });
    await nextCheck();
    expect(status.poll.state.interval).toBe(500);
    expect(status.poll.frequency).toEqual({ interval: 500, backoff: true, max: 60000 });
  });

  it('never lets the maximum be below the interval', () => {
    expect(LeapServiceStatus.frequency({ interval: 5000, maxInterval: 1000 })).toEqual({
      interval: 5000,
      backoff: true,
      max: 5000
    });
  });

  it('stops checking when disposed', async () => {
    await start();
    status.dispose();
    await advance(1000);
    expect(client.health).toHaveBeenCalledTimes(1);
    expect(status.isDisposed).toBe(true);
  });
});
