// The knowledge-graph benchmark's graph: deterministic for (edges, seed), LEAP-shaped.
// Records (notebooks, papers, models) with 1–4 Creator links to people (Zipf 0.6: prolific
// authors), 0–3 References to catalog datasets (Zipf 0.8: a few datasets are hubs with ~10^4
// links) and 0–3 Cites to earlier records; records are made until the edge count is reached.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { rng, zipf } from './generate-cmip6.js';

export const PEOPLE = 30_000;
export const DATASETS = 10_000;
export const RELATION_IRI = 'https://w3id.org/leap/rel/';
export const NODE_IRI = 'https://w3id.org/leap/node/';
export const STATUS_IRI = 'https://w3id.org/leap/status';

export interface BenchGraph {
  ids: string[];
  kinds: string[];
  src: Uint32Array;
  dst: Uint32Array;
  /** 0 Creator, 1 References, 2 Cites */
  relation: Uint8Array;
}

export const RELATIONS = ['Creator', 'References', 'Cites'] as const;
const RECORD_KINDS = [['ProjectCode', 'code'], ['Paper', 'paper'], ['TrainedModel', 'model']] as const;

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';
function suffix(n: number): string {
  let s = '';
  for (let i = 0; i < 12; i++) {
    s += ALPHABET[n % 32];
    n = Math.floor(n / 32);
  }
  return s;
}

export function generateGraph(edges: number, seed: number): BenchGraph {
  const random = rng(seed);
  const person = zipf(PEOPLE, 0.6, random);
  const dataset = zipf(DATASETS, 0.8, random);
  const ids: string[] = [];
  const kinds: string[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    ids.push(`person-${suffix(i)}`);
    kinds.push('Person');
  }
  for (let i = 0; i < DATASETS; i++) {
    ids.push(`dataset:bench:ds-${i}`);
    kinds.push('Dataset');
  }
  const src = new Uint32Array(edges);
  const dst = new Uint32Array(edges);
  const relation = new Uint8Array(edges);
  let count = 0;
  const firstRecord = ids.length;
  while (count < edges) {
    const record = ids.length;
    const [kind, prefix] = RECORD_KINDS[Math.floor(random() * RECORD_KINDS.length)];
    ids.push(`${prefix}-${suffix(record)}`);
    kinds.push(kind);
    const targets = new Set<string>();
    const link = (rel: number, target: number) => {
      const key = `${rel}:${target}`;
      if (count < edges && !targets.has(key)) {
        targets.add(key);
        src[count] = record;
        dst[count] = target;
        relation[count] = rel;
        count++;
      }
    };
    const authors = 1 + Math.floor(random() * 4);
    for (let i = 0; i < authors; i++) link(0, person());
    const references = Math.floor(random() * 4);
    for (let i = 0; i < references; i++) link(1, PEOPLE + dataset());
    const cites = record > firstRecord ? Math.floor(random() * 4) : 0;
    for (let i = 0; i < cites; i++) link(2, firstRecord + Math.floor(random() * (record - firstRecord)));
  }
  return { ids, kinds, src, dst, relation };
}

/** The same graph as N-Triples for pyoxigraph: one triple per edge, one status triple per node. */
export async function writeNTriples(graph: BenchGraph, file: string): Promise<void> {
  const out = createWriteStream(file);
  const write = async (line: string) => {
    if (!out.write(line)) {
      await once(out, 'drain');
    }
  };
  const iri = (i: number) => `<${NODE_IRI}${encodeURIComponent(graph.ids[i])}>`;
  for (let i = 0; i < graph.ids.length; i++) {
    await write(`${iri(i)} <${STATUS_IRI}> "published" .\n`);
  }
  for (let e = 0; e < graph.src.length; e++) {
    await write(`${iri(graph.src[e])} <${RELATION_IRI}${RELATIONS[graph.relation[e]]}> ${iri(graph.dst[e])} .\n`);
  }
  out.end();
  await once(out, 'finish');
}
