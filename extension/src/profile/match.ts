/** Chromium-style match patterns (scheme://host[:port]/path with * wildcards), as profiles use them. */
function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

export function compileMatchPattern(pattern: string): RegExp {
  const m = /^(https?|\*):\/\/([^/]+)(\/.*)$/.exec(pattern);
  if (!m) throw new Error(`invalid match pattern: ${pattern}`);
  const [, scheme = '', hostPort = '', path = ''] = m;
  const [host = '', port] = hostPort.split(':');
  const schemeRe = scheme === '*' ? 'https?' : escapeRegExp(scheme);
  let hostRe: string;
  if (host === '*') hostRe = '[^/:]+';
  else if (host.startsWith('*.')) hostRe = `(?:[^/:]+\\.)?${escapeRegExp(host.slice(2))}`;
  else hostRe = escapeRegExp(host);
  // Chromium ignores the port when the pattern names none; `:*` says the same explicitly.
  const portRe = port === undefined || port === '*' ? '(?::\\d+)?' : `:${port}`;
  const pathRe = path.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${schemeRe}://${hostRe}${portRe}${pathRe}$`);
}

export function urlMatches(patterns: readonly string[], url: string): boolean {
  return patterns.some((p) => compileMatchPattern(p).test(url));
}
