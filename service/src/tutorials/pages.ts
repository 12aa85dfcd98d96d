/**
 * The text of a book page for a tutorial step: its first heading (the title) and the first
 * paragraph after it. Pages are MyST/CommonMark markdown or Jupyter notebooks (their markdown
 * cells in order).
 */

export interface PageText {
  title: string | null;
  paragraph: string;
}

function frontMatter(text: string): { title: string | null; body: string } {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (match === null) {
    return { title: null, body: text };
  }
  const title = /^title:\s*["']?(.+?)["']?\s*$/m.exec(match[1]);
  return { title: title === null ? null : title[1], body: text.slice(match[0].length) };
}

/** A line that starts something other than a paragraph (block syntax of CommonMark or MyST). */
function startsBlock(line: string): boolean {
  return /^\s*(#{1,6}\s|```|~~~|:::|\{|<|!\[|\||>|[-*+]\s|\d+[.)]\s|\(.*\)=\s*$|%)/.test(line);
}

export function markdownText(text: string): PageText {
  const { title: fmTitle, body } = frontMatter(text);
  const lines = body.split(/\r?\n/);
  let title: string | null = fmTitle;
  let i = 0;
  let fence: string | null = null;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = /^\s*(```+|~~~+|:::+)/.exec(line);
    if (fenceMatch !== null) {
      fence = fence === null ? fenceMatch[1] : line.trim().startsWith(fence) ? null : fence;
      continue;
    }
    const heading = fence === null ? /^\s*#{1,6}\s+(.+?)\s*#*\s*$/.exec(line) : null;
    if (heading !== null) {
      title ??= heading[1];
      i++;
      break;
    }
  }
  if (title === null) {
    i = 0;
  }
  fence = null;
  const paragraph: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = /^\s*(```+|~~~+|:::+)/.exec(line);
    if (fenceMatch !== null) {
      if (paragraph.length > 0) {
        break;
      }
      fence = fence === null ? fenceMatch[1] : line.trim().startsWith(fence) ? null : fence;
      continue;
    }
    if (fence !== null) {
      continue;
    }
    if (line.trim() === '') {
      if (paragraph.length > 0) {
        break;
      }
      continue;
    }
    if (paragraph.length === 0 && startsBlock(line)) {
      continue;
    }
    paragraph.push(line.trim());
  }
  return { title, paragraph: paragraph.join('\n') };
}

interface NotebookCell {
  cell_type?: unknown;
  source?: unknown;
}

/** The markdown cells of a notebook's JSON, joined; throws when the text is not a notebook. */
export function notebookMarkdown(text: string): string {
  const notebook = JSON.parse(text) as { cells?: unknown };
  if (typeof notebook !== 'object' || notebook === null || !Array.isArray(notebook.cells)) {
    throw new Error('not a Jupyter notebook (no "cells" list)');
  }
  return (notebook.cells as NotebookCell[])
    .filter((cell) => cell.cell_type === 'markdown')
    .map((cell) => (Array.isArray(cell.source) ? cell.source.join('') : String(cell.source ?? '')))
    .join('\n\n');
}

export function pageText(fileName: string, text: string): PageText {
  return markdownText(fileName.endsWith('.ipynb') ? notebookMarkdown(text) : text);
}
