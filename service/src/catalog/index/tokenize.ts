const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-case words of letters and digits, diacritics removed: "Sea-Surface Temp." → sea, surface, temp. */
export function tokenize(text: string): string[] {
  const plain = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return plain.toLowerCase().match(WORD) ?? [];
}
