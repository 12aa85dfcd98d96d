import spdxLicenseList from 'spdx-license-list';
import type { SpdxLicense } from '../api/requests-schemas.js';

/** The SPDX license list (spdx-license-list), sorted by id. */
export const SPDX_LICENSES: readonly SpdxLicense[] = Object.entries(spdxLicenseList)
  .map(([id, license]) => ({ id, name: license.name }))
  .sort((a, b) => a.id.localeCompare(b.id, 'en'));

const BY_LOWER_ID = new Map(SPDX_LICENSES.map((license) => [license.id.toLowerCase(), license.id]));

/** What the form's License field accepts besides an SPDX id or a URL (its default value). */
export const UNKNOWN_LICENSE = 'Unknown';

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '');
const BY_SQUASHED = new Map<string, string>();
for (const license of SPDX_LICENSES) {
  for (const key of [squash(license.id), squash(license.name)]) {
    if (!BY_SQUASHED.has(key)) BY_SQUASHED.set(key, license.id);
  }
}

/** The SPDX ids whose id or name contains every word of `text`, best first (id prefix, then id length). */
export function searchLicenses(text: string, limit = 10): SpdxLicense[] {
  const words = text.toLowerCase().split(/[\s,]+/).filter((word) => word !== '');
  const matches = SPDX_LICENSES.filter((license) => {
    const haystack = `${license.id} ${license.name}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  const first = words[0] ?? '';
  const rank = (license: SpdxLicense) => (license.id.toLowerCase().startsWith(first) ? 0 : 1);
  return matches.sort((a, b) => rank(a) - rank(b) || a.id.length - b.id.length || a.id.localeCompare(b.id, 'en')).slice(0, limit);
}

/**
 * The License field as stored: an SPDX id in its official case, "Unknown", or an http(s) URL.
 * Anything else is a problem, with the SPDX id it probably means when there is one.
 */
export function checkLicense(raw: string): { value: string } | { problem: string } {
  const text = raw.trim();
  if (text.toLowerCase() === UNKNOWN_LICENSE.toLowerCase()) {
    return { value: UNKNOWN_LICENSE };
  }
  const id = BY_LOWER_ID.get(text.toLowerCase());
  if (id !== undefined) {
    return { value: id };
  }
  if (/^https?:\/\//i.test(text)) {
    return URL.canParse(text) ? { value: text } : { problem: `"${text}" is not a valid URL` };
  }
  const guess = BY_SQUASHED.get(squash(text)) ?? searchLicenses(text, 1)[0]?.id;
  const hint = guess === undefined ? '' : ` (did you mean "${guess}"?)`;
  return { problem: `"${text}" is not an SPDX license id${hint}: use an id from the SPDX license list, "Unknown", or a URL of the license` };
}
