/**
 * Checks a value against a TypeBox (JSON Schema) object schema and names every problem by its
 * field path (`steps[2].check.code`). Covers what the manifest schema uses: object (properties,
 * required, additionalProperties: false, patternProperties), array (items, minItems), string
 * (minLength, maxLength, pattern), number/integer (minimum, maximum), const and anyOf.
 */

type Schema = Record<string, unknown>;
export type PathSegment = string | number;

export interface SchemaProblem {
  path: PathSegment[];
  /** The problem is the key itself (unknown key), not its value. */
  atKey: boolean;
  message: string;
}

export function fieldName(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  }
  return out === '' ? '(top level)' : out;
}

/** Optimal string alignment distance: a swapped pair of letters costs 1 ("hnits" → "hints"). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) {
    d[0][j] = j;
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/** The valid key closest to a misspelt one, when it is close enough to be a typo. */
export function nearest(key: string, valid: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of valid) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(best.length / 3)) ? best : undefined;
}

function typeOf(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'a list';
  }
  if (typeof value === 'object') {
    return 'a mapping';
  }
  return `a ${typeof value}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)'
};

function describe(schema: Schema): string {
  if ('const' in schema) {
    return JSON.stringify(schema.const);
  }
  if (schema.type === 'object' && typeof schema.properties === 'object' && schema.properties !== null) {
    const keys = Object.keys(schema.properties);
    return keys.length === 1 ? `{${keys[0]}: …}` : 'a mapping';
  }
  if (schema.type === 'integer' && typeof schema.minimum === 'number') {
    return `an integer ≥ ${schema.minimum}`;
  }
  return TYPE_WORDS[String(schema.type)] ?? 'a valid value';
}

function checkType(schema: Schema, value: unknown): boolean {
  switch (schema.type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return true;
  }
}

function validateUnion(branches: Schema[], value: unknown, path: PathSegment[], out: SchemaProblem[]): void {
  const results = branches.map((branch) => {
    const problems: SchemaProblem[] = [];
    walk(branch, value, path, problems);
    return problems;
  });
  if (results.some((problems) => problems.length === 0)) {
    return;
  }
  // A mapping that fits no branch: its unknown keys are the likeliest mistake.
  const objects = branches.filter((branch) => branch.type === 'object');
  if (objects.length > 0 && checkType({ type: 'object' }, value)) {
    const keys = objects.flatMap((branch) => Object.keys((branch.properties as Schema | undefined) ?? {}));
    const unknown = Object.keys(value as object).filter((key) => !keys.includes(key));
    if (unknown.length > 0) {
      for (const key of unknown) {
        out.push(unknownKey(key, keys, path));
      }
      return;
    }
    // The branch with the fewest problems is the one meant; report those.
    const sameShape = results.filter((_, i) => branches[i].type === 'object');
    out.push(...sameShape.reduce((a, b) => (b.length < a.length ? b : a)));
    return;
  }
  const sameType = results.filter((_, i) => checkType(branches[i], value) && !('const' in branches[i]));
  if (sameType.length === 1) {
    out.push(...sameType[0]);
    return;
  }
  const words = branches.map(describe);
  const message = branches.every((branch) => 'const' in branch) ? `must be one of ${words.join(', ')}` : `must be ${words.join(' or ')}`;
  out.push({ path, atKey: false, message: value === undefined ? message : `${message}, not ${JSON.stringify(value)}` });
}

function unknownKey(key: string, valid: string[], path: PathSegment[]): SchemaProblem {
  const guess = nearest(key, valid);
  const hint = guess === undefined ? `valid keys: ${valid.join(', ')}` : `did you mean "${guess}"?`;
  return { path: [...path, key], atKey: true, message: `unknown key "${key}" (${hint})` };
}

function walk(schema: Schema, value: unknown, path: PathSegment[], out: SchemaProblem[]): void {
  if (Array.isArray(schema.anyOf)) {
    validateUnion(schema.anyOf as Schema[], value, path, out);
    return;
  }
  if ('const' in schema) {
    if (value !== schema.const) {
      out.push({ path, atKey: false, message: `must be ${JSON.stringify(schema.const)}` });
    }
    return;
  }
  if (!checkType(schema, value)) {
    out.push({ path, atKey: false, message: `must be ${describe(schema)}, not ${typeOf(value)}` });
    return;
  }
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && value.length < schema.minLength) {
      out.push({ path, atKey: false, message: schema.minLength === 1 ? 'must not be empty' : `must have at least ${schema.minLength} characters` });
    }
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
      out.push({ path, atKey: false, message: `must have at most ${schema.maxLength} characters` });
    }
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value)) {
      out.push({ path, atKey: false, message: `"${value}" must be lower-case letters, digits and dashes (pattern ${schema.pattern})` });
    }
  } else if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) {
      out.push({ path, atKey: false, message: `must be ≥ ${schema.minimum}` });
    }
    if (typeof schema.maximum === 'number' && value > schema.maximum) {
      out.push({ path, atKey: false, message: `must be ≤ ${schema.maximum}` });
    }
  } else if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) {
      out.push({ path, atKey: false, message: `must list at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}` });
    }
    if (typeof schema.items === 'object' && schema.items !== null) {
      value.forEach((item, i) => walk(schema.items as Schema, item, [...path, i], out));
    }
  } else if (typeof value === 'object' && value !== null) {
    walkObject(schema, value as Record<string, unknown>, path, out);
  }
}

function walkObject(schema: Schema, value: Record<string, unknown>, path: PathSegment[], out: SchemaProblem[]): void {
  const properties = (schema.properties as Record<string, Schema> | undefined) ?? {};
  const required = (schema.required as string[] | undefined) ?? [];
  for (const key of required) {
    if (value[key] === undefined) {
      out.push({ path: [...path, key], atKey: false, message: 'is required' });
    }
  }
  const patterns = Object.entries((schema.patternProperties as Record<string, Schema> | undefined) ?? {});
  for (const [key, item] of Object.entries(value)) {
    const property = properties[key];
    if (property !== undefined) {
      if (item !== undefined) {
        walk(property, item, [...path, key], out);
      }
      continue;
    }
    const pattern = patterns.find(([regex]) => new RegExp(regex).test(key));
    if (pattern !== undefined) {
      walk(pattern[1], item, [...path, key], out);
    } else if (schema.additionalProperties === false) {
      out.push(unknownKey(key, Object.keys(properties), path));
    }
  }
}

/** Every problem of value against schema, in document order of the walk. */
export function validate(schema: object, value: unknown): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  walk(schema as Schema, value, [], out);
  return out;
}
