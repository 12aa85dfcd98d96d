import { renderMarkdown, safeUrl, sanitizeHtml } from '../markdown';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

/**
 * Nothing that runs code: no script/iframe/object/embed/svg/style elements, no
 * on* attributes, no javascript:/data:/vbscript: URLs anywhere.
 */
function expectHarmless(html: string): void {
  const root = dom(html);
  expect(root.querySelectorAll('script, iframe, object, embed, svg, math, style, form, base, meta, link').length).toBe(0);
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      expect(attr.name.startsWith('on')).toBe(false);
      expect(attr.name).not.toBe('style');
      expect(attr.value).not.toMatch(/^\s*(javascript|vbscript|data):/i);
    }
  }
  expect(html).not.toMatch(/javascript:/i);
}

const PAYLOADS = [
  '<script>alert(1)</script>',
  'text <script src="https://evil.example/x.js"></script>',
  '<img src=x onerror="alert(1)">',
  '<img src="https://ok.example/a.png" onerror=alert(1) onload=alert(2)>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[x](java&#x09;script:alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<svg onload=alert(1)><circle r=1></circle></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="https://evil.example"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<a href="#" onclick="alert(1)">x</a>',
  '![img](javascript:alert(1))',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<base href="javascript:/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<style>@import "https://evil.example/x.css";</style>',
  '```html\n<script>alert(1)</script>\n```'
];

describe('markdown of catalog entries', () => {
  it('keeps what step text needs: emphasis, code, lists, https links in a new tab', () => {
    const html = renderMarkdown('Run **1. Open the store**: `ds = xr.open_zarr("data/sst.zarr")`\n\n- a\n- [docs](https://docs.xarray.dev)');
    const root = document.createElement('div');
    root.innerHTML = html;
    expect(root.querySelector('strong')?.textContent).toBe('1. Open the store');
    expect(root.querySelector('code')?.textContent).toBe('ds = xr.open_zarr("data/sst.zarr")');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    const link = root.querySelector('a')!;
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('gives an image map area that opens a new tab rel="noopener noreferrer", like a link', () => {
    const root = dom(renderMarkdown('<map name=m><area shape=rect coords=0,0,9,9 href="https://example.org" target="_blank"></map>'));
    expect(root.querySelector('area')?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it.each(PAYLOADS)('leaves nothing dangerous of %s', payload => {
    expectHarmless(renderMarkdown(payload));
  });

  it('keeps ordinary markdown', () => {
    const html = renderMarkdown('# Title\n\nSome **bold** text, `code`, a [link](https://leap.columbia.edu).\n\n- a\n- b');
    const root = dom(html);
    expect(root.querySelector('h1')?.textContent).toBe('Title');
    expect(root.querySelector('strong')?.textContent).toBe('bold');
    expect(root.querySelector('code')?.textContent).toBe('code');
    expect(root.querySelectorAll('li').length).toBe(2);
  });

  it('opens links in a new tab without opener or referrer', () => {
    const root = dom(renderMarkdown('[LEAP](https://leap.columbia.edu) and <a href="http://x.example" target="_self" rel="opener">x</a>'));
    const links = Array.from(root.querySelectorAll('a'));
    expect(links.length).toBe(2);
    for (const a of links) {
      expect(a.getAttribute('target')).toBe('_blank');
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
    }
  });

  it('keeps the text of a link whose URL is removed', () => {
    const root = dom(renderMarkdown('[click me](javascript:alert(1))'));
    expect(root.textContent).toContain('click me');
    expect(root.querySelector('a')?.hasAttribute('href') ?? false).toBe(false);
  });

  it('keeps https images only, lazily and without referrer', () => {
    const root = dom(renderMarkdown('![a](https://ok.example/a.png) ![b](http://plain.example/b.png)'));
    const [a, b] = Array.from(root.querySelectorAll('img'));
    expect(a.getAttribute('src')).toBe('https://ok.example/a.png');
    expect(a.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(b.hasAttribute('src')).toBe(false);
  });

  it('survives non-string input', () => {
    expect(renderMarkdown(undefined as unknown as string)).toBe('');
    expect(sanitizeHtml('<p>ok</p>')).toBe('<p>ok</p>');
  });

  it('accepts only http(s) and mailto URLs for links built from catalog fields', () => {
    expect(safeUrl('https://x.example')).toBe('https://x.example');
    expect(safeUrl(' mailto:a@b.c ')).toBe('mailto:a@b.c');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('gs://bucket/x.zarr')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});
