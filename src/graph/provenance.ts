/**
 * Provenance of a notebook's environment, asked of its running kernel by one
 * silent request (no cell, no history, no output): Python version, container
 * image and the versions of the packages that shape results.
 */

import type { Kernel, KernelMessage } from '@jupyterlab/services';
import type { Provenance } from './types';

/** Packages whose versions are recorded when installed (distribution names, lower case). */
export const KEY_PACKAGES = [
  'xarray', 'dask', 'distributed', 'numpy', 'pandas', 'zarr', 'fsspec', 'gcsfs', 's3fs', 'intake',
  'intake-esm', 'netcdf4', 'h5netcdf', 'cftime', 'scipy', 'xesmf', 'xgcm', 'pint-xarray', 'cf-xarray',
  'matplotlib', 'scikit-learn', 'torch', 'tensorflow', 'jax'
] as const;

/**
 * One Python expression (evaluated as a user expression, so nothing runs in a
 * cell): JSON of the Python version, the image, and the installed key packages.
 */
export const PROVENANCE_EXPRESSION =
  "__import__('json').dumps({'python': __import__('platform').python_version(), " +
  "'image': __import__('os').environ.get('JUPYTER_IMAGE_SPEC') or __import__('os').environ.get('JUPYTER_IMAGE'), " +
  "'packages': {(d.metadata['Name'] or '').lower(): d.version for d in __import__('importlib.metadata').metadata.distributions() " +
  `if (d.metadata['Name'] or '').lower() in {${KEY_PACKAGES.map(p => `'${p}'`).join(', ')}}}}, ensure_ascii=True, sort_keys=True)`;

export interface IKernelFacts {
  python: string | null;
  image: string | null;
  packages: Record<string, string>;
}

/** The JSON inside the `text/plain` repr of a Python str (the expression's value). */
export function parseExpressionValue(plain: string): IKernelFacts | null {
  const m = /^'(.*)'$/s.exec(plain.trim()) ?? /^"(.*)"$/s.exec(plain.trim());
  if (!m) {
    return null;
  }
  try {
    const value = JSON.parse(m[1].replace(/\\'/g, "'").replace(/\\\\/g, '\\'));
    const packages: Record<string, string> = {};
    for (const [name, version] of Object.entries(value.packages ?? {})) {
      if (typeof version === 'string') {
        packages[name] = version;
      }
    }
    return {
      python: typeof value.python === 'string' ? value.python : null,
      image: typeof value.image === 'string' && value.image ? value.image : null,
      packages
    };
  } catch {
    return null;
  }
}

/** Ask the kernel; null when it cannot answer (not Python, busy past the timeout, error). */
export async function askKernel(kernel: Kernel.IKernelConnection, timeoutMs = 10000): Promise<IKernelFacts | null> {
  const future = kernel.requestExecute({
    code: '',
    silent: true,
    store_history: false,
    allow_stdin: false,
    user_expressions: { leap: PROVENANCE_EXPRESSION }
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>(resolve => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const reply = (await Promise.race([future.done, timeout])) as KernelMessage.IExecuteReplyMsg | null;
    if (!reply || reply.content.status !== 'ok') {
      return null;
    }
    const result = (reply.content.user_expressions as Record<string, any>)?.leap;
    return result?.status === 'ok' ? parseExpressionValue(String(result.data?.['text/plain'] ?? '')) : null;
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The record's provenance from what is known: the kernel's name and
 * language, JupyterLab's version and the kernel's facts (when it answered).
 */
export function buildProvenance(options: {
  kernelName?: string | null;
  language?: string | null;
  languageVersion?: string | null;
  jupyterlab?: string | null;
  facts?: IKernelFacts | null;
}): Provenance {
  const { kernelName, language, jupyterlab, facts } = options;
  const version = facts?.python ?? options.languageVersion ?? null;
  const provenance: Provenance = {};
  if (kernelName) {
    const lang = language ? `${language[0].toUpperCase()}${language.slice(1)}` : null;
    provenance.kernel = (lang ? `${kernelName} (${lang}${version ? ` ${version}` : ''})` : kernelName).slice(0, 200);
  }
  if (jupyterlab) {
    provenance.jupyterlab = jupyterlab.slice(0, 50);
  }
  if (facts?.image) {
    provenance.image = facts.image.slice(0, 500);
  }
  if (facts && Object.keys(facts.packages).length > 0) {
    provenance.packages = facts.packages;
  }
  return provenance;
}
