import { nullTranslator } from '@jupyterlab/translation';
import type { RequestEvent } from 'leap-hub-service/dist/api/requests-schemas';
import type { LeapApiClient } from '../../api';
import { notificationKind, notificationText } from '../notifications';
import { RequestNotifier } from '../notifier';

const trans = nullTranslator.load('jupyterlab_leap');
const event = (over: Partial<RequestEvent>): RequestEvent => ({
  id: 1,
  requestId: 7,
  requestName: 'NOAA OISST',
  kind: 'status',
  actor: 'dora',
  from: 'new',
  to: 'accepted',
  body: '',
  datasetId: null,
  at: '2026-11-03T10:00:00Z',
  github: null,
  ...over
});

describe('dataset request notifications', () => {
  it('says what happened to the request', () => {
    expect(notificationText(event({}), trans)).toBe('Your dataset request “NOAA OISST” is now accepted.');
    expect(notificationText(event({ to: 'done', datasetId: 'leap:oisst' }), trans)).toBe(
      'Your dataset request “NOAA OISST” is done: it is in the Data Library as leap:oisst.'
    );
    expect(notificationText(event({ kind: 'comment', to: null, from: null }), trans)).toBe('dora commented on your dataset request “NOAA OISST”.');
    expect([notificationKind(event({ to: 'done' })), notificationKind(event({ to: 'declined' })), notificationKind(event({}))]).toEqual(['success', 'warning', 'info']);
  });

  it('shows each unread event once, then marks them read', async () => {
    const events = [event({ id: 3 }), event({ id: 4, to: 'declined' })];
    const calls: [string, unknown][] = [];
    const client = {
      request: async (path: string, options?: { body?: unknown }) => {
        calls.push([path, options?.body]);
        return path === 'requests/notifications' ? { events } : undefined;
      }
    } as unknown as LeapApiClient;
    const shown: [string, string][] = [];
    const record = (kind: string) => (message: string) => {
      shown.push([kind, message]);
      return '';
    };
    const opened: number[] = [];
    const notifier = new RequestNotifier({
      client,
      trans,
      open: id => opened.push(id),
      notify: { info: record('info'), success: record('success'), warning: record('warning') } as unknown as RequestNotifier.INotify
    });
    await notifier.check();
    expect(shown).toEqual([
      ['info', 'Your dataset request “NOAA OISST” is now accepted.'],
      ['warning', 'Your dataset request “NOAA OISST” is now declined.']
    ]);
    expect(calls).toEqual([
      ['requests/notifications', undefined],
      ['requests/notifications/read', { ids: [3, 4] }]
    ]);
    await notifier.check();
    expect(shown).toHaveLength(2);
    notifier.dispose();
    expect(notifier.isDisposed).toBe(true);
  });
});
