import type { StorageBackend } from './meter.js';

export interface GcsOptions {
  /** JSON API base, default https://storage.googleapis.com (tests: a local server). */
  baseUrl: string;
  bucket: string;
  /** Prefix before the user name, e.g. "" or "home/" (users' objects are under `<prefix><user>/`). */
  prefix: string;
  /** An OAuth access token for the request, or null for a public bucket. */
  token: () => Promise<string | null>;
  fetch?: typeof fetch;
}

interface ObjectsPage {
  items?: { size?: string }[];
  nextPageToken?: string;
}

/** Google Cloud Storage via its JSON API: objects.list with the user's prefix, every page. */
export function gcsStorageBackend(options: GcsOptions): StorageBackend {
  const doFetch = options.fetch ?? fetch;
  const base = options.baseUrl.replace(/\/+$/, '');
  return {
    description: `gs://${options.bucket}/${options.prefix}`,
    async bytesOf(user) {
      let bytes = 0;
      let pageToken: string | undefined;
      do {
        const url = new URL(`${base}/storage/v1/b/${encodeURIComponent(options.bucket)}/o`);
        url.searchParams.set('prefix', `${options.prefix}${user}/`);
        url.searchParams.set('fields', 'items(size),nextPageToken');
        url.searchParams.set('maxResults', '1000');
        if (pageToken !== undefined) {
          url.searchParams.set('pageToken', pageToken);
        }
        const token = await options.token();
        const response = await doFetch(url, {
          headers: token === null ? {} : { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(30_000)
        });
        if (!response.ok) {
          throw new Error(`GCS objects.list of gs://${options.bucket}/${options.prefix}${user}/ answered ${response.status}`);
        }
        const page = (await response.json()) as ObjectsPage;
        for (const item of page.items ?? []) {
          bytes += Number(item.size ?? 0);
        }
        pageToken = page.nextPageToken;
      } while (pageToken !== undefined && pageToken !== '');
      return bytes;
    }
  };
}
