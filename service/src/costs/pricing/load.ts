import path from 'node:path';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { Value } from 'typebox/value';
import { DEFAULT_PRICING } from './defaults.js';
import { PricingFile } from './schema.js';
import { GIB, type Pricing, type Profile } from './types.js';

/** A pricing file that cannot be used; the message names the file, the line and the key path. */
export class PricingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PricingError';
  }
}

interface Problem {
  keys: string[];
  text: string;
}

const dotted = (keys: string[]) => (keys.length === 0 ? 'the file' : keys.join('.'));
const NAMES: Record<string, string> = { number: 'a number', integer: 'a whole number', string: 'text', object: 'a mapping' };

function describe(error: { keyword: string; instancePath: string; params: Record<string, unknown>; message: string }): Problem | null {
  const keys = error.instancePath.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  const p = error.params;
  switch (error.keyword) {
    case 'boolean':
      return null; // reported once, by additionalProperties
    case 'additionalProperties':
      return { keys: [...keys, String((p.additionalProperties as string[])[0])], text: 'is not a known key' };
    case 'required':
      return { keys, text: `needs ${(p.requiredProperties as string[]).join(', ')}` };
    case 'type':
      return { keys, text: `must be ${NAMES[String(p.type)] ?? String(p.type)}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      return { keys, text: `must be ${String(p.comparison)} ${String(p.limit)}` };
    case 'pattern':
      return { keys, text: keys.at(-1) === 'currency' ? 'must be a 3-letter currency code like USD' : `must match ${String(p.pattern)}` };
    default:
      return { keys, text: error.message };
  }
}

/** The line of the node at `keys` (or of the closest parent that exists); 1-based. */
function lineOf(doc: Document, counter: LineCounter, keys: string[]): number {
  for (let n = keys.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(keys.slice(0, n), true);
    if (isNode(node) && node.range) {
      // An unknown key: point at the key itself, found as the pair's key node.
      return counter.linePos(node.range[0]).line;
    }
  }
  return 1;
}

function semanticProblems(file: PricingFile): Problem[] {
  const problems: Problem[] = [];
  for (const [slug, profile] of Object.entries(file.profiles ?? {})) {
    if (profile.gpu && !(profile.gpu.type in file.prices.gpu_hour)) {
      problems.push({ keys: ['profiles', slug, 'gpu', 'type'], text: `"${profile.gpu.type}" has no price in prices.gpu_hour` });
    }
    if (profile.node !== undefined && !(profile.node in (file.prices.node_hour ?? {}))) {
      problems.push({ keys: ['profiles', slug, 'node'], text: `"${profile.node}" has no price in prices.node_hour` });
    }
  }
  if (file.default_profile !== undefined && !(file.default_profile in (file.profiles ?? {}))) {
    problems.push({ keys: ['default_profile'], text: `"${file.default_profile}" is not one of the profiles` });
  }
  return problems;
}

/** Parses and validates pricing YAML; throws PricingError naming `label`, line and key path. */
export function parsePricing(text: string, label: string): PricingFile {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error.linePos?.[0].line ?? 1;
    throw new PricingError(`${label} line ${line}: ${error.message.split('\n')[0]}`);
  }
  const data: unknown = doc.toJS();
  const found = [...Value.Errors(PricingFile, data)].map(describe).filter((p): p is Problem => p !== null);
  const problems = found.length > 0 ? found : semanticProblems(data as PricingFile);
  if (problems.length > 0) {
    const lines = problems
      .map((p) => ({ line: lineOf(doc, counter, p.keys), text: `${dotted(p.keys)} ${p.text}` }))
      .sort((a, b) => a.line - b.line);
    throw new PricingError(lines.map((p) => `${label} line ${p.line}: ${p.text}`).join('; '));
  }
  return data as PricingFile;
}

function profileOf(slug: string, p: NonNullable<PricingFile['profiles']>[string]): Profile {
  return {
    slug,
    cpu: p.cpu,
    memoryBytes: p.memory_gib * GIB,
    gpuType: p.gpu?.type ?? null,
    gpuCount: p.gpu?.count ?? 0,
    node: p.node ?? null
  };
}

/** The validated file in the service's units. */
export function toPricing(file: PricingFile, source: string): Pricing {
  return {
    source,
    cloud: file.cloud,
    region: file.region,
    currency: file.currency,
    vcpuHour: file.prices.vcpu_hour,
    memoryGibHour: file.prices.memory_gib_hour,
    gpuHour: { ...file.prices.gpu_hour },
    nodeHour: { ...(file.prices.node_hour ?? {}) },
    storageGbMonth: file.prices.storage_gb_month,
    egressGib: file.prices.egress_gib,
    profiles: Object.fromEntries(Object.entries(file.profiles ?? {}).map(([slug, p]) => [slug, profileOf(slug, p)])),
    defaultProfile: file.default_profile ?? null,
    idleAfterMinutes: file.idle?.after_minutes ?? 30,
    idleCpuPercent: file.idle?.cpu_percent_below ?? 2
  };
}

export const defaultPricing = (): Pricing => toPricing(DEFAULT_PRICING, 'defaults');

/** Reads and validates a pricing file; errors name the file by its base name. */
export async function loadPricingFile(file: string, read: (f: string) => Promise<string>): Promise<Pricing> {
  const label = path.basename(file);
  let text: string;
  try {
    text = await read(file);
  } catch (error) {
    throw new PricingError(`${label}: cannot read ${file}: ${(error as Error).message}`);
  }
  return toPricing(parsePricing(text, label), file);
}
