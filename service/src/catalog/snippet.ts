/**
 * Python that opens a store with xarray. Every string comes from an untrusted catalog, so each
 * one becomes a Python string literal with everything outside printable ASCII escaped, and a
 * keyword that is not a Python identifier is passed through **{…}.
 */

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PYTHON_KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del',
  'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal',
  'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield'
]);

/** A double-quoted Python string literal: only printable ASCII stays as it is. */
export function pythonString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') {
      out += `\\${char}`;
    } else if (char in SHORT_ESCAPES) {
      out += SHORT_ESCAPES[char];
    } else if (code >= 0x20 && code < 0x7f) {
      out += char;
    } else if (code <= 0xff) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else if (code <= 0xffff) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else {
      out += `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}

/** A JSON value as a Python literal (dict, list, str, int/float, True/False/None). */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'number') {
    return Number.isFinite(value) ? String(value) : 'None';
  }
  if (typeof value === 'string') {
    return pythonString(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(pythonLiteral).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonLiteral(item)}`).join(', ')}}`;
  }
  return 'None';
}

/** Keyword arguments: identifiers as key=value, the rest in one **{…}. */
function keywordArguments(kwargs: Record<string, unknown>): string[] {
  const plain = Object.entries(kwargs).filter(([key]) => IDENTIFIER.test(key) && !PYTHON_KEYWORDS.has(key));
  const odd = Object.fromEntries(Object.entries(kwargs).filter(([key]) => !plain.some(([p]) => p === key)));
  const args = plain.map(([key, value]) => `${key}=${pythonLiteral(value)}`);
  return Object.keys(odd).length > 0 ? [...args, `**${pythonLiteral(odd)}`] : args;
}

/**
 * `import xarray as xr\nds = xr.open_dataset("<url>", engine="zarr", chunks={})` following the open
 * kwargs (chunks={} unless they set chunks). A NetCDF file over HTTP(S) is opened through fsspec with
 * h5netcdf, because xarray cannot read it from a URL directly; an engine "zarr" there is a catalog
 * mistake and is dropped.
 */
export function openSnippet(url: string, format: string, openKwargs: Record<string, unknown>): string {
  const kwargs: Record<string, unknown> = { ...openKwargs };
  const netcdfOverNetwork = format === 'netcdf' && /^(?:https?|gs|s3):\/\//i.test(url);
  if (netcdfOverNetwork && (kwargs.engine === 'zarr' || kwargs.engine === undefined)) {
    kwargs.engine = 'h5netcdf';
  }
  if (!('chunks' in kwargs)) {
    kwargs.chunks = {};
  }
  if (netcdfOverNetwork) {
    const args = [`fsspec.open(${pythonString(url)}).open()`, ...keywordArguments(kwargs)];
    return `import fsspec\nimport xarray as xr\nds = xr.open_dataset(${args.join(', ')})`;
  }
  const args = [pythonString(url), ...keywordArguments(kwargs)];
  return `import xarray as xr\nds = xr.open_dataset(${args.join(', ')})`;
}
