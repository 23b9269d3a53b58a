import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from '@peculiar/x509';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenKeyProvider } from '../../../daemon/src/service/engines.js';
import { Pkcs11Client } from '../../../daemon/src/token/index.js';
import { openSigningKey } from '../../../daemon/src/trust/signing-key.js';
import { signingChainOptions } from '../../../daemon/src/trust/signing-trust.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { makeInkPng } from '../../support/pdf-inputs-signer.js';
import { type DemoPki, generateDemoPki, provisionSoftHsmToken } from '../../support/pki.js';
import { makeNssDb, pdfsig } from '../../support/validators.js';

// A token that holds only the signer's certificate, as many issued tokens do: the signature must
// still carry the intermediate, so that a recipient holding only the root can validate it.
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');
const PIN = '2468';
const KEY = 'pkcs11:token=leaf-only;id=%01?pin-source=env:VANTHU_TEST_PIN';
const tmp = tempDir('vanthu-chain-');
const client = new Pkcs11Client();
let pki: DemoPki;
let input: string;
let png: string;
let rootPem: string;
let withIntermediates: string;
let withoutIntermediates: string;
let softhsmConf: string;

function vanthu(args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      VANTHU_HOME: join(tmp.dir, 'home'),
      VANTHU_TEST_PIN: PIN,
      SOFTHSM2_CONF: softhsmConf,
    },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function config(name: string, modulePath: string, trust: Record<string, unknown>): string {
  const file = join(tmp.dir, name);
  writeFileSync(
    file,
    JSON.stringify({
      pkcs11: { knownModules: false, modules: [{ path: modulePath, env: { SOFTHSM2_CONF: softhsmConf } }] },
      trust: { online: false, ...trust },
    }),
  );
  return file;
}

beforeAll(async () => {
  pki = await generateDemoPki();
  const token = await provisionSoftHsmToken({
    dir: join(tmp.dir, 'softhsm'),
    label: 'leaf-only',
    pin: PIN,
    soPin: '13579',
    objects: [{ id: '01', label: 'approver', certDer: pki.approver.certDer, keyPem: pki.approver.keyPem }],
  });
  softhsmConf = token.conf;
  rootPem = join(tmp.dir, 'root.pem');
  writeFileSync(rootPem, pki.root.certPem);
  const intermediatePem = join(tmp.dir, 'intermediate.pem');
  writeFileSync(intermediatePem, pki.intermediate.certPem);
  withIntermediates = config('with.json', token.modulePath, {
    anchors: [rootPem],
    intermediates: [intermediatePem],
  });
  withoutIntermediates = config('without.json', token.modulePath, { anchors: [rootPem] });
  input = join(tmp.dir, 'in.pdf');
  writeFileSync(input, await makeVanBan());
  png = join(tmp.dir, 'sig.png');
  writeFileSync(png, makeInkPng('signature'));
}, 60_000);
afterAll(async () => {
  await client.close();
  tmp.cleanup();
});

describe('the signature carries its chain', () => {
  it('a leaf-only token and configured intermediates: verified with only the root, by vanthu and pdfsig', () => {
    const out = join(tmp.dir, 'signed.pdf');
    const signed = vanthu([
      'sign',
      input,
      '-o',
      out,
      '--role',
      'approver',
      '--image',
      png,
      '--key',
      KEY,
      '--config',
      withIntermediates,
      '--lang',
      'en',
    ]);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.stderr).not.toContain('chain is incomplete');
    // Verified by a recipient with only the root: no config intermediates, offline.
    const bare = join(tmp.dir, 'bare.json');
    writeFileSync(bare, JSON.stringify({ trust: { online: false } }));
    const verified = vanthu(['verify', out, '--trust', rootPem, '--offline', '--json', '--config', bare]);
    const report = JSON.parse(verified.stdout) as { indication: string };
    expect(report.indication, verified.stdout).toBe('TOTAL_PASSED');
    const nss = makeNssDb(join(tmp.dir, 'nss'), pki.root.certPem);
    const [sig] = pdfsig(out, nss);
    expect(sig?.signatureValid, sig?.raw).toBe(true);
    expect(sig?.certificateTrusted, sig?.raw).toBe(true);
  }, 60_000);

  it('an incomplete chain is reported before the PIN, naming the missing issuer; signing goes on', async () => {
    const out = join(tmp.dir, 'incomplete.pdf');
    const signed = vanthu([
      'sign',
      input,
      '-o',
      out,
      '--role',
      'approver',
      '--image',
      png,
      '--key',
      KEY,
      '--config',
      withoutIntermediates,
      '--lang',
      'en',
      '--json',
    ]);
    expect(signed.status, signed.stderr).toBe(0);
    expect(signed.stderr).toContain(
      'the issuer "C=VN, O=vanthu demo, CN=vanthu Demo Issuing CA" was not found',
    );
    expect((JSON.parse(signed.stdout) as { warnings: string[] }).warnings.join('\n')).toContain(
      'chain is incomplete',
    );

    const events: string[] = [];
    const signer = await openSigningKey(KEY.replace('?pin-source=env:VANTHU_TEST_PIN', ''), {
      configPath: withoutIntermediates,
      client,
      chain: signingChainOptions(withoutIntermediates),
      onChainWarning: (w) => events.push(`warning: ${w}`),
      promptPin: async () => {
        events.push('pin');
        return PIN;
      },
    });
    await signer.close();
    expect(events).toHaveLength(2);
    expect(events[0]).toContain('vanthu Demo Issuing CA');
    expect(events[1]).toBe('pin');
  }, 60_000);

  it('the signer embeds the configured intermediate, never the root', async () => {
    const signer = await openSigningKey(KEY, {
      configPath: withIntermediates,
      env: { ...process.env, VANTHU_TEST_PIN: PIN },
      client,
      chain: signingChainOptions(withIntermediates),
    });
    try {
      expect(signer.chain.map((d) => new X509Certificate(Buffer.from(d)).subject)).toEqual([
        'CN=vanthu Demo Issuing CA, O=vanthu demo, C=VN',
      ]);
    } finally {
      await signer.close();
    }
  });

  it('the daemon token listing carries the chain warning the signing window shows before the PIN', async () => {
    const list = async (configPath: string) =>
      (await tokenKeyProvider(configPath).listTokens())
        .flatMap((t) => t.certificates)
        .find((c) => c.commonName === 'Trần Văn Minh');
    expect((await list(withoutIntermediates))?.chainWarning).toContain('vanthu Demo Issuing CA');
    expect((await list(withIntermediates))?.chainWarning).toBeUndefined();
  }, 60_000);
});
