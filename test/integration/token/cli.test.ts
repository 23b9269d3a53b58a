import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSoftHsmConf, softHsmModule } from '../../../daemon/src/demo/softhsm.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type ValidationContext, allAccepted, makeNssDb, validateAll } from '../../support/validators.js';

// Runs the compiled CLI (npx tsc -b first).
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const tmp = tempDir('vanthu-cli-token-');
const home = join(tmp.dir, 'home');

function vanthu(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, VANTHU_HOME: home, ...env },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface DemoJson {
  demo: {
    pin: string;
    pinFile: string;
    rootFile: string;
    signaturePng: string;
    sealPng: string;
    approver: { keyUri: string };
    seal: { keyUri: string };
    createdAt: string;
    reused: boolean;
  };
  tokens: {
    modules: {
      slots: {
        token?: { label: string; certificates: { commonName: string; isCa: boolean; keyUsage: string[] }[] };
      }[];
    }[];
  };
}

let demo: DemoJson;

beforeAll(() => {
  const r = vanthu(['demo', '--provision-only', '--json']);
  expect(r.status, r.stderr).toBe(0);
  demo = JSON.parse(r.stdout) as DemoJson;
});
afterAll(() => tmp.cleanup());

describe('vanthu demo', () => {
  it('provisions the demo token with the approver and seal certificates', () => {
    const tokens = demo.tokens.modules.flatMap((m) => m.slots.flatMap((s) => (s.token ? [s.token] : [])));
    const token = tokens.find((t) => t.label === 'vanthu-demo');
    const people = token?.certificates.filter((c) => !c.isCa).map((c) => c.commonName);
    expect(people).toEqual(['Trần Văn Minh', 'Ủy ban nhân dân thành phố Cần Thơ']);
    expect(token?.certificates[0]?.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(readFileSync(demo.demo.pinFile, 'utf8')).toBe(demo.demo.pin);
    expect(demo.demo.reused).toBe(false);
  });

  it('is idempotent: a second run reuses the token, --force provisions a new one; human output lists both', () => {
    const again = vanthu(['demo', '--provision-only', '--lang', 'en']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('Reusing the demo token');
    expect(again.stdout).toContain('Trần Văn Minh — UBND thành phố Cần Thơ');
    expect(again.stdout).toContain('Ủy ban nhân dân thành phố Cần Thơ');
    expect(again.stdout).toContain(`Demo token PIN: ${demo.demo.pin}`);
    const forced = JSON.parse(vanthu(['demo', '--provision-only', '--force', '--json']).stdout) as DemoJson;
    expect(forced.demo.reused).toBe(false);
    expect(forced.demo.createdAt).not.toBe(demo.demo.createdAt);
    demo = forced;
  });
});

describe('vanthu tokens and doctor', () => {
  it('tokens --json lists modules, slots, tokens and certificates with issuer and validity', () => {
    const r = vanthu(['tokens', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout) as {
      modules: {
        name: string;
        source: string;
        slots: { token?: { label: string; pinFlags: string[]; certificates: Record<string, unknown>[] } }[];
      }[];
    };
    const mod = listing.modules.find((m) => m.name === 'SoftHSM2 (vanthu demo)');
    expect(mod?.source).toBe('config');
    const token = mod?.slots.find((s) => s.token?.label === 'vanthu-demo')?.token;
    expect(token?.pinFlags).toEqual([]);
    expect(token?.certificates[0]).toMatchObject({
      commonName: 'Trần Văn Minh',
      organization: 'UBND thành phố Cần Thơ',
      issuerCommonName: 'vanthu Demo Issuing CA',
      keyUri: 'pkcs11:token=vanthu-demo;id=%01',
      keyAlgorithm: 'RSA',
      keyBits: 2048,
    });
    expect(token?.certificates[0]?.['fingerprintSha256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('doctor: the token checks pass with the demo token, the service checks say what to run', async () => {
    // No daemon runs on this port and nothing is registered in this HOME: those checks must fail.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const configFile = join(home, 'config', 'config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, unknown>;
    writeFileSync(configFile, JSON.stringify({ ...config, server: { port } }));
    const r = vanthu(['doctor', '--lang', 'en'], { HOME: join(tmp.dir, 'user-home') });
    expect(r.status, r.stdout + r.stderr).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines.slice(0, 4).map((l) => l.split(':')[0])).toEqual([
      '[ OK ] PKCS#11 modules',
      '[ OK ] Token',
      '[ OK ] Certificates',
      expect.stringMatching(/^\[( OK |WARN)\] Clock$/),
    ]);
    expect(r.stdout).toContain(`[FAIL] vanthu service: no answer on 127.0.0.1:${port} (run "vanthu start"`);
    expect(r.stdout).toMatch(/\[FAIL\] Native-messaging registration: not registered/);
  });

  it('without a token: doctor exits 1, sign fails with TOKEN_ABSENT, a missing module with MODULE_NOT_FOUND', async () => {
    const empty = join(tmp.dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const conf = writeSoftHsmConf(join(empty, 'softhsm'));
    const config = join(empty, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        pkcs11: { knownModules: false, modules: [{ path: softHsmModule(), env: { SOFTHSM2_CONF: conf } }] },
      }),
    );
    const doctor = vanthu(['doctor', '--config', config, '--lang', 'en', '--json']);
    expect(doctor.status).toBe(1);
    const report = JSON.parse(doctor.stdout) as { ok: boolean; checks: { id: string; status: string }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.slice(0, 2)).toMatchObject([
      { id: 'modules', status: 'ok' },
      { id: 'token', status: 'fail' },
    ]);
    const input = join(tmp.dir, 'in.pdf');
    writeFileSync(input, await makeVanBan());
    const args = ['sign', input, '-o', join(tmp.dir, 'x.pdf'), '--role', 'copy', '--config', config];
    const absent = vanthu([...args, '--key', 'pkcs11:token=vanthu-demo;id=%01?pin-source=env:P'], { P: '1' });
    expect(absent.status).toBe(2);
    expect(absent.stderr).toMatch(/^vanthu: TOKEN_ABSENT: /);
    const noModule = vanthu([...args, '--key', 'pkcs11:id=%01?module-path=/nonexistent/lib.so'], {});
    expect(noModule.status).toBe(2);
    expect(noModule.stderr).toContain('MODULE_NOT_FOUND');
    const noPin = vanthu([...args, '--key', 'pkcs11:token=vanthu-demo;id=%01']);
    expect(noPin.status).toBe(2);
    expect(noPin.stderr).toMatch(/TOKEN_ABSENT|PIN_REQUIRED/);
  });
});

describe('vanthu sign --key pkcs11:… on the demo token', () => {
  let vctx: ValidationContext;
  beforeAll(() => {
    vctx = {
      nssDb: makeNssDb(tmp.dir, readFileSync(demo.demo.rootFile, 'utf8')),
      rootPemPath: demo.demo.rootFile,
      dir: tmp.dir,
    };
  });

  it('approver then seal: both signatures accepted by the validators', async () => {
    const input = join(tmp.dir, 'vb.pdf');
    writeFileSync(input, await makeVanBan());
    const approved = join(tmp.dir, 'approved.pdf');
    const sealed = join(tmp.dir, 'sealed.pdf');
    const key = (uri: string) => `${uri}?pin-source=file:${demo.demo.pinFile}`;
    const a = vanthu([
      'sign',
      input,
      '-o',
      approved,
      '--role',
      'approver',
      '--image',
      demo.demo.signaturePng,
      '--key',
      key(demo.demo.approver.keyUri),
      '--json',
    ]);
    expect(a.status, a.stderr).toBe(0);
    const s = vanthu(
      [
        'sign',
        approved,
        '-o',
        sealed,
        '--role',
        'seal',
        '--image',
        demo.demo.sealPng,
        '--key',
        `${demo.demo.seal.keyUri}?pin-source=env:DEMO_PIN`,
        '--number',
        '15/QĐ-UBND',
        '--date',
        '2026-03-02',
      ],
      { DEMO_PIN: demo.demo.pin },
    );
    expect(s.status, s.stderr).toBe(0);
    expect(allAccepted(validateAll(sealed, readFileSync(sealed), vctx), 2)).toBe(true);
    const wrong = vanthu(
      [
        'sign',
        approved,
        '-o',
        join(tmp.dir, 'w.pdf'),
        '--role',
        'seal',
        '--image',
        demo.demo.sealPng,
        '--key',
        `${demo.demo.seal.keyUri}?pin-source=env:DEMO_PIN`,
      ],
      { DEMO_PIN: '000000' },
    );
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/^vanthu: PIN_INCORRECT: /);
    expect(wrong.stderr).not.toContain('000000');
  });
});
