import { parseHTML } from 'linkedom';
import { isSafeUrl } from '../lib/safe-url.ts';

/** Attributes that hold one URL. */
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'action', 'cite'] as const;

/** Parses an HTML fragment into a detached container element we can walk and edit. */
export function parseFragment(html: string): { root: HTMLElement; document: Document } {
  const { document } = parseHTML(`<!doctype html><html><body><div id="assay-fragment">${html}</div></body></html>`);
  const root = document.getElementById('assay-fragment') as HTMLElement;
  return { root, document };
}

/**
 * Rewrites every URL in an HTML fragment to an absolute one, resolved against the page it
 * came from (so "#sources" and "../x/" mean what they meant on the page), and drops
 * scripts and links that are not https:, http: or mailto: (src/lib/safe-url.ts): feed
 * readers and email clients get content, never code. `mapUrl` can then tag
 * links (UTM parameters in the email edition).
 */
export function absolutizeHtml(
  html: string,
  pageUrl: string,
  mapUrl: (url: string, element: Element) => string = (url) => url,
): string {
  const { root } = parseFragment(html);
  for (const script of root.querySelectorAll('script, noscript, template')) script.remove();
  for (const element of root.querySelectorAll('*')) {
    for (const name of URL_ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value === null) continue;
      const url = resolveUrl(value, pageUrl);
      // A link that would run code (javascript:, data:) loses its URL; the text stays.
      if (isSafeUrl(url, { sitePath: false })) element.setAttribute(name, mapUrl(url, element));
      else element.removeAttribute(name);
    }
    const srcset = element.getAttribute('srcset');
    if (srcset !== null) {
      const resolved = srcset
        .split(',')
        .map((part) => {
          const [url = '', ...descriptor] = part.trim().split(/\s+/);
          return [resolveUrl(url, pageUrl), ...descriptor].join(' ');
        })
        .join(', ');
      element.setAttribute('srcset', resolved);
    }
  }
  return root.innerHTML;
}

/** A URL resolved against a page; values that are not URLs (e.g. "mailto:") pass through. */
export function resolveUrl(value: string, pageUrl: string): string {
  try {
    return new URL(value.trim(), pageUrl).href;
  } catch {
    return value;
  }
}
