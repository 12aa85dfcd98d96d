import { OTHER_FORMAT, type NewDatasetRequest } from '../api/requests-schemas.js';
import { checkLicense } from './licenses.js';

/** A request field that is wrong; `field` is the body path, e.g. `body/license`, `body/exampleUrls/2`. */
export class RequestFieldError extends Error {
  constructor(
    readonly field: string,
    message: string
  ) {
    super(message);
    this.name = 'RequestFieldError';
  }
}

/** The request as stored: every text trimmed, optional texts '' when absent, empty example URLs dropped. */
export type CleanRequest = Required<Omit<NewDatasetRequest, 'authorization'>> & { authorization: Exclude<NewDatasetRequest['authorization'], undefined> };

const isHttpUrl = (text: string) => /^https?:\/\/[^/\s]+/i.test(text) && URL.canParse(text);
/** Example URLs may use any scheme the form's access protocols use (ftp://, s3://, gs://, globus://…). */
const isUrl = (text: string) => /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text) && URL.canParse(text);

/** Checks what the schema cannot (URLs, SPDX license, "Other" format) and normalizes; throws RequestFieldError. */
export function cleanRequest(body: NewDatasetRequest): CleanRequest {
  const name = body.name.trim();
  if (name === '') {
    throw new RequestFieldError('body/name', 'Dataset Name is required');
  }
  const url = (body.url ?? '').trim();
  if (url !== '' && !isHttpUrl(url)) {
    throw new RequestFieldError('body/url', `Dataset URL must be an http(s) URL, got "${url}"`);
  }
  const license = checkLicense(body.license);
  if ('problem' in license) {
    throw new RequestFieldError('body/license', license.problem);
  }
  const formatOther = (body.formatOther ?? '').trim();
  if (body.format === OTHER_FORMAT && formatOther === '') {
    throw new RequestFieldError('body/formatOther', 'Data Format (other) is required when the format is "Other (describe below)"');
  }
  const exampleUrls: string[] = [];
  (body.exampleUrls ?? []).forEach((raw, index) => {
    const example = raw.trim();
    if (example === '') return;
    if (!isUrl(example)) {
      throw new RequestFieldError(`body/exampleUrls/${index}`, `Example URL ${index + 1} is not a URL (scheme://…): "${example}"`);
    }
    exampleUrls.push(example);
  });
  return {
    name,
    url,
    description: (body.description ?? '').trim(),
    size: (body.size ?? '').trim(),
    license: license.value,
    format: body.format,
    formatOther: body.format === OTHER_FORMAT ? formatOther : '',
    accessProtocol: body.accessProtocol,
    organization: (body.organization ?? '').trim(),
    exampleUrls,
    authorization: body.authorization ?? null,
    transformation: (body.transformation ?? '').trim(),
    targetFormat: body.targetFormat,
    comments: (body.comments ?? '').trim()
  };
}
