import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeInkPng, makeTestCa } from '../../support/pdf-inputs-signer.js';
import { writeP12 } from '../../support/pki.js';
import { type LocalTsa, startTsa } from '../../support/tsa.js';
import { runVanthu } from '../../support/vanthu-cli.js';

// `vanthu sign` without --level/--tsa signs at the office's level with the office's TSA (config
// `signing`), as the signing window does; the flags win over both.
const tmp = tempDir('vanthu-sign-office-level-');
let ca: TestCa;
let officeTsa: LocalTsa;
let ownTsa: LocalTsa;
let input: string;
let png: string;
let key: string;

beforeAll(async () => {
  ca = await makeTestCa();
  const t = await ca.issue('vanthu Test TSA', { tsa: true });
  officeTsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
  ownTsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
  input = join(tmp.dir, 'in.pdf');
  writeFileSync(input, await makeVanBan());
  png = join(tmp.dir, 'sig.png');
  writeFileSync(png, makeInkPng('signature'));
  const id = await ca.issue('Trần Văn Minh');
  key = `p12:${writeP12(tmp.dir, 'nguoi-ky', id, [{ certPem: ca.rootPem }], '123456')}?pin-source=env:VANTHU_TEST_PIN`;
});
afterAll(async () => {
  await officeTsa?.close();
  await ownTsa?.close();
  tmp.cleanup();
});

function config(signing: unknown): string {
  const path = join(tmp.dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ signing }));
  return path;
}

async function sign(configPath: string, flags: string[]): Promise<{ level: string }> {
  const out = join(tmp.dir, `out-${Math.random().toString(36).slice(2)}.pdf`);
  const r = await runVanthu(
    join(tmp.dir, 'home'),
    [
      'sign',
      input,
      '-o',
      out,
      '--role',
      'approver',
      '--image',
      png,
      '--key',
      key,
      '--config',
      configPath,
      '--json',
      '--lang',
      'en',
      ...flags,
    ],
    { VANTHU_TEST_PIN: '123456', VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json') },
  );
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { level: string };
}

describe('vanthu sign and config signing', () => {
  it('without --level/--tsa: the office level, timestamped by the office TSA', async () => {
    const before = officeTsa.requests();
    const r = await sign(config({ defaultLevel: 'B-T', tsa: officeTsa.url }), []);
    expect(r.level).toBe('B-T');
    expect(officeTsa.requests()).toBe(before + 1);
  }, 60_000);

  it('--level B-B wins over the office level: no TSA is contacted', async () => {
    const before = officeTsa.requests();
    const r = await sign(config({ defaultLevel: 'B-T', tsa: officeTsa.url }), ['--level', 'B-B']);
    expect(r.level).toBe('B-B');
    expect(officeTsa.requests()).toBe(before);
  }, 60_000);

  it('--tsa wins over the office TSA, at the office level', async () => {
    const office = officeTsa.requests();
    const own = ownTsa.requests();
    const r = await sign(config({ defaultLevel: 'B-T', tsa: officeTsa.url }), ['--tsa', ownTsa.url]);
    expect(r.level).toBe('B-T');
    expect(ownTsa.requests()).toBe(own + 1);
    expect(officeTsa.requests()).toBe(office);
  }, 60_000);

  it('--level B-T alone takes the office TSA; an office at B-B signs B-B', async () => {
    const before = officeTsa.requests();
    expect((await sign(config({ tsa: officeTsa.url }), ['--level', 'B-T'])).level).toBe('B-T');
    expect(officeTsa.requests()).toBe(before + 1);
    expect((await sign(config({ tsa: officeTsa.url }), [])).level).toBe('B-B');
    expect(officeTsa.requests()).toBe(before + 1);
  }, 60_000);
});
