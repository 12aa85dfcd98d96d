/**
 * Detected references matched to data library datasets, for the publish
 * dialog's pre-checked list. Ids are looked up directly; an intake key by a
 * catalog search whose hits end with `:<key>`; a store URL by searching the
 * catalog for the words of its file name, then keeping only datasets that
 * really list a store at that URL (gs:// and its https form are the same).
 */

import type { LeapApiClient } from '../api';
import type { IDatasetReference } from './detect';

export interface IResolvedDataset {
  reference: IDatasetReference;
  /** The catalog dataset id, or null when the data library has no match. */
  datasetId: string | null;
  title: string | null;
}

interface IDetail {
  id: string;
  title: string;
  stores: { url: string; httpsUrl: string | null }[];
}

interface ISearch {
  items: { id: string; title: string }[];
}

/** A store URL in one spelling: https for gs:// (storage.googleapis.com), no trailing slash, lower-case host. */
export function normalizeStoreUrl(url: string): string {
  let u = url.trim().replace(/\/+$/, '');
  const gs = /^(?:gs|gcs):\/\/(.+)$/i.exec(u);
  if (gs) {
    u = `https://storage.googleapis.com/${gs[1]}`;
  }
  return u.replace(/^([a-z0-9]+:\/\/)([^/]+)/i, (_, scheme: string, host: string) => scheme.toLowerCase() + host.toLowerCase());
}

/** The words to search the catalog with for a URL: its last path segment without the suffix. */
export function urlSearchWords(url: string): string {
  const last = url.replace(/[?#].*$/, '').replace(/\/+$/, '').split('/').pop() ?? '';
  return last.replace(/\.(zarr|nc|nc4|h5|hdf5|json|zip)$/gi, '').replace(/[^A-Za-z0-9]+/g, ' ').trim();
}

export async function resolveReferences(
  client: Pick<LeapApiClient, 'request'>,
  references: ReadonlyArray<IDatasetReference>,
  maxCandidates = 5
): Promise<IResolvedDataset[]> {
  const details = new Map<string, Promise<IDetail | null>>();
  const detail = (id: string): Promise<IDetail | null> => {
    let answer = details.get(id);
    if (!answer) {
      answer = client.request<IDetail>(`catalog/datasets/${encodeURIComponent(id)}`).catch(() => null);
      details.set(id, answer);
    }
    return answer;
  };
  const search = (q: string): Promise<ISearch> =>
    client
      .request<ISearch>('catalog/search', { query: { q: `${q} `, limit: maxCandidates * 4, facets: [''] } })
      .catch(() => ({ items: [] }));

  return Promise.all(
    references.map(async (reference): Promise<IResolvedDataset> => {
      const none = { reference, datasetId: null, title: null };
      if (reference.kind === 'id') {
        if (reference.value.includes(':')) {
          const d = await detail(reference.value);
          return d ? { reference, datasetId: d.id, title: d.title } : none;
        }
        const hit = (await search(reference.value)).items.find(i => i.id.endsWith(`:${reference.value}`));
        return hit ? { reference, datasetId: hit.id, title: hit.title } : none;
      }
      const words = urlSearchWords(reference.value);
      if (!words) {
        return none;
      }
      const wanted = normalizeStoreUrl(reference.value);
      const hits = (await search(words)).items.slice(0, maxCandidates);
      for (const hit of hits) {
        const d = await detail(hit.id);
        const match = d?.stores.some(
          s => normalizeStoreUrl(s.url) === wanted || (s.httpsUrl !== null && normalizeStoreUrl(s.httpsUrl) === wanted)
        );
        if (d && match) {
          return { reference, datasetId: d.id, title: d.title };
        }
      }
      return none;
    })
  );
}
