import * as fs from 'fs';
import * as path from 'path';

/**
 * The extension's own source and style files, for the checks that read them
 * (theme colours, translations): tests and type declarations left out.
 */

export const ROOT = path.join(__dirname, '..', '..');

export function listFiles(dir: string, extensions: ReadonlyArray<string>): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== '__tests__' && entry.name !== 'node_modules') {
        out.push(...listFiles(relative, extensions));
      }
    } else if (extensions.some(ext => entry.name.endsWith(ext)) && !entry.name.endsWith('.d.ts')) {
      out.push(relative);
    }
  }
  return out.sort();
}

export function read(file: string): string {
  return fs.readFileSync(path.join(ROOT, file), 'utf-8');
}

/** 1-based line of an offset in a text. */
export function lineOf(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}
