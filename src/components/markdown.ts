import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * Markdown from untrusted authors (catalog entries, tutorial steps) as
 * safe HTML: marked renders, DOMPurify removes scripts, event handlers,
 * javascript:/data: URLs, forms, iframes and styles; every link opens in a new
 * tab without access to this page (rel="noopener noreferrer").
 */
export function renderMarkdown(text: string): string {
  let html: string;
  try {
    html = marked.parse(text ?? '', { async: false, gfm: true, breaks: false }) as string;
  } catch {
    html = escapeHtml(text ?? '');
  }
  return sanitizeHtml(html);
}

const ALLOWED_URL = /^(?:https?:|mailto:|#)/i;

let purifier: ReturnType<typeof DOMPurify> | null = null;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) {
    return purifier;
  }
  // our own instance, so the hooks touch no one else's sanitizer
  const instance = DOMPurify(window);
  instance.addHook('afterSanitizeAttributes', node => {
    const element = node as Element;
    // <area> links like <a> (an image map's target=_blank needs rel=noopener too)
    if (element.tagName === 'A' || element.tagName === 'AREA') {
      const href = element.getAttribute('href') ?? '';
      if (href && !ALLOWED_URL.test(href.trim())) {
        element.removeAttribute('href');
      }
      if (element.hasAttribute('href') && !href.startsWith('#')) {
        element.setAttribute('target', '_blank');
        element.setAttribute('rel', 'noopener noreferrer');
      }
    }
    if (element.tagName === 'IMG') {
      const src = element.getAttribute('src') ?? '';
      if (!/^https:/i.test(src.trim())) {
        element.removeAttribute('src');
      }
      element.setAttribute('loading', 'lazy');
      element.setAttribute('referrerpolicy', 'no-referrer');
    }
  });
  purifier = instance;
  return instance;
}

export function sanitizeHtml(html: string): string {
  return getPurifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href'],
    ADD_ATTR: ['target'],
    ALLOW_DATA_ATTR: false
  }) as string;
}

/**
 * A URL safe for an href built from catalog data: http(s) or mailto only.
 */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) {
    return null;
  }
  const trimmed = url.trim();
  return /^(?:https?:|mailto:)/i.test(trimmed) ? trimmed : null;
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
