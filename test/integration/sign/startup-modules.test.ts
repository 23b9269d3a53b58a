import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modulesOfLoaded } from '../../support/cli-bundle.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { writeP12 } from '../../support/pki.js';

// What `vanthu sign` loads: fontkit only when text is stamped, never the PDF renderer, the
// databases or node-forge; with a PKCS#12 key that holds its chain, neither the token layer's
// native module nor the config validator (zod). Spawns the `vanthu` bin (the bundle of daemon/dist,
// kept current by the test set-up); a loaded bundle file counts as every module esbuild put in it.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const DENIED = [
  'pdfjs-dist',
  'canvas',
  '@napi-rs/canvas',
  'pg',
  'better-sqlite3',
  'node-forge',
  'zod',
  'pkcs11js',
];
const tmp = tempDir('vanthu-sign-startup-');
let registerUrl: string;
let key: string;
let png: string;
let input: string;

function sign(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', registerUrl, CLI, 'sign', ...args, '--key', key, '--image', png, '--force'],
    {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, VANTHU_HOME: join(tmp.dir, 'home'), VANTHU_TEST_PIN: 'pin' },
    },
  );
  const loaded = modulesOfLoaded(
    r.stderr.split('\n').filter((l) => l.startsWith('REQUIRED ') || l.startsWith('LOADED ')),
  ).join('\n');
  const has = (name: string) => loaded.includes(`/node_modules/${name}/`);
  /** Any module whose path holds `part` (a bundle file counts as the modules esbuild put in it). */
  const loads = (part: string) => loaded.includes(part);
  return { status: r.status, stderr: r.stderr.slice(0, 2000), has, loads, denied: DENIED.filter(has) };
}

beforeAll(async () => {
  const hooks = join(tmp.dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    "export async function load(url, context, next) { const r = await next(url, context); process.stderr.write('LOADED ' + url + '\\n'); return r; }\n",
  );
  const register = join(tmp.dir, 'register.mjs');
  writeFileSync(
    register,
    "import { createRequire, register } from 'node:module';\n" +
      `register(${JSON.stringify(pathToFileURL(hooks).href)});\n` +
      'const require = createRequire(import.meta.url);\n' +
      "process.on('exit', () => { for (const k of Object.keys(require.cache)) process.stderr.write('REQUIRED ' + k + '\\n'); });\n",
  );
  registerUrl = pathToFileURL(register).href;
  const ca = await makeTestCa();
  const id = await ca.issue('Phạm Văn Cường', { org: 'UBND huyện Phong Điền' });
  key = `p12:${writeP12(tmp.dir, 'k', { keyPem: id.keyPem, certPem: id.certPem }, [{ certPem: ca.rootPem }], 'pin')}?pin-source=env:VANTHU_TEST_PIN`;
  png = join(tmp.dir, 'ink.png');
  writeFileSync(png, makeInkPng('signature'));
  input = join(tmp.dir, 'in.pdf');
  writeFileSync(input, await makeVanBan());
});
afterAll(() => tmp.cleanup());

describe('vanthu sign start-up', () => {
  it('an approver signature (image, no text) loads neither fontkit nor any denied package', () => {
    const r = sign([input, '-o', join(tmp.dir, 'a.pdf'), '--role', 'approver', '--rect', '350,180,150,95']);
    expect(r.status, r.stderr).toBe(0);
    // The PKCS#12 file, the certificates and the CMS are read and written by the project's own DER
    // code: none of the @peculiar ASN.1 schemas is loaded. A placed signature reads no text, so
    // the text process pool (and child_process) stays unloaded too.
    expect(r.loads('/@peculiar/')).toBe(false);
    expect(r.loads('sign/engine.js')).toBe(true);
    expect(r.loads('workers/process-pool.js')).toBe(false);
    expect(r.has('fontkit')).toBe(false);
    expect(r.denied).toEqual([]);
  });

  it('a seal stamps the organisation name: fontkit is loaded then, and only then', () => {
    const r = sign([join(tmp.dir, 'a.pdf'), '-o', join(tmp.dir, 'as.pdf'), '--role', 'seal']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.has('fontkit')).toBe(true);
    expect(r.loads('/@peculiar/')).toBe(false);
    expect(r.denied).toEqual([]);
  });
});
