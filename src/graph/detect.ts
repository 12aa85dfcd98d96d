/**
 * Dataset detection: the catalog dataset ids and data-store URLs a notebook's
 * code opens, read from its code cells without running anything.
 *
 * Every Python string literal is read (comments and f-strings with
 * placeholders are not); a literal counts when
 * - it is a store URL: gs://, gcs://, s3://, az://, abfs(s)://, or an
 *   http(s) URL that names a Zarr/NetCDF/HDF5 store or is an argument of an
 *   opening call (`xr.open_zarr`, `open_dataset`, `fsspec.get_mapper`, …);
 * - it is a catalog dataset id (`<source>:<id>`, e.g. `leap:sst-feedstock`);
 * - it is a key of an intake catalog: `cat["key"]` where `cat` was assigned
 *   from an `intake.*` call (an id within some catalog source).
 */

/** One reference found in the code, at its first occurrence. */
export interface IDatasetReference {
  /** `url`: a store URL; `id`: a catalog dataset id or an intake key. */
  kind: 'url' | 'id';
  /** The literal's text. */
  value: string;
  /** The call the literal is an argument of (`xr.open_zarr`), or null. */
  call: string | null;
  /** Index of the cell in the notebook (all cells counted). */
  cell: number;
  /** Line in that cell, from 1. */
  line: number;
}

/** What detection needs of a cell (nbformat's or the shared model's). */
export interface ICellSource {
  cell_type: string;
  source: string | string[];
}

const STORE_SCHEME = /^(?:gs|gcs|s3|s3a|az|abfs|abfss):\/\/[^\s/]+(?:\/\S*)?$/i;
const HTTP_URL = /^https?:\/\/[^\s/]+\/\S*$/i;
const STORE_SUFFIX = /\.(?:zarr|zarr\.zip|nc|nc4|netcdf|h5|hdf5|he5)(?:\/|$|\?|#)/i;
const CATALOG_ID = /^[a-z0-9][a-z0-9_-]*:[A-Za-z0-9][A-Za-z0-9._-]*$/;
const INTAKE_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const MAX_LENGTH = 2000;

/** The last name of a call that opens data: `xr.open_zarr` → open_zarr. */
export function isOpeningCall(call: string | null): boolean {
  if (!call) {
    return false;
  }
  const last = call.split('.').pop() ?? '';
  return /^open_/.test(last) || last === 'get_mapper' || last === 'FSMap' || call.startsWith('intake.');
}

/** Detect the references of a notebook, each value once (first occurrence). */
export function detectDatasets(cells: ReadonlyArray<ICellSource>): IDatasetReference[] {
  const found = new Map<string, IDatasetReference>();
  const intakeNames = new Set<string>();
  cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') {
      return;
    }
    const source = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
    for (const match of source.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*intake\./gm)) {
      intakeNames.add(match[1]);
    }
    for (const literal of readStringLiterals(source)) {
      const ref = classify(literal, intakeNames);
      if (ref && !found.has(`${ref.kind} ${ref.value}`)) {
        found.set(`${ref.kind} ${ref.value}`, { ...ref, call: literal.call, cell: index, line: literal.line });
      }
    }
  });
  return [...found.values()];
}

function classify(
  literal: IStringLiteral,
  intakeNames: ReadonlySet<string>
): Pick<IDatasetReference, 'kind' | 'value'> | null {
  const value = literal.value.trim();
  if (value.length === 0 || value.length > MAX_LENGTH) {
    return null;
  }
  if (STORE_SCHEME.test(value)) {
    return { kind: 'url', value };
  }
  if (HTTP_URL.test(value)) {
    return STORE_SUFFIX.test(value) || isOpeningCall(literal.call) ? { kind: 'url', value } : null;
  }
  if (CATALOG_ID.test(value)) {
    return { kind: 'id', value };
  }
  if (literal.subscriptOf && intakeNames.has(literal.subscriptOf) && INTAKE_KEY.test(value)) {
    return { kind: 'id', value };
  }
  return null;
}

/** A string literal of Python source with where it stands. */
export interface IStringLiteral {
  value: string;
  line: number;
  /** Dotted name of the call whose parentheses hold the literal, if any. */
  call: string | null;
  /** Name of the variable subscripted by the literal (`cat["x"]` → cat). */
  subscriptOf: string | null;
}

/**
 * The string literals of Python source, in order. Comments are skipped;
 * escapes are decoded for the quote, backslash and common letters; an
 * f-string with a `{placeholder}` is left out (its value is not known).
 */
export function readStringLiterals(source: string): IStringLiteral[] {
  const out: IStringLiteral[] = [];
  // the callee (or subscripted name) of each open bracket
  const brackets: { char: string; name: string | null }[] = [];
  let line = 1;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i];
    if (ch === '\n') {
      line++;
      i++;
    } else if (ch === '#') {
      while (i < n && source[i] !== '\n') {
        i++;
      }
    } else if (ch === '(' || ch === '[') {
      brackets.push({ char: ch, name: nameBefore(source, i) });
      i++;
    } else if (ch === ')' || ch === ']') {
      brackets.pop();
      i++;
    } else if (isQuoteStart(source, i)) {
      const prefixStart = i;
      while (/[rRbBuUfF]/.test(source[i])) {
        i++;
      }
      const prefix = source.slice(prefixStart, i).toLowerCase();
      const quote = source.startsWith(source[i].repeat(3), i) ? source[i].repeat(3) : source[i];
      const startLine = line;
      i += quote.length;
      let value = '';
      let closed = false;
      while (i < n) {
        if (source.startsWith(quote, i)) {
          i += quote.length;
          closed = true;
          break;
        }
        const c = source[i];
        if (c === '\n') {
          if (quote.length === 1) {
            break; // unterminated single-quoted string: stop at the line end
          }
          line++;
        }
        if (c === '\\' && i + 1 < n) {
          const next = source[i + 1];
          if (next === '\n') {
            line++;
          }
          value += prefix.includes('r') ? c + next : unescape(next);
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
      const top = brackets[brackets.length - 1];
      const dynamic = prefix.includes('f') && /\{[^{]/.test(value.replace(/\{\{/g, ''));
      if (closed && !prefix.includes('b') && !dynamic) {
        out.push({
          value: prefix.includes('f') ? value.replace(/\{\{/g, '{').replace(/\}\}/g, '}') : value,
          line: startLine,
          call: top?.char === '(' ? top.name : null,
          subscriptOf: top?.char === '[' ? top.name : null
        });
      }
    } else {
      i++;
    }
  }
  return out;
}

/** A string starts here: a quote, or a prefix (r, b, u, f and pairs) and a quote. */
function isQuoteStart(source: string, i: number): boolean {
  const ch = source[i];
  if (ch === '"' || ch === "'") {
    return true;
  }
  const m = /^([rRbBuUfF]{1,2})["']/.exec(source.slice(i, i + 3));
  return m !== null && (i === 0 || !/[\w.]/.test(source[i - 1]));
}

/** The dotted name right before an opening bracket: `xr.open_zarr(` → xr.open_zarr. */
function nameBefore(source: string, index: number): string | null {
  let j = index;
  while (j > 0 && (source[j - 1] === ' ' || source[j - 1] === '\t')) {
    j--;
  }
  const m = /[A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_]\w*)*$/.exec(source.slice(Math.max(0, j - 200), j));
  return m ? m[0].replace(/\s+/g, '') : null;
}

function unescape(ch: string): string {
  switch (ch) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case '\n':
      return '';
    default:
      return ch;
  }
}
