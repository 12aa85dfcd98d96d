import * as ts from 'typescript';
import { lineOf, listFiles, read } from './sources';

/**
 * Only JupyterLab's theme variables colour the suite (issue 12), so the
 * light, dark and high-contrast themes all apply: no hex, rgb()/hsl() or
 * named colour in style/**.css or in the inline styles and strings of
 * src/**, and no custom property but --jp-*. SVG icons keep JupyterLab's
 * convention: a fill on an element of class jp-icon* (the theme overrides it).
 */

const NAMED = (
  'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown ' +
  'burlywood cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan ' +
  'darkgoldenrod darkgray darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid ' +
  'darkred darksalmon darkseagreen darkslateblue darkslategray darkslategrey darkturquoise darkviolet ' +
  'deeppink deepskyblue dimgray dimgrey dodgerblue firebrick floralwhite forestgreen fuchsia gainsboro ' +
  'ghostwhite gold goldenrod gray green greenyellow grey honeydew hotpink indianred indigo ivory khaki ' +
  'lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan lightgoldenrodyellow ' +
  'lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
  'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine ' +
  'mediumblue mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen ' +
  'mediumturquoise mediumvioletred midnightblue mintcream mistyrose moccasin navajowhite navy oldlace ' +
  'olive olivedrab orange orangered orchid palegoldenrod palegreen paleturquoise palevioletred ' +
  'papayawhip peachpuff peru pink plum powderblue purple rebeccapurple red rosybrown royalblue ' +
  'saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue slateblue slategray slategrey ' +
  'snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white whitesmoke yellow ' +
  'yellowgreen'
).split(' ');
const NAMED_RE = new RegExp(`(^|[^\\w-])(${NAMED.join('|')})(?![\\w-])`, 'i');
const HEX_RE = /(^|[^\w&-])#([0-9a-f]{8}|[0-9a-f]{6}|[0-9a-f]{3,4})(?![\w-])/gi;
const FUNCTION_RE = /\b(rgba?|hsla?|hwb|lab|lch|oklab|oklch|color)\(/i;
const COLOUR_PROPERTY = /colou?r|background|fill|stroke|border|outline|shadow/i;

/** Raw colours in one CSS value (variable names and url() left out). */
export function rawColours(value: string): string[] {
  const text = value.replace(/url\([^)]*\)/g, '').replace(/--[\w-]+/g, '');
  const found: string[] = [];
  for (const m of text.matchAll(HEX_RE)) {
    found.push(`#${m[2]}`);
  }
  const fn = FUNCTION_RE.exec(text);
  if (fn) {
    found.push(`${fn[1]}()`);
  }
  const named = NAMED_RE.exec(text);
  if (named) {
    found.push(named[2]);
  }
  return found;
}

/** Custom properties used or defined in a CSS text that are not JupyterLab's. */
export function foreignVariables(css: string): string[] {
  return [...css.matchAll(/(--[\w-]+)/g)].map(m => m[1]).filter(name => !name.startsWith('--jp-'));
}

function cssProblems(file: string): string[] {
  const text = read(file).replace(/\/\*[\s\S]*?\*\//g, comment => comment.replace(/[^\n]/g, ' '));
  const problems: string[] = [];
  for (const m of text.matchAll(/([\w-]+)\s*:\s*([^;{}]+)[;}]/g)) {
    const [, property, value] = m;
    const line = lineOf(text, m.index!);
    for (const colour of rawColours(value)) {
      problems.push(`${file}:${line} ${property}: ${colour}`);
    }
    for (const name of foreignVariables(`${property}:${value}`)) {
      problems.push(`${file}:${line} ${name} is not a JupyterLab (--jp-*) variable`);
    }
  }
  return problems;
}

/** The SVG/HTML tag around an offset, when the offset is inside one. */
function enclosingTag(text: string, offset: number): string | null {
  const start = text.lastIndexOf('<', offset);
  const end = text.indexOf('>', offset);
  return start >= 0 && end > 0 && text.lastIndexOf('>', offset) < start ? text.slice(start, end + 1) : null;
}

export function sourceProblems(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const problems: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
      const value = node.text;
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      const parent = node.parent;
      const property =
        parent && ts.isPropertyAssignment(parent) && parent.initializer === node ? parent.name.getText(source).replace(/['"]/g, '') : '';
      const inStyle = property !== '' && COLOUR_PROPERTY.test(property);
      for (const m of value.matchAll(HEX_RE)) {
        const tag = enclosingTag(value, m.index!);
        if (!(tag && /class="jp-icon[\w-]*"/.test(tag))) {
          problems.push(`${file}:${line} #${m[2]}`);
        }
      }
      const fn = FUNCTION_RE.exec(value.replace(/--[\w-]+/g, ''));
      if (fn && (inStyle || /^\s*(rgba?|hsla?)\(/.test(value))) {
        problems.push(`${file}:${line} ${fn[1]}()`);
      }
      const named = NAMED_RE.exec(value.replace(/--[\w-]+/g, ''));
      if (inStyle && named) {
        problems.push(`${file}:${line} ${property}: ${named[2]}`);
      }
      if (inStyle) {
        for (const name of foreignVariables(value)) {
          problems.push(`${file}:${line} ${name} is not a JupyterLab (--jp-*) variable`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return problems;
}

describe('theme colours: only --jp-* variables', () => {
  it('finds raw colours (the check itself)', () => {
    expect(rawColours('1px solid #fff')).toEqual(['#fff']);
    expect(rawColours('rgba(0, 0, 0, 0.2)')).toEqual(['rgba()']);
    expect(rawColours('white')).toEqual(['white']);
    expect(rawColours('var(--jp-layout-color1)')).toEqual([]);
    expect(rawColours('var(--jp-border-color1, #e0e0e0)')).toEqual(['#e0e0e0']);
    expect(rawColours('2px solid transparent')).toEqual([]);
    expect(foreignVariables('color: var(--my-color)')).toEqual(['--my-color']);
    expect(sourceProblems('a.tsx', `const s = <span style={{ background: 'red' }} />;`)).toEqual(['a.tsx:1 background: red']);
    expect(sourceProblems('a.ts', `const c = '#888';`)).toEqual(['a.ts:1 #888']);
    expect(sourceProblems('a.ts', `const i = '<g class="jp-icon3" fill="#616161">';`)).toEqual([]);
    expect(sourceProblems('a.ts', `const i = '<path fill="#616161" />';`)).toEqual(['a.ts:1 #616161']);
    expect(sourceProblems('a.ts', `document.querySelector('#jp-leap-costs');`)).toEqual([]);
  });

  it('style/**.css uses none', () => {
    const files = listFiles('style', ['.css']);
    expect(files.length).toBeGreaterThan(3);
    expect(files.flatMap(cssProblems)).toEqual([]);
  });

  it('src/** inline styles and strings use none', () => {
    const files = listFiles('src', ['.ts', '.tsx']);
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(file => sourceProblems(file, read(file)))).toEqual([]);
  });
});
