import { nullTranslator } from '@jupyterlab/translation';
import type { ZarrMetadata, ZarrVariable } from '../types';
import { formatBytes, formatDimsShape, formatShape, metadataSummary, variableRows } from '../variables';

const trans = nullTranslator.load('jupyterlab');

function variable(over: Partial<ZarrVariable>): ZarrVariable {
  return {
    name: 'tos',
    dims: ['time', 'lat', 'lon'],
    shape: [1980, 180, 360],
    dtype: 'float32',
    chunks: [12, 180, 360],
    shards: null,
    bytesPerElement: 4,
    estimatedBytes: 1980 * 180 * 360 * 4,
    longName: 'Sea Surface Temperature',
    units: 'degC',
    standardName: 'sea_surface_temperature',
    attributes: { long_name: 'Sea Surface Temperature', units: 'degC', valid_range: [-2, 40] },
    isCoordinate: false,
    ...over
  };
}

describe('variables table formatting', () => {
  it('formats sizes in SI units with Intl', () => {
    expect(formatBytes(0, 'en')).toBe('0 byte');
    expect(formatBytes(999, 'en')).toBe('999 byte');
    expect(formatBytes(1_424, 'en')).toBe('1.4 kB');
    expect(formatBytes(513_216_000, 'en')).toBe('513 MB');
    expect(formatBytes(2.4e12, 'en')).toBe('2.4 TB');
    expect(formatBytes(3e18, 'en')).toBe('3,000 PB');
    expect(formatBytes(1_424, 'de')).toBe('1,4 kB');
  });

  it('formats dims × shape and chunks with digit grouping', () => {
    expect(formatDimsShape(['time', 'lat', 'lon'], [1980, 180, 360], 'en')).toBe('time 1,980 × lat 180 × lon 360');
    expect(formatDimsShape([], [10, 4], 'en')).toBe('10 × 4');
    expect(formatShape([], 'en')).toBe('scalar');
  });

  it('builds one row per variable: long name, units, size, coordinate mark, attributes as tooltip', () => {
    const [lat, tos, names] = variableRows(
      [
        variable({
          name: 'lat',
          dims: ['lat'],
          shape: [180],
          chunks: [180],
          dtype: 'float64',
          estimatedBytes: 1440,
          longName: null,
          standardName: 'latitude',
          units: 'degrees_north',
          isCoordinate: true,
          attributes: {}
        }),
        variable({ shards: [120, 180, 360] }),
        variable({ name: 'label', dtype: 'string', estimatedBytes: null, longName: null, standardName: null, units: null })
      ],
      'en'
    );
    expect(lat).toMatchObject({ name: 'lat', longName: 'latitude', units: 'degrees_north', isCoordinate: true, size: '1.4 kB' });
    expect(tos).toMatchObject({
      longName: 'Sea Surface Temperature',
      dimsShape: 'time 1,980 × lat 180 × lon 360',
      dtype: 'float32',
      chunks: '12 × 180 × 360 (shards 120 × 180 × 360)',
      size: '513 MB',
      isCoordinate: false
    });
    expect(tos.title).toBe('long_name: Sea Surface Temperature\nunits: degC\nvalid_range: [-2,40]');
    expect(names).toMatchObject({ longName: '', units: '', size: '—' });
  });

  it('summarizes counts, the total size and the format', () => {
    const meta: ZarrMetadata = {
      available: true,
      url: 'https://storage.googleapis.com/b/s.zarr/.zmetadata',
      zarrFormat: 2,
      variables: [variable({ name: 'lat', isCoordinate: true }), variable({})],
      coordinates: ['lat'],
      attributes: {},
      estimatedBytes: 1_500_000,
      sizeComplete: true,
      fetchedAt: '2026-01-01T00:00:00Z'
    };
    expect(metadataSummary(meta, trans, 'en')).toBe('1 data variable · 1 coordinate · 1.5 MB uncompressed · Zarr v2');
    expect(metadataSummary({ ...meta, sizeComplete: false }, trans, 'en')).toMatch(/at least 1.5 MB uncompressed/);
  });
});
