import * as ts from 'typescript';
import { listFiles, read } from './sources';

/**
 * Every user-facing string goes through ITranslator (issue 12): no JSX text
 * with letters, no literal accessible names, titles, placeholders or labels,
 * no literal textContent/title/aria-label set on DOM nodes, no literal
 * Notification message — each must come from trans.__/_n/_p.
 */

const NAMED_ATTRIBUTES = new Set(['aria-label', 'aria-valuetext', 'aria-description', 'title', 'placeholder', 'alt', 'label']);
const DOM_TEXT = new Set(['textContent', 'innerText', 'title', 'ariaLabel', 'placeholder']);
const NOTIFY = /^Notification\.(info|success|warning|error|emit|promise)$/;
// letters: text in a language; a symbol or a number alone ("·", "×", "2") needs no translation
const WORDS = /\p{L}{2,}/u;
// names of identifiers, the same in every language: a DOI prefix, a hash algorithm, ORCID, a URL
const IDENTIFIER = /^(doi:|sha256|ORCID|https?:\/\/\S*)$/;

function literalText(node: ts.Expression | undefined): string | null {
  if (!node) {
    return null;
  }
  if (ts.isStringLiteralLike(node)) {
    return node.text;
  }
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.map(s => s.literal.text)].join(' ');
  }
  if (ts.isParenthesizedExpression(node)) {
    return literalText(node.expression);
  }
  if (ts.isConditionalExpression(node)) {
    return [literalText(node.whenTrue), literalText(node.whenFalse)].filter(t => t !== null).join(' ') || null;
  }
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return [literalText(node.left), literalText(node.right)].filter(t => t !== null).join(' ') || null;
  }
  return null;
}

export function untranslated(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const problems: string[] = [];
  const report = (node: ts.Node, what: string, value: string): void => {
    if (WORDS.test(value) && !IDENTIFIER.test(value.trim())) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      problems.push(`${file}:${line} ${what} "${value.trim().replace(/\s+/g, ' ').slice(0, 60)}"`);
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node)) {
      report(node, 'JSX text', node.text);
    } else if (ts.isJsxExpression(node) && node.parent && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      const value = literalText(node.expression);
      if (value !== null) {
        report(node, 'JSX text', value);
      }
    } else if (ts.isJsxAttribute(node) && NAMED_ATTRIBUTES.has(node.name.getText(source))) {
      const init = node.initializer;
      const value = init && ts.isStringLiteral(init) ? init.text : init && ts.isJsxExpression(init) ? literalText(init.expression) : null;
      if (value !== null) {
        report(node, node.name.getText(source), value);
      }
    } else if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      DOM_TEXT.has(node.left.name.text)
    ) {
      const value = literalText(node.right);
      if (value !== null) {
        report(node, node.left.name.text, value);
      }
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression.getText(source);
      if (/\.setAttribute$/.test(callee) && node.arguments.length === 2) {
        const name = literalText(node.arguments[0]);
        const value = literalText(node.arguments[1]);
        if (name && NAMED_ATTRIBUTES.has(name) && value !== null) {
          report(node, name, value);
        }
      } else if (NOTIFY.test(callee)) {
        const value = literalText(node.arguments[0]);
        if (value !== null) {
          report(node, callee, value);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('translations: every user-facing string through trans', () => {
  it('finds untranslated text (the check itself)', () => {
    expect(untranslated('a.tsx', 'const a = <p>Hello world</p>;')).toEqual(['a.tsx:1 JSX text "Hello world"']);
    expect(untranslated('a.tsx', `const a = <p>{'Hello'}</p>;`)).toEqual(['a.tsx:1 JSX text "Hello"']);
    expect(untranslated('a.tsx', `const a = <button aria-label="Close" />;`)).toEqual(['a.tsx:1 aria-label "Close"']);
    expect(untranslated('a.tsx', `const a = <input placeholder={ok ? 'Search' : 'Wait'} />;`)).toEqual([
      'a.tsx:1 placeholder "Search Wait"'
    ]);
    expect(untranslated('a.ts', `node.textContent = 'Loading';`)).toEqual(['a.ts:1 textContent "Loading"']);
    expect(untranslated('a.ts', `node.setAttribute('aria-label', 'Cost meter');`)).toEqual(['a.ts:1 aria-label "Cost meter"']);
    expect(untranslated('a.ts', `Notification.error('It broke');`)).toEqual(['a.ts:1 Notification.error "It broke"']);
    // translated, or no words
    expect(untranslated('a.tsx', `const a = <p title={trans.__('Hi')}>{trans.__('Hello')} · {n} ×</p>;`)).toEqual([]);
    expect(untranslated('a.ts', `node.setAttribute('role', 'button'); node.textContent = text;`)).toEqual([]);
    expect(untranslated('a.tsx', 'const a = <dl><dt>ORCID</dt><dd>{`https://orcid.org/${id}`}</dd></dl>;')).toEqual([]);
  });

  it('src/** has no untranslated user-facing text', () => {
    const files = listFiles('src', ['.ts', '.tsx']);
    expect(files.filter(f => f.endsWith('.tsx')).length).toBeGreaterThan(20);
    expect(files.flatMap(file => untranslated(file, read(file)))).toEqual([]);
  });
});
