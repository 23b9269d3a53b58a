import { X509Certificate, constants, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HashAlgorithm, Signer } from '../../../daemon/src/token/signer.js';
import { Pkcs11Client, type TraceEvent, openSigner, watchTokens } from '../../../daemon/src/token/index.js';
import { tempDir } from '../../support/pdf-inputs.js';
import {
  type DemoPki,
  generateDemoPki,
  lockSoftHsmUserPin,
  provisionSoftHsmToken,
  writeP12,
  writeTokenConfig,
} from '../../support/pki.js';

const PIN = '2468';
const tmp = tempDir('vanthu-token-');
const client = new Pkcs11Client();
let pki: DemoPki;
let configPath: string;
let conf: string;
let p12Rsa: string;
let p12Ec: string;

beforeAll(async () => {
  pki = await generateDemoPki();
  const rsa3072 = await pki.issue('CN=Phạm Thị Ba Nghìn, O=UBND thành phố Cần Thơ, C=VN', {
    keyType: 'RSA-3072',
  });
  const p256 = await pki.issue('CN=Đỗ Văn Elip, O=UBND thành phố Cần Thơ, C=VN', { keyType: 'P-256' });
  const dir = join(tmp.dir, 'softhsm');
  const token = await provisionSoftHsmToken({
    dir,
    label: 'conformance',
    pin: PIN,
    soPin: '13579',
    objects: [
      { id: '01', label: 'rsa2048', certDer: pki.approver.certDer, keyPem: pki.approver.keyPem },
      { id: '02', label: 'rsa3072', certDer: rsa3072.certDer, keyPem: rsa3072.keyPem },
      { id: '03', label: 'p256', certDer: p256.certDer, keyPem: p256.keyPem },
      { id: 'ca01', label: 'issuing CA', certDer: pki.intermediate.certDer },
    ],
  });
  await provisionSoftHsmToken({
    dir,
    label: 'locked',
    pin: PIN,
    soPin: '13579',
    objects: [{ id: '01', label: 'seal', certDer: pki.seal.certDer, keyPem: pki.seal.keyPem }],
  });
  lockSoftHsmUserPin(join(dir, 'tokens'), 'locked');
  conf = token.conf;
  configPath = writeTokenConfig(tmp.dir, token.modulePath, token.conf);
  p12Rsa = writeP12(tmp.dir, 'seal', pki.seal, [pki.intermediate, pki.root], PIN);
  p12Ec = writeP12(tmp.dir, 'ec', p256, [pki.intermediate], PIN);
});
afterAll(async () => {
  await client.close();
  tmp.cleanup();
});

const env = (pin = PIN) => ({ ...process.env, VANTHU_TEST_PIN: pin });
const pkcs11 = (id: string) => `pkcs11:token=conformance;id=%${id}?pin-source=env:VANTHU_TEST_PIN`;
const open = (uri: string, pin?: string, extra: { preferRawMechanisms?: boolean } = {}) =>
  openSigner(uri, { configPath, env: env(pin), client, ...extra });

/** Verifies a CMS-style signature value against the signer's certificate with node:crypto. */
function verifies(signer: Signer, data: Buffer, sig: Uint8Array, hash: HashAlgorithm, pss: boolean): boolean {
  const key = new X509Certificate(signer.certificate).publicKey;
  const alg = hash.replace('-', '').toLowerCase();
  if (signer.keyAlgorithm === 'EC') return verify(alg, data, { key, dsaEncoding: 'der' }, sig);
  if (pss) {
    const saltLength = { 'SHA-256': 32, 'SHA-384': 48, 'SHA-512': 64 }[hash];
    return verify(alg, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, sig);
  }
  return verify(alg, data, key, sig);
}

interface Implementation {
  name: string;
  uri: () => string;
  keyAlgorithm: 'RSA' | 'EC';
  keyBits: number;
  preferRaw?: boolean;
}

/** The one suite every Signer implementation passes. */
function signerConformance(impl: Implementation): void {
  describe(`Signer conformance: ${impl.name}`, () => {
    it('describes its key and certificate chain', async () => {
      const signer = await open(impl.uri(), undefined, { preferRawMechanisms: impl.preferRaw === true });
      try {
        expect(signer.keyAlgorithm).toBe(impl.keyAlgorithm);
        expect(signer.keyBits).toBe(impl.keyBits);
        expect(signer.chain.length).toBeGreaterThan(0);
        expect(new X509Certificate(signer.chain[0]!).subject).toContain('vanthu Demo Issuing CA');
        expect(signer.description).not.toContain(PIN);
      } finally {
        await signer.close();
        await signer.close();
      }
    });

    it('every signature verifies with node:crypto', async () => {
      const signer = await open(impl.uri(), undefined, { preferRawMechanisms: impl.preferRaw === true });
      try {
        const data = Buffer.from('Quyết định số 1637/QĐ-UBND — thuộc tính đã ký');
        const schemes = impl.keyAlgorithm === 'RSA' ? ([false, true] as const) : ([false] as const);
        for (const hash of ['SHA-256', 'SHA-384', 'SHA-512'] as const) {
          for (const pss of schemes) {
            const sig = await signer.sign(data, { hash, scheme: pss ? 'pss' : 'pkcs1' });
            expect(verifies(signer, data, sig, hash, pss), `${hash} ${pss ? 'PSS' : 'PKCS#1'}`).toBe(true);
            expect(verifies(signer, Buffer.from('khác'), sig, hash, pss)).toBe(false);
          }
        }
      } finally {
        await signer.close();
      }
    });

    it('a wrong PIN gives PIN_INCORRECT without echoing it', async () => {
      const error = await open(impl.uri(), '999999').catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'PIN_INCORRECT' });
      expect(JSON.stringify(error) + String(error)).not.toContain('999999');
    });
  });
}

signerConformance({ name: 'SoftHSM2 RSA-2048', uri: () => pkcs11('01'), keyAlgorithm: 'RSA', keyBits: 2048 });
signerConformance({
  name: 'SoftHSM2 RSA-2048, CKM_RSA_PKCS / CKM_RSA_PKCS_PSS over a digest',
  uri: () => pkcs11('01'),
  keyAlgorithm: 'RSA',
  keyBits: 2048,
  preferRaw: true,
});
signerConformance({ name: 'SoftHSM2 RSA-3072', uri: () => pkcs11('02'), keyAlgorithm: 'RSA', keyBits: 3072 });
signerConformance({ name: 'SoftHSM2 P-256', uri: () => pkcs11('03'), keyAlgorithm: 'EC', keyBits: 256 });
signerConformance({
  name: 'PKCS#12 RSA-2048',
  uri: () => `p12:${p12Rsa}?pin-source=env:VANTHU_TEST_PIN`,
  keyAlgorithm: 'RSA',
  keyBits: 2048,
});
signerConformance({
  name: 'PKCS#12 P-256',
  uri: () => `p12:${p12Ec}?pin-source=env:VANTHU_TEST_PIN`,
  keyAlgorithm: 'EC',
  keyBits: 256,
});

describe('PKCS#11 errors and concurrency', () => {
  it('object= names the key by label', async () => {
    const signer = await open('pkcs11:token=conformance;object=p256?pin-source=env:VANTHU_TEST_PIN');
    expect(signer.keyAlgorithm).toBe('EC');
    await signer.close();
  });

  it('a token that reports its PIN locked gives PIN_LOCKED', async () => {
    const error = await open('pkcs11:token=locked;id=%01?pin-source=env:VANTHU_TEST_PIN').catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'PIN_LOCKED', details: { ckr: 'CKR_PIN_LOCKED' } });
  });

  it('missing module, token, key and PIN give clear errors', async () => {
    await expect(
      open('pkcs11:token=conformance;id=%01?module-path=/nonexistent/libnone.so'),
    ).rejects.toMatchObject({
      code: 'MODULE_NOT_FOUND',
    });
    await expect(open('pkcs11:token=nope;id=%01?pin-source=env:VANTHU_TEST_PIN')).rejects.toMatchObject({
      code: 'TOKEN_NOT_FOUND',
    });
    await expect(
      open('pkcs11:token=conformance;id=%7f?pin-source=env:VANTHU_TEST_PIN'),
    ).rejects.toMatchObject({
      code: 'KEY_NOT_FOUND',
    });
    await expect(
      openSigner('pkcs11:token=conformance;id=%01', { configPath, env: {}, client }),
    ).rejects.toMatchObject({
      code: 'PIN_REQUIRED',
    });
    await expect(open('p12:/nonexistent/x.p12?pin-source=env:VANTHU_TEST_PIN')).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
  });

  it('an explicit PIN wins over pin-source', async () => {
    const signer = await openSigner(pkcs11('01'), { configPath, env: env('wrong'), client, pin: PIN });
    await signer.close();
  });

  it('concurrent sign requests on one token are serialised, not interleaved', async () => {
    const a = await open(pkcs11('01'));
    const b = await open(pkcs11('02'));
    const events: TraceEvent[] = [];
    const record = (e: TraceEvent) => events.push(e);
    client.on('trace', record);
    try {
      const data = Buffer.from('song song');
      const sigs = await Promise.all(
        Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).sign(data, { hash: 'SHA-256' })),
      );
      expect(sigs).toHaveLength(8);
    } finally {
      client.off('trace', record);
      await a.close();
      await b.close();
    }
    const signs = events.filter((e) => e.op === 'sign');
    expect(signs).toHaveLength(16);
    expect(new Set(signs.map((e) => e.token)).size).toBe(1);
    // Strictly start, end, start, end…: no second operation starts before the first ends.
    expect(signs.map((e) => e.phase)).toEqual(
      Array.from({ length: 16 }, (_, i) => (i % 2 ? 'end' : 'start')),
    );
  });

  it('reports a token inserted and removed while watching', async () => {
    const watcher = watchTokens({ configPath, client, intervalMs: 60_000 });
    const inserted: string[] = [];
    const removed: string[] = [];
    watcher.on('insert', (e: { label: string }) => inserted.push(e.label));
    watcher.on('remove', (e: { label: string }) => removed.push(e.label));
    await watcher.start();
    try {
      expect(
        watcher
          .current()
          .map((t) => t.label)
          .sort(),
      ).toEqual(['conformance', 'locked']);
      const util = (args: string[]) =>
        execFileSync('softhsm2-util', args, { env: { ...process.env, SOFTHSM2_CONF: conf } });
      util(['--init-token', '--free', '--label', 'hotplug', '--pin', PIN, '--so-pin', '13579']);
      await watcher.poll();
      expect(inserted).toEqual(['hotplug']);
      util(['--delete-token', '--token', 'hotplug']);
      await watcher.poll();
      expect(removed).toEqual(['hotplug']);
    } finally {
      watcher.stop();
    }
  });
});
