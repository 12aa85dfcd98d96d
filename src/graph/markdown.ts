import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * Markdown of graph records (written by any hub user: untrusted) as safe
 * HTML. DOMPurify drops scripts, event handlers, forms, frames, styles and
 * any link that is not http(s)/mailto; links open in a new tab without
 * access to this page; images load only over https, without a referrer.
 */
export function renderMarkdown(text: string): string {
  let html: string;
  try {
    html = marked.parse(text ?? '', { async: false, gfm: true, breaks: false }) as string;
  } catch {
    html = '';
  }
  return purifier().sanitize(html, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'object', 'embed', 'svg', 'math'],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'xlink:href'],
    ADD_ATTR: ['target'],
    ALLOW_DATA_ATTR: false
  }) as string;
}

/** An href from graph data: http(s) or mailto only, else null (no javascript:, data:, …). */
export function safeUrl(url: string | null | undefined): string | null {
  const trimmed = (url ?? '').trim();
  return /^(?:https?:|mailto:)/i.test(trimmed) ? trimmed : null;
}

let instance: ReturnType<typeof DOMPurify> | null = null;

function purifier(): ReturnType<typeof DOMPurify> {
  if (instance) {
    return instance;
  }
  // our own instance: these hooks touch no one else's sanitizer
  const own = DOMPurify(window);
  own.addHook('afterSanitizeAttributes', node => {
    const element = node as Element;
    if (element.tagName === 'A') {
      const href = element.getAttribute('href') ?? '';
      if (href && !safeUrl(href) && !href.startsWith('#')) {
        element.removeAttribute('href');
      }
      if (element.hasAttribute('href') && !href.startsWith('#')) {
        element.setAttribute('target', '_blank');
        element.setAttribute('rel', 'noopener noreferrer');
      }
    }
    if (element.tagName === 'IMG') {
      if (!/^https:/i.test((element.getAttribute('src') ?? '').trim())) {
        element.removeAttribute('src');
      }
      element.setAttribute('referrerpolicy', 'no-referrer');
      element.setAttribute('loading', 'lazy');
    }
  });
  instance = own;
  return own;
}
