import type { License } from '../api/catalog-schemas.js';

/** SPDX ids recognized when written as the id itself (any case, any separators). */
const SPDX_IDS = [
  'Apache-2.0', 'MIT', 'BSD-2-Clause', 'BSD-3-Clause', 'GPL-2.0', 'GPL-3.0', 'LGPL-3.0', 'MPL-2.0',
  'ODbL-1.0', 'ODC-By-1.0', 'PDDL-1.0', 'CC0-1.0', 'CC-BY-3.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC-BY-NC-4.0',
  'CC-BY-ND-4.0', 'CC-BY-NC-SA-4.0', 'CC-BY-NC-ND-4.0', 'CC-PDDL', 'OGL-UK-3.0'
];

/** Texts that say nothing about the license: no SPDX id and no "custom" either. */
const NOT_STATED = new Set(['', 'unknown', 'none', 'n a', 'na', 'not stated', 'not specified', 'tbd']);

const words = (text: string) => text.toLowerCase().replace(/[^a-z0-9.]+/g, ' ').replace(/\s+/g, ' ').trim();
const BY_WORDS = new Map(SPDX_IDS.map((id) => [words(id.replace(/-/g, ' ')), id]));

/** Creative Commons written out or abbreviated: the SPDX id when elements and version are all there. */
function creativeCommons(text: string): string | null {
  const cc = /\bcreative commons\b|^cc\b|\(cc\b|\bcc0\b/.test(text);
  if (!cc) {
    return null;
  }
  if (/\bcc0\b|\bcreative commons zero\b|\bzero\b/.test(text)) {
    return 'CC0-1.0';
  }
  const version = /\b([1-4])\.0\b/.exec(text)?.[1];
  const by = /\bby\b|\battribution\b/.test(text);
  if (version === undefined || !by) {
    return null;
  }
  const nc = /\bnc\b|\bnon ?commercial\b/.test(text) ? '-NC' : '';
  const nd = /\bnd\b|\bno ?derivatives?\b/.test(text) ? '-ND' : '';
  const sa = /\bsa\b|\bshare ?alike\b/.test(text) ? '-SA' : '';
  if (nd !== '' && sa !== '') {
    return null;
  }
  const id = `CC-BY${nc}${nd}${sa}-${version}.0`;
  return SPDX_IDS.includes(id) || version === '4' ? id : null;
}

/** The SPDX id a license text unambiguously names, or null (free text, no version, "proprietary"…). */
export function spdxOf(text: string): string | null {
  const plain = words(text);
  const exact = BY_WORDS.get(plain);
  if (exact !== undefined) {
    return exact;
  }
  if (/^apache( license)?,? (version |v)?2(\.0)?$/.test(plain)) {
    return 'Apache-2.0';
  }
  if (/^mit( license)?$/.test(plain)) {
    return 'MIT';
  }
  return creativeCommons(plain.replace(/\s*\.\s*$/, ''));
}

/** The license as the source wrote it, with its SPDX id when unambiguous. */
export function normalizeLicense(text: unknown, link: unknown): License {
  const original = typeof text === 'string' && text.trim() !== '' ? text.trim() : null;
  return {
    spdx: original === null ? null : spdxOf(original),
    text: original,
    link: typeof link === 'string' && link.trim() !== '' ? link.trim() : null
  };
}

/** The facet value of a license: its SPDX id, "custom" for a stated non-SPDX license, else null. */
export function licenseFacet(license: License): string | null {
  if (license.spdx !== null) {
    return license.spdx;
  }
  return license.text === null || NOT_STATED.has(words(license.text)) ? null : 'custom';
}
