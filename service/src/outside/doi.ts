import { ApiError } from '../api/errors.js';
import type { OutsideConfig } from './config.js';
import { readCrossref } from './crossref.js';
import { readDataCite } from './datacite.js';
import { doiOf } from './identifiers.js';
import type { OutsideRecord } from './record.js';

/** A DOI's metadata: DataCite first (datasets, software, Zenodo), then Crossref (journals); neither → 404 naming the DOI. */
export async function readDoi(config: OutsideConfig, input: string): Promise<OutsideRecord> {
  const doi = doiOf(input);
  if (doi === null) {
    throw new ApiError(400, 'invalid_request', `"${input.trim()}" is not a DOI: give one like 10.5281/zenodo.3763274 (or its https://doi.org/ URL)`, 'body/doi');
  }
  const record = (await readDataCite(config, doi)) ?? (await readCrossref(config, doi));
  if (record === null) {
    throw new ApiError(404, 'not_found', `DOI ${doi} is unknown: neither DataCite nor Crossref has metadata for it`, 'body/doi');
  }
  return record;
}
