import type { IPublishState } from './form';

/** What the person writes in the publish form (the rest comes from the notebook each time). */
export type WrittenFields = Pick<IPublishState, 'title' | 'description' | 'kind' | 'license' | 'keywords' | 'authors' | 'related'>;

const WRITTEN: ReadonlyArray<keyof WrittenFields> = ['title', 'description', 'kind', 'license', 'keywords', 'authors', 'related'];

/**
 * The publish form being written, kept per notebook in the browser's storage so that a reload
 * (or a service that died while publishing) loses nothing: saved on every change, offered again
 * when the dialog opens for the same notebook, forgotten once the dialog closes (saved,
 * cancelled or closed). The key holds the server's base URL, so two users' servers on one hub origin do
 * not share it. Storage that fails (full, disabled) only means nothing is kept.
 */
export class PublishDraftStore {
  constructor(
    private readonly _storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
    baseUrl: string,
    path: string
  ) {
    this._key = `jupyterlab-leap:publish-form:${baseUrl}:${path}`;
  }

  /** The fields written before, when there are any. */
  load(): WrittenFields | null {
    try {
      const saved = JSON.parse(this._storage?.getItem(this._key) ?? 'null');
      const ok =
        saved !== null &&
        typeof saved === 'object' &&
        typeof saved.title === 'string' &&
        typeof saved.description === 'string' &&
        Array.isArray(saved.authors) &&
        Array.isArray(saved.related);
      return ok ? (saved as WrittenFields) : null;
    } catch {
      return null;
    }
  }

  save(state: IPublishState): void {
    const written = Object.fromEntries(WRITTEN.map(key => [key, state[key]]));
    try {
      this._storage?.setItem(this._key, JSON.stringify(written));
    } catch {
      // nothing kept
    }
  }

  clear(): void {
    try {
      this._storage?.removeItem(this._key);
    } catch {
      // nothing to forget
    }
  }

  private readonly _key: string;
}
