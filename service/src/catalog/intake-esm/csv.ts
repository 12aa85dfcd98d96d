import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

/**
 * Streams RFC 4180 CSV records out of a byte stream: quoted fields ("a,b"), doubled quotes
 * inside them ("say ""hi"""), newlines inside quotes, CRLF or LF line ends, a UTF-8 BOM.
 * A record without any quote is split directly (the common case, fast); one with a quote goes
 * through a small state machine. A last line without a newline is still a record; empty lines
 * are skipped. Yields arrays of records per chunk so the caller can batch.
 */
export async function* csvRecords(input: Readable | AsyncIterable<Buffer | string>): AsyncGenerator<string[][]> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let first = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let text = pending + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    const { records, rest } = parse(text, false);
    pending = rest;
    if (records.length > 0) yield records;
  }
  const tail = pending + decoder.end();
  if (tail.length > 0) {
    const { records, rest } = parse(tail, true);
    if (rest.length > 0) {
      throw new CsvError('the file ends inside a quoted field');
    }
    if (records.length > 0) yield records;
  }
}

export class CsvError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvError';
  }
}

/** Parses whole records out of `text`; `rest` is an incomplete last record (unless `final`). */
function parse(text: string, final: boolean): { records: string[][]; rest: string } {
  const records: string[][] = [];
  let start = 0;
  const length = text.length;
  while (start < length) {
    const newline = text.indexOf('\n', start);
    const lineEnd = newline === -1 ? length : newline;
    if (newline === -1 && !final) break;
    const quote = text.indexOf('"', start);
    if (quote === -1 || quote > lineEnd) {
      let end = lineEnd;
      if (end > start && text.charCodeAt(end - 1) === 13) end--;
      if (end > start) records.push(text.slice(start, end).split(','));
      start = lineEnd + 1;
      continue;
    }
    const quoted = parseQuoted(text, start, final);
    if (quoted === null) break; // incomplete: wait for more text
    records.push(quoted.fields);
    start = quoted.next;
  }
  return { records, rest: start >= length ? '' : text.slice(start) };
}

/** One record that contains quotes, from `start`; null when the text ends before the record does. */
function parseQuoted(text: string, start: number, final: boolean): { fields: string[]; next: number } | null {
  const fields: string[] = [];
  let field = '';
  let i = start;
  const length = text.length;
  for (;;) {
    if (i < length && text.charCodeAt(i) === 34) {
      // quoted field
      i++;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q === -1) {
          return null;
        }
        field += text.slice(i, q);
        if (q + 1 < length && text.charCodeAt(q + 1) === 34) {
          field += '"';
          i = q + 2;
          continue;
        }
        if (q + 1 >= length && !final) return null; // cannot tell yet whether "" follows
        i = q + 1;
        break;
      }
      // text after the closing quote up to the separator is kept as written (lenient)
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        field += text[i];
        i++;
      }
    } else {
      while (i < length) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        field += text[i];
        i++;
      }
    }
    fields.push(field);
    field = '';
    if (i >= length) {
      if (!final) return null;
      return { fields, next: length };
    }
    const c = text.charCodeAt(i);
    if (c === 44) {
      i++;
      continue;
    }
    if (c === 13) i++;
    if (i < length && text.charCodeAt(i) === 10) i++;
    else if (i >= length && !final) return null;
    return { fields, next: i };
  }
}
