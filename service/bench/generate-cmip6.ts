// A deterministic (seeded) CMIP6-shaped intake-esm catalog: the Pangeo CMIP6 columns, the
// cardinalities of ../shared/ANCHORS.md and Zipf-like skew, written as CSV (plain or .gz) plus an
// esmcat descriptor JSON.
//
//   node --import tsx bench/generate-cmip6.ts [--rows 515000] [--seed 42] [--out bench/data] [--plain]
//
// Output (gitignored): <out>/cmip6-<rows>.csv.gz (or .csv) and <out>/cmip6-<rows>.json.
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const COLUMNS = [
  'activity_id',
  'institution_id',
  'source_id',
  'experiment_id',
  'member_id',
  'table_id',
  'variable_id',
  'grid_label',
  'zstore',
  'dcpp_init_year',
  'version'
] as const;

/** The descriptor's attribute columns (every column but the asset), as in Pangeo's pangeo-cmip6.json. */
export const ATTRIBUTE_COLUMNS = COLUMNS.filter((c) => c !== 'zstore');

/** ANCHORS.md cardinalities. */
export const CARDINALITY = {
  activity_id: 18,
  institution_id: 36,
  source_id: 88,
  experiment_id: 170,
  member_id: 590,
  table_id: 37,
  variable_id: 705,
  grid_label: 10
} as const;

/** mulberry32: small, fast, deterministic. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Samples 0..n-1 with P(k) ∝ 1/(k+1)^s (binary search over the cumulative weights). */
export function zipf(n: number, s: number, random: () => number): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let k = 0; k < n; k++) {
    total += 1 / Math.pow(k + 1, s);
    cumulative[k] = total;
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const REAL = {
  activity_id: ['CMIP', 'ScenarioMIP', 'DCPP', 'HighResMIP', 'DAMIP', 'PMIP', 'CFMIP', 'AerChemMIP', 'OMIP', 'LS3MIP',
    'LUMIP', 'RFMIP', 'GeoMIP', 'C4MIP', 'FAFMIP', 'GMMIP', 'ISMIP6', 'CDRMIP'],
  institution_id: ['NCAR', 'NOAA-GFDL', 'MOHC', 'IPSL', 'CNRM-CERFACS', 'MPI-M', 'CCCma', 'EC-Earth-Consortium', 'MIROC',
    'NASA-GISS', 'E3SM-Project', 'BCC', 'CSIRO', 'NCC', 'CAS', 'MRI', 'NUIST', 'AWI', 'CMCC', 'INM', 'NIMS-KMA', 'THU',
    'FIO-QLNM', 'KIOST', 'SNU', 'UA', 'CSIRO-ARCCSS', 'DKRZ', 'DWD', 'ECMWF', 'NERC', 'CCCR-IITM', 'AS-RCEC', 'HAMMOZ-Consortium', 'NTU', 'NOAA-ESRL'],
  source_id: ['CESM2', 'CESM2-WACCM', 'GFDL-CM4', 'GFDL-ESM4', 'UKESM1-0-LL', 'HadGEM3-GC31-LL', 'IPSL-CM6A-LR', 'CNRM-CM6-1',
    'CNRM-ESM2-1', 'MPI-ESM1-2-HR', 'MPI-ESM1-2-LR', 'CanESM5', 'EC-Earth3', 'EC-Earth3-Veg', 'MIROC6', 'MIROC-ES2L',
    'GISS-E2-1-G', 'E3SM-1-0', 'BCC-CSM2-MR', 'ACCESS-CM2', 'ACCESS-ESM1-5', 'NorESM2-LM', 'NorESM2-MM', 'FGOALS-g3',
    'MRI-ESM2-0', 'NESM3', 'AWI-CM-1-1-MR', 'CMCC-CM2-SR5', 'INM-CM5-0', 'INM-CM4-8', 'CESM2-FV2', 'CESM2-WACCM-FV2',
    'HadGEM3-GC31-MM', 'KACE-1-0-G', 'CIESM', 'TaiESM1'],
  experiment_id: ['historical', 'ssp585', 'ssp245', 'piControl', 'ssp126', 'ssp370', 'abrupt-4xCO2', '1pctCO2', 'amip',
    'dcppA-hindcast', 'hist-aer', 'hist-GHG', 'hist-nat', 'highresSST-present', 'control-1950', 'hist-1950', 'ssp119',
    'ssp434', 'ssp460', 'ssp534-over', 'esm-hist', 'esm-piControl', 'lgm', 'midHolocene', 'lig127k', 'past1000',
    'omip1', 'omip2', 'land-hist', 'piClim-control'],
  table_id: ['Amon', 'Omon', 'day', 'SImon', 'Lmon', 'Emon', 'AERmon', '3hr', '6hrPlevPt', 'Oday', 'fx', 'Ofx', 'CFmon',
    'Eday', 'LImon', 'SIday', 'AERday', 'E3hr', '6hrLev', 'CFday', 'Oyr', 'EdayZ', 'EmonZ', 'AmonZ', 'Efx', 'E1hr',
    '1hr', 'CF3hr', 'Primday', 'PrimOmon', 'SIfx', 'IfxGre', 'ImonGre', 'Eyr', 'E6hrZ', 'AERhr', 'CFsubhr'],
  variable_id: ['tas', 'pr', 'tos', 'psl', 'ua', 'va', 'ta', 'hus', 'zg', 'tasmax', 'tasmin', 'huss', 'uas', 'vas', 'rlut',
    'rsut', 'rsdt', 'clt', 'so', 'thetao', 'uo', 'vo', 'zos', 'siconc', 'sithick', 'mrso', 'mrro', 'evspsbl', 'hfls',
    'hfss', 'ts', 'sfcWind', 'prsn', 'rlds', 'rsds', 'wap', 'o2', 'chl', 'dissic', 'talk', 'ph', 'no3', 'areacella',
    'areacello', 'sftlf', 'orog', 'deptho', 'mlotst', 'msftmz', 'tauu', 'tauv', 'snw', 'lai', 'gpp', 'npp', 'nbp', 'cVeg',
    'cSoil', 'od550aer', 'mmrbc'],
  member_id: [],
  grid_label: ['gn', 'gr', 'gr1', 'gr2', 'gm', 'gr3', 'gnz', 'grz', 'gr1z', 'gna']
} as const;

/** Real names first (most frequent), then synthetic ones shaped like them up to the cardinality. */
function vocabulary(column: keyof typeof CARDINALITY, random: () => number): string[] {
  const names: string[] = [...((REAL as Partial<Record<string, readonly string[]>>)[column] ?? [])];
  const seen = new Set(names);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let i = 0;
  while (names.length < CARDINALITY[column]) {
    let name: string;
    switch (column) {
      case 'member_id': {
        // r<k>i<i>p<p>f<f>: r1i1p1f1 first, then realizations, then other forcings/physics.
        const n = names.length;
        name = n === 0 ? 'r1i1p1f1' : `r${(n % 150) + 1}i${(Math.floor(n / 150) % 2) + 1}p${(Math.floor(n / 300) % 2) + 1}f${(n % 3) + 1}`;
        break;
      }
      case 'institution_id':
        name = `INST${i}`;
        break;
      case 'source_id':
        name = `${REAL.source_id[i % REAL.source_id.length].split('-')[0]}-X${i}`;
        break;
      case 'experiment_id':
        name = `${REAL.experiment_id[i % REAL.experiment_id.length]}-v${Math.floor(i / REAL.experiment_id.length) + 2}`;
        break;
      case 'variable_id': {
        const base = REAL.variable_id[i % REAL.variable_id.length];
        name = `${base}${letters[Math.floor(random() * 26)]}${letters[Math.floor(random() * 26)]}${i}`;
        break;
      }
      default:
        name = `${column.split('_')[0]}${i}`;
    }
    i++;
    if (!seen.has(name)) {
      seen.add(name);
      names.push(name);
    }
  }
  return names;
}

export interface GenerateOptions {
  rows: number;
  seed: number;
}

export interface Generated {
  /** The CSV header + rows, produced lazily (one string per row, newline-terminated). */
  lines(): Generator<string>;
  vocab: Record<keyof typeof CARDINALITY, string[]>;
}

/**
 * Rows in a fixed order for a seed. Experiments belong to one activity and sources to one
 * institution (as in CMIP6); a variable usually lives in its own table. The first rows walk each
 * vocabulary once so every value occurs (exact cardinalities); keys are unique.
 */
export function generate({ rows, seed }: GenerateOptions): Generated {
  const random = rng(seed);
  const vocab = {} as Record<keyof typeof CARDINALITY, string[]>;
  for (const column of Object.keys(CARDINALITY) as (keyof typeof CARDINALITY)[]) {
    vocab[column] = vocabulary(column, random);
  }
  const pick = {} as Record<keyof typeof CARDINALITY, () => number>;
  const skew: Record<keyof typeof CARDINALITY, number> = {
    activity_id: 1.4,
    institution_id: 1.0,
    source_id: 0.9,
    experiment_id: 1.1,
    member_id: 1.3,
    table_id: 1.2,
    variable_id: 1.0,
    grid_label: 1.8
  };
  for (const column of Object.keys(CARDINALITY) as (keyof typeof CARDINALITY)[]) {
    pick[column] = zipf(CARDINALITY[column], skew[column], random);
  }
  // Fixed relations: experiment → activity, source → institution, variable → its usual table.
  const activityOf = vocab.experiment_id.map((_, j) => (j < CARDINALITY.activity_id ? j : pick.activity_id()));
  activityOf[0] = 0; // historical is CMIP
  const institutionOf = vocab.source_id.map((_, j) => (j < CARDINALITY.institution_id ? j : pick.institution_id()));
  const tableOf = vocab.variable_id.map((_, j) => (j < CARDINALITY.table_id ? j : pick.table_id()));
  const dcpp = REAL.activity_id.indexOf('DCPP');

  return {
    vocab,
    *lines() {
      yield COLUMNS.join(',') + '\n';
      const keys = new Set<string>();
      let made = 0;
      let attempt = 0;
      while (made < rows) {
        const n = attempt++;
        const forced = (column: keyof typeof CARDINALITY) => (n < CARDINALITY[column] ? n : -1);
        const e = forced('experiment_id') >= 0 ? n : pick.experiment_id();
        const s = forced('source_id') >= 0 ? n : pick.source_id();
        const v = forced('variable_id') >= 0 ? n : pick.variable_id();
        const m = forced('member_id') >= 0 ? n : pick.member_id();
        const g = forced('grid_label') >= 0 ? n : pick.grid_label();
        const t = forced('table_id') >= 0 ? n : random() < 0.85 ? tableOf[v] : pick.table_id();
        const a = activityOf[e];
        const activity = vocab.activity_id[a];
        const institution = vocab.institution_id[institutionOf[s]];
        const source = vocab.source_id[s];
        const experiment = vocab.experiment_id[e];
        const member = vocab.member_id[m];
        const table = vocab.table_id[t];
        const variable = vocab.variable_id[v];
        const grid = vocab.grid_label[g];
        const year = 2018 + Math.floor(random() * 5);
        const version = `${year}${String(1 + Math.floor(random() * 12)).padStart(2, '0')}${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
        const initYear = a === dcpp ? String(1960 + Math.floor(random() * 60)) : '';
        const key = `${activity}.${institution}.${source}.${experiment}.${member}.${table}.${variable}.${grid}.${initYear}.${version}`;
        if (keys.has(key)) continue;
        keys.add(key);
        made++;
        const member_ = initYear === '' ? member : `s${initYear}-${member}`;
        const zstore = `gs://cmip6/CMIP6/${activity}/${institution}/${source}/${experiment}/${member_}/${table}/${variable}/${grid}/v${version}/`;
        yield `${activity},${institution},${source},${experiment},${member},${table},${variable},${grid},${zstore},${initYear},${version}\n`;
      }
    }
  };
}

/** The esmcat descriptor of Pangeo's pangeo-cmip6.json, pointing at `catalogFile` (relative). */
export function descriptor(catalogFile: string, id = 'pangeo-cmip6-synthetic'): Record<string, unknown> {
  return {
    esmcat_version: '0.1.0',
    id,
    description: 'A synthetic CMIP6-shaped catalog (leap bench/generate-cmip6.ts), columns as the Pangeo CMIP6 catalog',
    catalog_file: catalogFile,
    attributes: ATTRIBUTE_COLUMNS.map((column_name) => ({
      column_name,
      vocabulary: column_name === 'variable_id' ? 'https://raw.githubusercontent.com/WCRP-CMIP/CMIP6_CVs/master/CMIP6_variable_id.json' : ''
    })),
    assets: { column_name: 'zstore', format: 'zarr' },
    aggregation_control: {
      variable_column_name: 'variable_id',
      groupby_attrs: ['activity_id', 'institution_id', 'source_id', 'experiment_id', 'table_id', 'grid_label'],
      aggregations: [
        { type: 'union', attribute_name: 'variable_id' },
        { type: 'join_new', attribute_name: 'member_id', options: { coords: 'minimal', compat: 'override' } },
        { type: 'join_new', attribute_name: 'dcpp_init_year', options: { coords: 'minimal', compat: 'override' } }
      ]
    }
  };
}

export interface WrittenCatalog {
  descriptorPath: string;
  csvPath: string;
  rows: number;
}

/** Writes <dir>/<name>.csv[.gz] and <dir>/<name>.json; returns their paths. */
export async function writeCatalog(dir: string, { rows, seed, gzip = true, name = `cmip6-${rows}` }: GenerateOptions & { gzip?: boolean; name?: string }): Promise<WrittenCatalog> {
  await mkdir(dir, { recursive: true });
  const csvName = `${name}.csv${gzip ? '.gz' : ''}`;
  const csvPath = path.join(dir, csvName);
  const descriptorPath = path.join(dir, `${name}.json`);
  const generated = generate({ rows, seed });
  // Batch lines into ~64 KiB chunks so the stream is not row-by-row.
  function* chunks(): Generator<string> {
    let buffer = '';
    for (const line of generated.lines()) {
      buffer += line;
      if (buffer.length > 65536) {
        yield buffer;
        buffer = '';
      }
    }
    if (buffer !== '') yield buffer;
  }
  const out = createWriteStream(csvPath);
  if (gzip) {
    await pipeline(Readable.from(chunks()), createGzip({ level: 6 }), out);
  } else {
    await pipeline(Readable.from(chunks()), out);
  }
  if (!out.closed) await once(out, 'close');
  await writeFile(descriptorPath, JSON.stringify(descriptor(csvName), null, 2) + '\n');
  return { descriptorPath, csvPath, rows };
}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const rows = Number(option(args, '--rows') ?? 515000);
  const seed = Number(option(args, '--seed') ?? 42);
  const out = option(args, '--out') ?? path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
  const started = performance.now();
  const written = await writeCatalog(out, { rows, seed, gzip: !args.includes('--plain') });
  console.log(JSON.stringify({ event: 'generated', ...written, seconds: +((performance.now() - started) / 1000).toFixed(2) }));
}
