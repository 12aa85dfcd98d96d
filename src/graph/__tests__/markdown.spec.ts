import { renderMarkdown, safeUrl } from '../markdown';

describe('graph markdown is sanitized', () => {
  it('removes scripts, handlers and javascript: links, keeps the text', () => {
    const html = renderMarkdown(
      'Hi <img src=x onerror="alert(1)"> <script>alert(2)</script> [click](javascript:alert(3)) <a href="JaVaScRiPt:alert(4)">x</a>'
    );
    expect(html).not.toMatch(/onerror|<script|javascript:/i);
    expect(html).toContain('click');
  });

  it('opens safe links in a new tab without access to the page', () => {
    expect(renderMarkdown('[LEAP](https://leap.columbia.edu)')).toContain(
      '<a href="https://leap.columbia.edu" target="_blank" rel="noopener noreferrer">LEAP</a>'
    );
  });

  it('accepts only http(s) and mailto URLs', () => {
    expect(safeUrl(' https://x.org ')).toBe('https://x.org');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,x')).toBeNull();
    expect(safeUrl(null)).toBeNull();
  });
});
