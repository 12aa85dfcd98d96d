import { renderMarkdown } from '../markdown';

describe('renderMarkdown (shared: tutorial steps, hints, descriptions)', () => {
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

  it.each([
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '[x](javascript:alert(1))',
    '<iframe src="https://evil.example"></iframe>',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<div style="position:fixed" onclick="alert(1)">x</div>',
    '<form action="https://evil.example"><input name=p></form>'
  ])('removes anything that runs code or takes input: %s', payload => {
    const html = renderMarkdown(payload);
    expect(html).not.toMatch(/<script|onerror|onclick|javascript:|data:text|<iframe|<form|<input|style=/i);
  });
});
