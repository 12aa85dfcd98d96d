import type { LeapApiClient } from '../../api';
import type { OutsideImportResult } from 'leap-hub-service/dist/api/graph-outside-schemas';
import type { OutsideSource } from './validate';

export type { OutsideImportResult };

/** POST graph/import/github or graph/import/doi through the shared LEAP client. */
export function importOutside(client: LeapApiClient, source: OutsideSource, value: string): Promise<OutsideImportResult> {
  return source === 'github'
    ? client.request<OutsideImportResult>('graph/import/github', { method: 'POST', body: { repository: value } })
    : client.request<OutsideImportResult>('graph/import/doi', { method: 'POST', body: { doi: value } });
}
