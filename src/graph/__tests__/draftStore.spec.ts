import { PublishDraftStore } from '../publish/draftStore';
import type { IPublishState } from '../publish/form';

class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

const state: IPublishState = {
  title: 'SST trends',
  description: 'Half-written *description*',
  kind: 'Paper',
  license: 'MIT',
  keywords: 'sst, enso',
  authors: [{ name: 'Doe, Jane', orcid: '', affiliation: 'LEAP' }],
  related: [],
  datasets: [],
  files: [{ path: 'a.ipynb', sha256: 'f'.repeat(64), size: 3 }],
  provenance: { jupyterlab: '4.5.0' }
};

describe('PublishDraftStore', () => {
  it('keeps what was written per server and notebook, not what the notebook gives each time', () => {
    const storage = new MemoryStorage();
    new PublishDraftStore(storage, '/user/alice/', 'work/a.ipynb').save(state);
    const loaded = new PublishDraftStore(storage, '/user/alice/', 'work/a.ipynb').load();
    expect(loaded).toEqual({
      title: 'SST trends',
      description: 'Half-written *description*',
      kind: 'Paper',
      license: 'MIT',
      keywords: 'sst, enso',
      authors: [{ name: 'Doe, Jane', orcid: '', affiliation: 'LEAP' }],
      related: []
    });
    expect(new PublishDraftStore(storage, '/user/alice/', 'work/b.ipynb').load()).toBeNull();
    expect(new PublishDraftStore(storage, '/user/bob/', 'work/a.ipynb').load()).toBeNull();
  });

  it('forgets it on clear, ignores what is not a form, and survives a storage that throws', () => {
    const storage = new MemoryStorage();
    const store = new PublishDraftStore(storage, '/', 'a.ipynb');
    store.save(state);
    store.clear();
    expect(store.load()).toBeNull();
    storage.setItem([...storage.items.keys()][0] ?? 'jupyterlab-leap:publish-form:/:a.ipynb', '{"title": 3}');
    expect(store.load()).toBeNull();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {
        throw new Error('denied');
      }
    };
    const unkept = new PublishDraftStore(broken, '/', 'a.ipynb');
    expect(() => unkept.save(state)).not.toThrow();
    expect(unkept.load()).toBeNull();
    expect(() => unkept.clear()).not.toThrow();
    expect(new PublishDraftStore(null, '/', 'a.ipynb').load()).toBeNull();
  });
});
