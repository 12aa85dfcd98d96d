import type { UniqueIds } from './ids.js';
import { formatOf, httpsUrlOf } from './store-url.js';
import type { ImportedStore } from './types.js';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : null;

/**
 * One store of a LEAP web-catalog entry, or null (reported) when it has no URL. `warn` gets the
 * reason and the store's id; a NetCDF URL opened with engine "zarr" is kept and named.
 */
export function leapStore(
  raw: unknown,
  index: number,
  ids: UniqueIds,
  warn: (reason: string, storeId: string) => void
): ImportedStore | null {
  const position = `store-${index + 1}`;
  if (!isRecord(raw)) {
    warn('store skipped: not a JSON object', position);
    return null;
  }
  const wanted = text(raw.id) ?? position;
  const url = text(raw.url);
  if (url === null) {
    warn('store skipped: no url', wanted);
    return null;
  }
  const { id, changed } = ids.claim(wanted);
  if (changed) {
    warn(`store id "${wanted}" used twice: this one is served as ${id}`, id);
  }
  const openKwargs = isRecord(raw.xarray_open_kwargs) ? raw.xarray_open_kwargs : {};
  const format = formatOf(url, openKwargs.engine);
  if (format === 'netcdf' && openKwargs.engine === 'zarr') {
    warn(`store ${id} is a NetCDF file (${url}) but its open kwargs say engine "zarr": the snippet uses h5netcdf`, id);
  }
  return {
    id,
    name: text(raw.name) ?? id,
    url,
    httpsUrl: httpsUrlOf(url, openKwargs),
    format,
    public: raw.public === true,
    rechunking: Array.isArray(raw.rechunking) ? raw.rechunking : null,
    geospatial: typeof raw.geospatial === 'boolean' ? raw.geospatial : null,
    openKwargs,
    lastUpdated: text(raw.last_updated)
  };
}
