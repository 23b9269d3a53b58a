import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../../daemon/src/pdf/sign-pdf.js';
import { modulesOfLoaded } from '../../support/cli-bundle.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';

// What `vanthu verify` loads to answer (start-up is most of its time on a small file). Spawns the
// `vanthu` bin (the bundle of daemon/dist, kept current by the test set-up); a loaded bundle file
// counts as every module esbuild put in it.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const tmp = tempDir('vanthu-verify-startup-');
const home = join(tmp.dir, 'home');
let rootPath: string;
let plainPath: string;
let withOcspPath: string;
let registerUrl: string;

/** URL and format of every module the process loaded (ESM load hook, CommonJS require cache). */
function loadedBy(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, ['--import', registerUrl, CLI, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, VANTHU_HOME: home, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'no-admin.json'), ...env },
  });
  const lines = r.stderr.split('\n');
  const esm = lines.filter((l) => l.startsWith('LOADED ')).map((l) => l.slice(7));
  const cjs = lines.filter((l) => l.startsWith('REQUIRED ')).map((l) => l.slice(9));
  return { status: r.status, stderr: r.stderr, esm, cjs, all: modulesOfLoaded([...esm, ...cjs]).join('\n') };
}

beforeAll(async () => {
  mkdirSync(home, { recursive: true });
  const hooks = join(tmp.dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    'export async function load(url, context, next) {\n' +
      '  const r = await next(url, context);\n' +
      "  process.stderr.write('LOADED ' + r.format + ' ' + url + '\\n');\n" +
      '  return r;\n' +
      '}\n',
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
  rootPath = join(tmp.dir, 'root.pem');
  writeFileSync(rootPath, ca.rootPem);
  const base = await makeVanBan();
  const plain = await ca.issue('Lê Văn Bình', { org: 'Sở Nội vụ' });
  plainPath = join(tmp.dir, 'plain.pdf');
  writeFileSync(
    plainPath,
    await signPdf(base, { signer: plain.signer, role: 'approver', image: makeInkPng('signature') }),
  );
  const withOcsp = await ca.issue('Lê Văn Bình', { org: 'Sở Nội vụ', ocspUrl: 'http://127.0.0.1:9/ocsp' });
  withOcspPath = join(tmp.dir, 'ocsp.pdf');
  writeFileSync(
    withOcspPath,
    await signPdf(base, { signer: withOcsp.signer, role: 'approver', image: makeInkPng('signature') }),
  );
});
afterAll(() => tmp.cleanup());

/** Packages a short command must never load: rendering, fonts, databases, the old PKCS#12 code. */
const DENIED = ['pdfjs-dist', 'canvas', '@napi-rs/canvas', 'fontkit', 'pg', 'better-sqlite3', 'node-forge'];

function deniedIn(loaded: string): string[] {
  return DENIED.filter((name) => loaded.includes(`/node_modules/${name}/`));
}

describe('start-up deny list', () => {
  it('the hook sees a denied package when one is loaded', () => {
    // The same hook and check, on a process that does load one: the test below can fail.
    const r = spawnSync(
      process.execPath,
      ['--import', registerUrl, '-e', "require('fontkit'); require('pg')"],
      { encoding: 'utf8', timeout: 30_000, cwd: join(import.meta.dirname, '../../../daemon') },
    );
    expect(r.status, r.stderr).toBe(0);
    const loaded = r.stderr
      .split('\n')
      .filter((l) => l.startsWith('REQUIRED '))
      .join('\n');
    expect(deniedIn(loaded)).toEqual(['fontkit', 'pg']);
  });

  it.each([
    ['vanthu --version', () => ['--version']],
    ['vanthu version --json', () => ['version', '--json']],
    ['vanthu verify', () => ['verify', plainPath, '--trust', rootPath, '--offline']],
    ['vanthu verify --json', () => ['verify', plainPath, '--trust', rootPath, '--offline', '--json']],
  ])('%s loads none of pdfjs-dist, canvas, fontkit, pg, better-sqlite3, node-forge', (_name, args) => {
    const r = loadedBy(args());
    expect(r.status, r.stderr).toBe(0);
    expect(r.all).toContain('cli/main.js');
    expect(deniedIn(r.all)).toEqual([]);
  });
});

describe('vanthu verify start-up', () => {
  it('without a config file: no zod, no timestamp or OCSP code, no HTTP client, no CommonJS loaded by Node', () => {
    const r = loadedBy(['verify', plainPath, '--trust', rootPath, '--offline', '--json']);
    expect(r.status, r.stderr).toBe(0);
    // The CMS, certificates and CRLs are read by the project's DER walker: no ASN.1 schema loads.
    expect(r.all).toContain('cms/parse.js');
    expect(r.all).not.toContain('@peculiar/');
    expect(r.all).not.toMatch(/node_modules\/zod\//);
    expect(r.all).not.toMatch(/asn1-tsp|asn1-ocsp|trust\/ocsp\.js|trust\/timestamp-token\.js/);
    // Offline, nothing is fetched: the HTTP client is never compiled (the hook does see builtins).
    expect(r.esm).toContain('builtin node:fs');
    expect(r.esm.filter((l) => /^builtin node:(https?|dns)$/.test(l))).toEqual([]);
    // Imported from ESM, a CommonJS package is first pre-parsed with every file it re-exports: the
    // @peculiar packages are inside the bundle instead.
    expect(r.esm.filter((l) => l.startsWith('commonjs '))).toEqual([]);
  });

  it('loads the config validator when a config file exists, and the OCSP client for a certificate that names a responder', () => {
    const config = join(tmp.dir, 'config.json');
    writeFileSync(config, JSON.stringify({ trust: { online: false } }));
    const withConfig = loadedBy(['verify', plainPath, '--trust', rootPath, '--config', config, '--json']);
    expect(withConfig.status, withConfig.stderr).toBe(0);
    expect(withConfig.all).toMatch(/node_modules\/zod\//);
    const ocsp = loadedBy(['verify', withOcspPath, '--trust', rootPath, '--offline', '--json']);
    expect(ocsp.status, ocsp.stderr).toBe(0);
    expect(ocsp.all).toMatch(/asn1-ocsp/);
    // …from the bundle, never node_modules' copy too: asn1-schema's storage is keyed by class.
    expect(ocsp.cjs.filter((l) => l.includes('/node_modules/@peculiar/'))).toEqual([]);
    expect(ocsp.all).not.toMatch(/asn1-tsp/);
  });
});
