import path from 'node:path';
import { isMap, isNode, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { TutorialManifest, type ImportProblem } from '../api/tutorials-schemas.js';
import { fieldName, validate, type PathSegment } from './validate.js';

/** A manifest or table of contents that cannot be imported; every problem names file, line and field. */
export class TutorialImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'TutorialImportError';
  }
}

/** One problem as "<file> line <n>: <field> <text>". */
export function problem(file: string, line: number | null, field: string | null, text: string): ImportProblem {
  const where = line === null ? file : `${file} line ${line}`;
  return { file, line, field, message: `${where}: ${field === null ? '' : `${field} `}${text}` };
}

/** A YAML (or JSON, which is YAML) document with the means to find the line of any field. */
export class LocatedDocument {
  private constructor(
    readonly file: string,
    readonly value: unknown,
    private readonly doc: Document,
    private readonly lines: LineCounter
  ) {}

  /** Parses text; a syntax error is refused with its line. `file` is the name used in messages. */
  static parse(text: string, file: string): LocatedDocument {
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    if (doc.errors.length > 0) {
      throw new TutorialImportError(
        doc.errors.map((error) => {
          const line = error.linePos?.[0].line ?? null;
          return problem(file, line, null, error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, ''));
        })
      );
    }
    return new LocatedDocument(file, doc.toJS({ maxAliasCount: 100 }), doc, lines);
  }

  /** The 1-based line of a field (of its key when atKey), else of its nearest existing parent. */
  line(fieldPath: readonly PathSegment[], atKey = false): number | null {
    for (let depth = fieldPath.length; depth >= 0; depth--) {
      const at = fieldPath.slice(0, depth);
      const offset = atKey && depth === fieldPath.length ? this.keyOffset(at) : this.nodeOffset(at);
      if (offset !== undefined) {
        return this.lines.linePos(offset).line;
      }
    }
    return null;
  }

  /** A problem located at a field of this document. */
  problem(fieldPath: readonly PathSegment[], text: string, atKey = false): ImportProblem {
    const line = this.line(fieldPath, atKey);
    if (atKey) {
      // "steps[0]: unknown key …": the message names the mapping, field the key itself.
      const parent = fieldPath.slice(0, -1);
      const located = problem(this.file, line, null, parent.length === 0 ? text : `${fieldName(parent)}: ${text}`);
      return { ...located, field: fieldName(fieldPath) };
    }
    return problem(this.file, line, fieldPath.length === 0 ? null : fieldName(fieldPath), text);
  }

  private nodeOffset(at: readonly PathSegment[]): number | undefined {
    const node = at.length === 0 ? this.doc.contents : this.doc.getIn(at, true);
    return isNode(node) ? (node as Node).range?.[0] : undefined;
  }

  private keyOffset(at: readonly PathSegment[]): number | undefined {
    const parent = at.length === 1 ? this.doc.contents : this.doc.getIn(at.slice(0, -1), true);
    const key = at[at.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isNode(item.key) && (item.key as { value?: unknown }).value === key);
      if (pair !== undefined && isNode(pair.key)) {
        return (pair.key as Node).range?.[0];
      }
    }
    if (isSeq(parent) && typeof key === 'number') {
      return this.nodeOffset(at);
    }
    return undefined;
  }
}

/**
 * Parses and validates a manifest against TutorialManifest. Refuses it (TutorialImportError)
 * with every schema problem, each named "<file> line <n>: <field> <text>".
 */
export function parseManifest(text: string, filePath: string): { manifest: TutorialManifest; doc: LocatedDocument } {
  const doc = LocatedDocument.parse(text, path.basename(filePath));
  if (doc.value === null || doc.value === undefined) {
    throw new TutorialImportError([problem(doc.file, null, null, 'is empty: a manifest needs at least a title and steps')]);
  }
  const problems = validate(TutorialManifest, doc.value).map((p) => doc.problem(p.path, p.message, p.atKey));
  if (problems.length > 0) {
    throw new TutorialImportError(problems);
  }
  return { manifest: doc.value as TutorialManifest, doc };
}
