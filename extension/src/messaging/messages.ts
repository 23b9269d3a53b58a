/** Messages between content scripts / extension pages and the background service worker. */
export type Flow = 'sign' | 'numberSeal' | 'verify';

export type ContentRequest =
  | { readonly type: 'flow.open'; readonly flow: Flow; readonly urls: readonly string[] }
  | { readonly type: 'profile.get'; readonly url: string };

export function isContentRequest(value: unknown): value is ContentRequest {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.type === 'profile.get') return typeof v.url === 'string';
  if (v.type === 'flow.open') {
    return (
      (v.flow === 'sign' || v.flow === 'numberSeal' || v.flow === 'verify') &&
      Array.isArray(v.urls) &&
      v.urls.every((u) => typeof u === 'string')
    );
  }
  return false;
}
