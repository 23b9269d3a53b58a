import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PORTAL_PROFILE } from '../../../extension/src/profile/demo-profile.js';
import { buildExtension } from '../../support/extension.js';

/**
 * What admins deploy (`npm run build -w extension`) carries nothing of the demo: no loopback host
 * permission or content-script match, and no demo profile anywhere in its files. The demo build
 * (`npm start`, VANTHU_DEMO=1) has both, which also shows the checks below can find them.
 */

interface Manifest {
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_scripts?: { matches?: string[] }[];
}

const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost)[:/]/;
/** Strings only the demo profile contains: its id, its name and its portal's selectors. */
const DEMO_MARKERS = [DEMO_PORTAL_PROFILE.id, DEMO_PORTAL_PROFILE.name, DEMO_PORTAL_PROFILE.documents.row];

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function inspect(dir: string) {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const hosts = manifest.host_permissions ?? [];
  const matches = (manifest.content_scripts ?? []).flatMap((cs) => cs.matches ?? []);
  const markers = DEMO_MARKERS.filter((m) => files(dir).some((f) => readFileSync(f, 'utf8').includes(m)));
  return { manifest, hosts, matches, markers };
}

let production: ReturnType<typeof inspect>;
let demo: ReturnType<typeof inspect>;

beforeAll(async () => {
  production = inspect(await buildExtension({ demo: false }));
  demo = inspect(await buildExtension({ demo: true }));
}, 300_000);

describe('the production extension build', () => {
  it('has no loopback host permission and no static content script for loopback', () => {
    expect(production.hosts.filter((h) => LOOPBACK.test(h))).toEqual([]);
    expect(production.matches.filter((m) => LOOPBACK.test(m))).toEqual([]);
    expect(production.hosts).toEqual([]);
    expect(production.manifest.content_scripts).toBeUndefined();
    // Portals are still reachable once an admin or user grants their origin.
    expect(production.manifest.optional_host_permissions).toEqual(['https://*/*', 'http://*/*']);
  });

  it('has no demo profile in any of its files', () => {
    expect(production.markers).toEqual([]);
  });
});

describe('the demo build', () => {
  it('has the demo portal origins as host permissions and content-script matches', () => {
    expect(demo.hosts).toEqual(DEMO_PORTAL_PROFILE.matches);
    expect(demo.matches).toEqual(DEMO_PORTAL_PROFILE.matches);
  });

  it('carries the demo profile', () => {
    expect(demo.markers).toEqual(DEMO_MARKERS);
  });
});
