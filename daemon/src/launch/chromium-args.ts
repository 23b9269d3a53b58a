/**
 * The command line of the demo's Chromium: its own profile (where the native host is registered),
 * the demo build of the extension, and the portal. As root, Chromium refuses to start without
 * --no-sandbox ("Running as root without --no-sandbox is not supported"), so it is added then only.
 */
export function chromiumArgs(o: {
  browserProfile: string;
  extensionDir: string;
  url: string;
  uid?: number | undefined;
}): string[] {
  const uid = 'uid' in o ? o.uid : process.getuid?.();
  return [
    `--user-data-dir=${o.browserProfile}`,
    `--disable-extensions-except=${o.extensionDir}`,
    `--load-extension=${o.extensionDir}`,
    '--no-first-run',
    ...(uid === 0 ? ['--no-sandbox'] : []),
    o.url,
  ];
}
