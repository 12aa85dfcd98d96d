/**
 * ORCID iDs: 16 characters in four groups, the last a check digit
 * (ISO 7064 MOD 11-2, where 10 is written X).
 */

const SHAPE = /^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/;

/** The check character of the first 15 digits. */
export function orcidCheckDigit(digits: string): string {
  let total = 0;
  for (const ch of digits) {
    total = (total + Number(ch)) * 2;
  }
  const result = (12 - (total % 11)) % 11;
  return result === 10 ? 'X' : String(result);
}

/**
 * The bare iD of what a person typed (a bare iD or an orcid.org URL), or null
 * when it is not one; `problem` says why in words.
 */
export function parseOrcid(text: string): { orcid: string | null; problem: 'shape' | 'checksum' | null } {
  const bare = text
    .trim()
    .replace(/^https?:\/\/(?:www\.)?orcid\.org\//i, '')
    .toUpperCase();
  if (!SHAPE.test(bare)) {
    return { orcid: null, problem: 'shape' };
  }
  const digits = bare.replace(/-/g, '');
  if (orcidCheckDigit(digits.slice(0, 15)) !== digits[15]) {
    return { orcid: null, problem: 'checksum' };
  }
  return { orcid: bare, problem: null };
}
