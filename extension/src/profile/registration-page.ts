import type { AttributeSource } from './link-url.js';
import { TEMPLATE_PLACEHOLDER } from '@vanthu/shared/profile/url-template';

/** Attribute values read from the page: longer ones are not put into a URL. */
const MAX_VALUE = 1024;

/**
 * The portal's registration page for a row (`registration.page`): each `{attribute}` takes the row's
 * attribute, else the PDF link's, URL-encoded so a value can never restructure the URL. Only an http(s)
 * URL on the page's own origin is returned: the template is admin data, but the values come from the page.
 */
export function registrationPageUrl(
  template: string,
  sources: readonly AttributeSource[],
  pageUrl: string,
): string | undefined {
  let missing = false;
  const path = template.replace(TEMPLATE_PLACEHOLDER, (_, name: string) => {
    const value = sources.map((s) => s.getAttribute(name)).find((v) => v !== null && v !== '');
    if (value === undefined || value === null || value.length > MAX_VALUE) missing = true;
    return encodeURIComponent(value ?? '');
  });
  return missing || hasDotSegment(path) ? undefined : samePortalPage(path, pageUrl);
}

/**
 * Whether the path part holds a "." or ".." segment (also percent-encoded, as URL parsing reads it):
 * encodeURIComponent leaves dots alone, so a row whose value is ".." would climb out of the template's
 * path to another page of the portal.
 */
function hasDotSegment(path: string): boolean {
  const pathPart = path.split(/[?#]/, 1)[0] ?? '';
  return pathPart.split('/').some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

/** `raw` resolved against the portal page, if it is an http(s) URL on that page's origin without credentials. */
export function samePortalPage(raw: string, pageUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw, pageUrl);
  } catch {
    return undefined;
  }
  const ok =
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    url.username === '' &&
    url.password === '' &&
    url.origin === new URL(pageUrl).origin;
  return ok ? url.href : undefined;
}
