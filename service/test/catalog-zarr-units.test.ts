import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { v2Dtype, v3Array, v3Dtype } from '../src/catalog/zarr/parse.js';
import { storeBaseUrl, ZarrMetadataReader } from '../src/catalog/zarr/reader.js';

const zarrStore = (url: string) => ({ url, public: true, format: 'zarr', openKwargs: {} });

describe('Zarr metadata parsing', () => {
  it('names v2 dtypes numpy-style with their element sizes', () => {
    assert.deepEqual(v2Dtype('<f4'), { name: 'float32', size: 4 });
    assert.deepEqual(v2Dtype('>i8'), { name: 'int64', size: 8 });
    assert.deepEqual(v2Dtype('|b1'), { name: 'bool', size: 1 });
    assert.deepEqual(v2Dtype('<M8[ns]'), { name: 'datetime64[ns]', size: 8 });
    assert.deepEqual(v2Dtype('<m8[s]'), { name: 'timedelta64[s]', size: 8 });
    assert.deepEqual(v2Dtype('<U12'), { name: '<U12', size: 48 });
    assert.deepEqual(v2Dtype('|S3'), { name: '|S3', size: 3 });
    assert.deepEqual(v2Dtype('|O'), { name: 'object', size: null });
    assert.deepEqual(v2Dtype([['a', '<f4'], ['b', '<i2', [3]]]), { name: 'structured', size: 10 });
  });

  it('names v3 data types, including numpy.datetime64 and strings', () => {
    assert.deepEqual(v3Dtype('float64'), { name: 'float64', size: 8 });
    assert.deepEqual(v3Dtype('r16'), { name: 'r16', size: 2 });
    assert.deepEqual(v3Dtype({ name: 'numpy.datetime64', configuration: { unit: 'ns', scale_factor: 1 } }), {
      name: 'datetime64[ns]',
      size: 8
    });
    assert.deepEqual(v3Dtype('string'), { name: 'string', size: null });
    assert.deepEqual(v3Dtype({ name: 'fixed_length_utf32', configuration: { length_bytes: 20 } }), { name: '<U5', size: 20 });
  });

  it('reads a sharded v3 array: chunks are the inner chunks, shards the grid', () => {
    const node = v3Array('a/b', {
      shape: [100, 100],
      data_type: 'float32',
      chunk_grid: { name: 'regular', configuration: { chunk_shape: [50, 100] } },
      codecs: [{ name: 'sharding_indexed', configuration: { chunk_shape: [10, 10], codecs: [] } }],
      dimension_names: ['y', 'x'],
      attributes: { units: 'm' }
    });
    assert.deepEqual([node.chunks, node.shards, node.dims], [[10, 10], [50, 100], ['y', 'x']]);
  });
});

describe('Zarr metadata reader', () => {
  it('maps gs:// to storage.googleapis.com and OSN s3:// through the endpoint', () => {
    assert.equal(storeBaseUrl({ url: 'gs://leap-persistent/a/b.zarr/', openKwargs: {} }), 'https://storage.googleapis.com/leap-persistent/a/b.zarr');
    assert.equal(
      storeBaseUrl({ url: 's3://bucket/x.zarr', openKwargs: { storage_options: { endpoint_url: 'https://nyu1.osn.mghpcc.org' } } }),
      'https://nyu1.osn.mghpcc.org/bucket/x.zarr'
    );
    assert.equal(storeBaseUrl({ url: 's3://bucket/x.zarr', openKwargs: {} }), null);
  });

  it('fetches the HTTPS URL of a gs:// store', async () => {
    const asked: string[] = [];
    const reader = new ZarrMetadataReader({
      fetch: async (url) => {
        asked.push(String(url));
        return new Response('nope', { status: 404 });
      }
    });
    const answer = await reader.read(zarrStore('gs://bucket/store.zarr'));
    assert.equal(answer.available, false);
    assert.equal(asked[0], 'https://storage.googleapis.com/bucket/store.zarr/.zmetadata');
    const noUrl = await reader.read(zarrStore('s3://bucket/x.zarr'));
    assert.equal(noUrl.available ? '' : noUrl.problem, 'no_url');
  });

  it('stops at the size limit, declared or streamed', async () => {
    const big = JSON.stringify({ zarr_consolidated_format: 1, metadata: { '.zgroup': { zarr_format: 2 }, pad: 'x'.repeat(2000) } });
    for (const headers of [{ 'content-length': String(big.length) }, {}] as Record<string, string>[]) {
      const reader = new ZarrMetadataReader({
        maxBytes: 1000,
        fetch: async () =>
          new Response(
            new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode(big.slice(0, 900)));
                controller.enqueue(new TextEncoder().encode(big.slice(900)));
                controller.close();
              }
            }),
            { status: 200, headers }
          )
      });
      const answer = await reader.read(zarrStore('https://example.org/a.zarr'));
      assert.equal(answer.available ? '' : answer.problem, 'too_large');
      assert.match(answer.available ? '' : answer.reason, /example\.org\/a\.zarr\/\.zmetadata is larger than the 0 MiB/);
    }
  });

  it('times out a store that does not answer', async () => {
    const reader = new ZarrMetadataReader({
      timeoutMs: 50,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)))
    });
    // AbortSignal.timeout's timer does not keep the process alive (a server's socket does).
    const alive = setTimeout(() => undefined, 5000);
    const answer = await reader.read(zarrStore('https://example.org/slow.zarr'));
    clearTimeout(alive);
    assert.equal(answer.available ? '' : answer.problem, 'timeout');
    assert.match(answer.available ? '' : answer.reason, /did not answer within 0\.05 s/);
  });

  it('keeps a problem for problemTtlMs and a success for ttlMs', async () => {
    let now = 0;
    let calls = 0;
    const reader = new ZarrMetadataReader({
      now: () => now,
      problemTtlMs: 1000,
      ttlMs: 60_000,
      fetch: async () => {
        calls += 1;
        return new Response('', { status: 500, statusText: 'Internal Server Error' });
      }
    });
    const first = await reader.read(zarrStore('https://example.org/flaky.zarr'));
    assert.equal(first.available ? '' : first.problem, 'unreachable');
    assert.match(first.available ? '' : first.reason, /answered 500/);
    await reader.read(zarrStore('https://example.org/flaky.zarr'));
    assert.equal(calls, 1);
    now = 1001;
    await reader.read(zarrStore('https://example.org/flaky.zarr'));
    assert.equal(calls, 2);
  });
});
