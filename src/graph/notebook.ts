/**
 * What the publish dialog reads from a notebook's content (nbformat JSON).
 */

import type { ICellSource } from './detect';

/** The notebook JSON as the contents API returns it. */
export interface INotebookContent {
  cells?: ICellSource[];
  metadata?: {
    kernelspec?: { name?: string; display_name?: string; language?: string };
    language_info?: { name?: string; version?: string };
  };
}

/** The text of the first markdown heading (ATX `#` or setext), without markup; null if none. */
export function firstHeading(cells: ReadonlyArray<ICellSource>): string | null {
  for (const cell of cells) {
    if (cell.cell_type !== 'markdown') {
      continue;
    }
    const text = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    const lines = text.split('\n');
    let fence = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      if (/^\s{0,3}(```|~~~)/.test(line)) {
        fence = !fence;
        continue;
      }
      if (fence) {
        continue;
      }
      const atx = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
      if (atx && atx[1]) {
        return plain(atx[1]);
      }
      const html = /^\s*<h[1-6][^>]*>(.*?)<\/h[1-6]>/i.exec(line);
      if (html && html[1].trim()) {
        return plain(html[1].replace(/<[^>]*>/g, ''));
      }
      if (line.trim() && i + 1 < lines.length && /^\s{0,3}(=+|-+)\s*$/.test(lines[i + 1])) {
        return plain(line);
      }
    }
  }
  return null;
}

/** Inline markdown removed: emphasis, code ticks, links (their text kept). */
function plain(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]+/g, '')
    .trim();
}

/** The file name without its folder and `.ipynb`: a title when the notebook has no heading. */
export function titleFromPath(path: string): string {
  const name = path.split('/').pop() ?? path;
  return name.replace(/\.ipynb$/i, '').replace(/[_-]+/g, ' ').trim() || name;
}

/** sha256 of the bytes of `text` (UTF-8) as 64 lower-case hex digits, by the browser's crypto. */
export async function sha256Hex(text: string, subtle: SubtleCrypto = globalThis.crypto.subtle): Promise<{ sha256: string; size: number }> {
  const bytes = new TextEncoder().encode(text);
  const digest = await subtle.digest('SHA-256', bytes);
  const hex = Array.from(new Uint8Array(digest), b => b.toString(16).padStart(2, '0')).join('');
  return { sha256: hex, size: bytes.byteLength };
}
