import { ServerConnection } from '@jupyterlab/services';
import { LeapApiClient } from '../../api';
import { GraphApi } from '../api';
import type { IDatasetReference } from '../detect';
import { normalizeStoreUrl, resolveReferences, urlSearchWords } from '../resolve';

const ref = (kind: 'url' | 'id', value: string): IDatasetReference => ({ kind, value, call: null, cell: 0, line: 1 });

const DATASETS: Record<string, { id: string; title: string; stores: { url: string; httpsUrl: string | null }[] }> = {
  'leap:sst': {
    id: 'leap:sst',
    title: 'Sea surface temperature',
    stores: [{ url: 'gs://leap-persistent/data/sst.zarr', httpsUrl: 'https://storage.googleapis.com/leap-persistent/data/sst.zarr' }]
  },
  'leap:sst-monthly': {
    id: 'leap:sst-monthly',
    title: 'Monthly SST',
    stores: [{ url: 'gs://other/sst.zarr', httpsUrl: null }]
  },
  'cmip6:CMIP.A.B.tos': { id: 'cmip6:CMIP.A.B.tos', title: 'A B tos', stores: [] }
};

/** A fake catalog: dataset detail by id, search by words over ids. */
function fakeClient(): { client: Pick<LeapApiClient, 'request'>; asked: string[] } {
  const asked: string[] = [];
  const request = async <T>(path: string, options?: LeapApiClient.IRequest): Promise<T> => {
    asked.push(path + (options?.query ? ` q=${options.query.q}` : ''));
    const m = /^catalog\/datasets\/(.+)$/.exec(path);
    if (m) {
      const d = DATASETS[decodeURIComponent(m[1])];
      if (!d) {
        throw new Error('404');
      }
      return d as T;
    }
    const words = String(options?.query?.q ?? '').trim().toLowerCase().split(/\s+/);
    const items = Object.values(DATASETS).filter(d => words.every(w => d.id.toLowerCase().includes(w)));
    return { items } as T;
  };
  return { client: { request } as Pick<LeapApiClient, 'request'>, asked };
}

describe('resolving detected references against the catalog', () => {
  it('matches ids, intake keys and store URLs (gs:// or https), and says when nothing matches', async () => {
    const { client } = fakeClient();
    const resolved = await resolveReferences(client, [
      ref('id', 'leap:sst'),
      ref('id', 'CMIP.A.B.tos'),
      ref('url', 'https://storage.googleapis.com/leap-persistent/data/sst.zarr/'),
      ref('url', 'gs://other/sst.zarr'),
      ref('url', 'gs://unknown/sst.zarr'),
      ref('id', 'leap:gone')
    ]);
    expect(resolved.map(r => [r.reference.value, r.datasetId, r.title])).toEqual([
      ['leap:sst', 'leap:sst', 'Sea surface temperature'],
      ['CMIP.A.B.tos', 'cmip6:CMIP.A.B.tos', 'A B tos'],
      ['https://storage.googleapis.com/leap-persistent/data/sst.zarr/', 'leap:sst', 'Sea surface temperature'],
      ['gs://other/sst.zarr', 'leap:sst-monthly', 'Monthly SST'],
      ['gs://unknown/sst.zarr', null, null],
      ['leap:gone', null, null]
    ]);
  });

  it('reads each dataset once however often it is a candidate', async () => {
    const { client, asked } = fakeClient();
    await resolveReferences(client, [ref('url', 'gs://other/sst.zarr'), ref('url', 'gs://unknown/sst.zarr')]);
    expect(asked.filter(a => a.startsWith('catalog/datasets/leap%3Asst-monthly'))).toHaveLength(1);
  });

  it('normalizes store URLs and picks search words from the file name', () => {
    expect(normalizeStoreUrl('gs://B/x.zarr/')).toBe('https://storage.googleapis.com/B/x.zarr');
    expect(normalizeStoreUrl('HTTPS://Host.ORG/A')).toBe('https://host.org/A');
    expect(urlSearchWords('https://h/p/ERA5_hrrr_interp_128_2020.nc?x=1')).toBe('ERA5 hrrr interp 128 2020');
  });
});

describe('GraphApi', () => {
  it('downloads an export with its type and suggested file name, and sends search filters', async () => {
    const seen: string[] = [];
    const fetch = async (input: RequestInfo, init?: RequestInit) => {
      const request = new Request(input, init);
      seen.push(request.url);
      if (request.url.includes('/export/')) {
        return new Response('@misc{x}', {
          status: 200,
          headers: { 'Content-Type': 'application/x-bibtex', 'Content-Disposition': 'attachment; filename="code-1.bib"' }
        });
      }
      return new Response(JSON.stringify({ total: 0, offset: 0, items: [] }), { status: 200 });
    };
    const serverSettings = ServerConnection.makeSettings({ baseUrl: 'http://h/', wsUrl: 'ws://h/', fetch });
    const api = new GraphApi(new LeapApiClient({ serverSettings }));
    expect(await api.exportFile('code-1', 'bibtex')).toEqual({
      text: '@misc{x}',
      contentType: 'application/x-bibtex',
      filename: 'code-1.bib'
    });
    await api.search({ q: ' sst ', kind: ['Dataset', 'Paper'] });
    expect(seen[0]).toContain('leap/api/graph/nodes/code-1/export/bibtex');
    expect(seen[1]).toContain('leap/api/graph/search?q=sst&kind=Dataset&kind=Paper');
  });

  it('throws the service error for a failed download', async () => {
    const fetch = async () =>
      new Response(JSON.stringify({ statusCode: 404, code: 'not_found', message: 'no node x' }), { status: 404 });
    const serverSettings = ServerConnection.makeSettings({ baseUrl: 'http://h/', wsUrl: 'ws://h/', fetch });
    const api = new GraphApi(new LeapApiClient({ serverSettings }));
    await expect(api.exportFile('x', 'cff')).rejects.toMatchObject({ status: 404, code: 'not_found', message: 'no node x' });
  });
});
