import { urlMatches } from './match.js';
import type { LinkUrlRule } from './schema.js';
import { TEMPLATE_PLACEHOLDER } from '@vanthu/shared/profile/url-template';

/** What the resolver reads of a link: its attributes (an Element is one). */
export interface AttributeSource {
  getAttribute(name: string): string | null;
}

/** The page a link is on: its URL and the match patterns of its profile (other sites it may name). */
export interface LinkContext {
  readonly pageUrl: string;
  readonly matches: readonly string[];
}

/** Regular expressions of a profile run over page-controlled text: longer attributes are not read. */
const MAX_ATTRIBUTE = 4096;

let lastPage: { readonly url: string; readonly origin: string } | undefined;
// Every link of a page is checked against the same page URL: parse it once, not once per link.
function originOf(pageUrl: string): string {
  if (lastPage?.url !== pageUrl) lastPage = { url: pageUrl, origin: new URL(pageUrl).origin };
  return lastPage.origin;
}

/**
 * A URL a link names, if the extension may fetch it with the portal session: http(s) only (never
 * javascript:, data: or blob:), no credentials in it, and on the page's own origin or a site the
 * profile's matches list. Anything else is not a document of this portal.
 */
export function sameSiteDocumentUrl(raw: string, context: LinkContext): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim(), context.pageUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username !== '' || url.password !== '') return undefined;
  if (url.origin === originOf(context.pageUrl)) return url.href;
  return urlMatches(context.matches, url.href) ? url.href : undefined;
}

const patterns = new Map<string, RegExp>();
// Rows are resolved again on every page mutation: each profile pattern is compiled once.
function compiled(source: string): RegExp {
  let re = patterns.get(source);
  if (!re) {
    re = new RegExp(source);
    patterns.set(source, re);
  }
  return re;
}

function readAttribute(link: AttributeSource, name: string): string | undefined {
  const value = link.getAttribute(name);
  return value === null || value.length > MAX_ATTRIBUTE ? undefined : value;
}

/** The raw URL one rule yields for a link, or undefined when the link lacks what the rule reads. */
function applyRule(rule: LinkUrlRule, link: AttributeSource): string | undefined {
  if ('urlTemplate' in rule) {
    let missing = false;
    const url = rule.urlTemplate.replace(TEMPLATE_PLACEHOLDER, (_, name: string) => {
      const value = readAttribute(link, name);
      if (value === undefined || value === '') missing = true;
      // Encoded: an id such as "../x?y" must stay one path or query value, never restructure the URL.
      return encodeURIComponent(value ?? '');
    });
    return missing ? undefined : url;
  }
  const text = readAttribute(link, rule.from);
  if (text === undefined) return undefined;
  const match = compiled(rule.pattern).exec(text);
  if (!match) return undefined;
  let missing = false;
  const url = rule.url.replace(/\$(\d)/g, (_, n: string) => {
    const group = match[Number(n)];
    if (group === undefined) missing = true;
    return group ?? '';
  });
  return missing ? undefined : url;
}

/**
 * The document URL of a link: the first rule that applies and gives an acceptable URL, then the link's
 * own href. A `javascript:` href or a `__doPostBack` link without a rule has none.
 */
export function resolveLinkUrl(
  link: AttributeSource,
  rules: readonly LinkUrlRule[],
  context: LinkContext,
): string | undefined {
  for (const rule of rules) {
    const raw = applyRule(rule, link);
    const url = raw === undefined ? undefined : sameSiteDocumentUrl(raw, context);
    if (url) return url;
  }
  const href = readAttribute(link, 'href');
  return href === undefined ? undefined : sameSiteDocumentUrl(href, context);
}
