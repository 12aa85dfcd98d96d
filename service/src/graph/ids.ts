import { randomBytes } from 'node:crypto';
import type { NodeKind } from '../api/graph-schemas.js';

const PREFIX: Record<NodeKind, string> = {
  Dataset: 'dataset',
  Paper: 'paper',
  ProjectCode: 'code',
  TrainedModel: 'model',
  EducationalModule: 'module',
  Person: 'person',
  Project: 'project'
};

const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/** A new stable node id, "<kind prefix>-<12 random characters>", e.g. "code-7hq2mxk4np9a". */
export function newNodeId(kind: NodeKind): string {
  const bytes = randomBytes(12);
  let suffix = '';
  for (const byte of bytes) {
    suffix += ALPHABET[byte % ALPHABET.length];
  }
  return `${PREFIX[kind]}-${suffix}`;
}

/** The node id of a data library dataset: "dataset:<catalog id>". */
export function catalogNodeId(catalogId: string): string {
  return `dataset:${catalogId}`;
}

/** The catalog id inside a catalog dataset's node id, or null for any other id. */
export function catalogIdOf(nodeId: string): string | null {
  return nodeId.startsWith('dataset:') ? nodeId.slice('dataset:'.length) : null;
}

/** ORCID iD check digit (ISO 7064 MOD 11-2) over the first 15 digits. */
export function orcidChecksumValid(orcid: string): boolean {
  const digits = orcid.replace(/-/g, '');
  if (!/^\d{15}[\dX]$/.test(digits)) {
    return false;
  }
  let total = 0;
  for (const digit of digits.slice(0, 15)) {
    total = (total + Number(digit)) * 2;
  }
  const result = (12 - (total % 11)) % 11;
  return digits[15] === (result === 10 ? 'X' : String(result));
}

/** A DOI as stored: bare ("10.x/y"), from a bare DOI, "doi:" or a doi.org URL. */
export function bareDoi(doi: string): string {
  return doi.trim().replace(/^(doi:|https?:\/\/(dx\.)?doi\.org\/)/i, '');
}
