import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import type { SkippedEntry } from '../../api/catalog-schemas.js';
import { resolveLocation } from '../read-source.js';
import type { ImportedCatalog, ImportedDataset, SourceInput } from '../types.js';
import { csvRecords, CsvError } from './csv.js';
import { DescriptorError, parseDescriptor, type Descriptor } from './descriptor.js';
import { dictRecords, RowMapper } from './rows.js';

/** Datasets handed on per batch (the writer inserts a batch per statement). */
export const BATCH_ROWS = 2000;

export interface IntakeEsmStream {
  descriptor: Descriptor;
  /** Where the rows are read from (catalog_file resolved against the descriptor, or "catalog_dict"). */
  catalogLocation: string;
  /** The datasets in CSV order, BATCH_ROWS at a time; read it once. */
  batches: AsyncGenerator<ImportedDataset[]>;
  /** Filled while `batches` is read: rows skipped (wrong field count, no asset) and ids repaired. */
  skipped: SkippedEntry[];
  warnings: SkippedEntry[];
}

const isGzip = (bytes: Buffer) => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The CSV's records, gunzipped when the bytes are gzip (whatever the name says). */
function recordsOf(bytes: Buffer): AsyncGenerator<string[][]> {
  const raw = Readable.from([bytes], { objectMode: false });
  return csvRecords(isGzip(bytes) ? raw.pipe(createGunzip({ chunkSize: 256 * 1024 })) : chunked(bytes));
}

/** A plain CSV buffer in 1 MiB pieces (the parser works per piece). */
async function* chunked(bytes: Buffer): AsyncGenerator<Buffer> {
  for (let start = 0; start < bytes.length; start += 1 << 20) {
    yield bytes.subarray(start, start + (1 << 20));
  }
}

async function* inline(records: string[][]): AsyncGenerator<string[][]> {
  yield records;
}

/**
 * Opens an intake-esm catalog: parses the descriptor (input.body), reads its CSV through
 * input.read (so the same fetch limits apply) and checks the header. Throws DescriptorError
 * (naming the field) for a descriptor that cannot be used; row problems are reported, not thrown.
 */
export async function openIntakeEsm(input: SourceInput): Promise<IntakeEsmStream> {
  const descriptor = parseDescriptor(input.body);
  let catalogLocation = 'catalog_dict';
  let records: AsyncGenerator<string[][]>;
  if (descriptor.catalogFile !== null) {
    catalogLocation = resolveLocation(input.location, descriptor.catalogFile);
    let bytes: Buffer;
    try {
      bytes = await input.read(catalogLocation);
    } catch (error) {
      throw new DescriptorError(`catalog_file ${descriptor.catalogFile} cannot be read: ${(error as Error).message}`);
    }
    records = recordsOf(bytes);
  } else {
    records = inline(dictRecords(descriptor.catalogDict ?? []));
  }
  // The header comes first: check it before anything is imported.
  const first = await records.next().catch((error: unknown) => {
    throw error instanceof CsvError ? new DescriptorError(`catalog_file ${catalogLocation}: ${error.message}`) : error;
  });
  if (first.done === true || first.value.length === 0) {
    throw new DescriptorError(`catalog_file ${catalogLocation} is empty (expected a header row)`);
  }
  const [header, ...rest] = first.value;
  const mapper = new RowMapper(descriptor, header.map((column) => column.trim()), catalogLocation);

  async function* batches(): AsyncGenerator<ImportedDataset[]> {
    let batch: ImportedDataset[] = [];
    const take = function* (chunk: string[][]) {
      for (const record of chunk) {
        const dataset = mapper.map(record);
        if (dataset !== null) batch.push(dataset);
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
    };
    yield* take(rest);
    for await (const chunk of records) {
      yield* take(chunk);
    }
    if (batch.length > 0) yield batch;
  }

  return { descriptor, catalogLocation, batches: batches(), skipped: mapper.skipped, warnings: mapper.warnings };
}

/**
 * The Importer for the source registry: datasets as batches, written inside refreshSource's
 * transaction one batch at a time (a 515,000-row CMIP6 catalog stays within the memory budget).
 * Descriptor and header problems throw before anything is written.
 */
export async function importIntakeEsm(input: SourceInput): Promise<ImportedCatalog> {
  const stream = await openIntakeEsm(input);
  return { datasets: stream.batches, skipped: stream.skipped, warnings: stream.warnings };
}
