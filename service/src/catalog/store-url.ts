/** Open Storage Network pods: their S3 endpoints serve buckets over plain HTTPS too. */
const OSN_HOSTS = /^(?:[a-z0-9-]+\.)*osn\.(?:mghpcc\.org|xsede\.org)$/;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The S3 endpoint an open-kwargs block names (storage_options.endpoint_url or its client_kwargs). */
function endpointOf(openKwargs: Record<string, unknown>): string | undefined {
  const options = record(openKwargs.storage_options ?? openKwargs.backend_kwargs);
  const endpoint = options.endpoint_url ?? record(options.client_kwargs).endpoint_url;
  return typeof endpoint === 'string' ? endpoint : undefined;
}

/** Whether a URL is an https URL on a known OSN pod. */
export function isOsnUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && OSN_HOSTS.test(parsed.hostname);
  } catch {
    return false;
  }
}

/**
 * The store over HTTPS: gs://bucket/path → https://storage.googleapis.com/bucket/path, https kept,
 * s3:// through the OSN endpoint its open kwargs name; null when not known.
 */
export function httpsUrlOf(url: string, openKwargs: Record<string, unknown>): string | null {
  const gs = /^gs:\/\/([^/]+)(\/.*)?$/.exec(url);
  if (gs !== null) {
    return `https://storage.googleapis.com/${gs[1]}${gs[2] ?? ''}`;
  }
  if (/^https:\/\//i.test(url)) {
    return url;
  }
  const s3 = /^s3:\/\/([^/]+)(\/.*)?$/.exec(url);
  const endpoint = endpointOf(openKwargs);
  if (s3 !== null && endpoint !== undefined && isOsnUrl(endpoint)) {
    return `${endpoint.replace(/\/+$/, '')}/${s3[1]}${s3[2] ?? ''}`;
  }
  return null;
}

const SUFFIX_FORMATS: [RegExp, string][] = [
  [/\.zarr(?:-v\d+)?\/?$/i, 'zarr'],
  [/\.(?:nc|nc4|netcdf|h5|hdf5)$/i, 'netcdf'],
  [/\.(?:grib2?|grb2?)$/i, 'grib'],
  [/\.parquet$/i, 'parquet'],
  [/\.(?:tiff?|cog)$/i, 'geotiff'],
  [/\.json$/i, 'kerchunk'],
  [/\.csv$/i, 'csv']
];

const ENGINE_FORMATS: Record<string, string> = {
  zarr: 'zarr',
  netcdf4: 'netcdf',
  h5netcdf: 'netcdf',
  scipy: 'netcdf',
  cfgrib: 'grib',
  kerchunk: 'kerchunk',
  rasterio: 'geotiff'
};

/** The store's format from its URL's suffix, else from the engine it is opened with, else "unknown". */
export function formatOf(url: string, engine: unknown): string {
  const path = url.replace(/[?#].*$/, '');
  for (const [pattern, format] of SUFFIX_FORMATS) {
    if (pattern.test(path)) {
      return format;
    }
  }
  return (typeof engine === 'string' ? ENGINE_FORMATS[engine] : undefined) ?? 'unknown';
}
