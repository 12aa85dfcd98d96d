import type { NewDatasetRequest } from '../../src/api/requests-schemas.js';

/** A filled-in dataset request form (the LEAP form's own example URL). */
export const OISST: NewDatasetRequest = {
  name: 'NOAA OISST v2.1 daily',
  url: 'https://www.ncei.noaa.gov/products/optimum-interpolation-sst',
  description: 'Daily **sea surface temperature** on a 0.25° grid.',
  size: '1 file per day, 1.6 MB each, 20 GB in total',
  license: 'cc0-1.0',
  format: 'NetCDF',
  accessProtocol: 'HTTP(S)',
  organization: 'One directory per month, one file per day.',
  exampleUrls: ['https://www.ncei.noaa.gov/data/sea-surface-temperature-optimum-interpolation/v2.1/access/avhrr/198112/oisst-avhrr-v02r01.19811209.nc', ' '],
  authorization: 'No; data are fully public',
  transformation: 'Concatenate along time.',
  targetFormat: 'Zarr',
  comments: ''
};
