import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertInfo, certInfo } from '../../../daemon/src/trust/certificate.js';
import { parseCrl } from '../../../daemon/src/trust/crl.js';
import { embeddedAnswer } from '../../../daemon/src/trust/embedded-revocation.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { type TestCa, makeTestCa } from '../../support/pdf-inputs-signer.js';

const tmp = tempDir('vanthu-embedded-rev-');
const DAY = 86400_000;
let ca: TestCa;
let root: CertInfo;
let leaf: CertInfo;
let n = 0;

const t = (d: Date): string => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** A CRL by the test root with the given lastUpdate/nextUpdate (openssl ca -gencrl), optionally revoking `leaf`. */
function crl(thisUpdate: Date, nextUpdate: Date, revokedAt?: Date) {
  const dir = join(tmp.dir, `crl-${++n}`);
  execFileSync('mkdir', ['-p', dir]);
  writeFileSync(join(dir, 'ca.pem'), ca.rootPem);
  writeFileSync(join(dir, 'ca.key'), ca.rootKeyPem);
  const line = revokedAt
    ? `R\t${t(new Date(Date.now() + 90 * DAY)).slice(2)}\t${t(revokedAt).slice(2)}\t${leaf.serialHex}\tunknown\t/CN=x\n`
    : '';
  writeFileSync(join(dir, 'index.txt'), line);
  writeFileSync(join(dir, 'crlnumber'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    `[ca]\ndefault_ca=d\n[d]\ndatabase=${dir}/index.txt\ncrlnumber=${dir}/crlnumber\ndefault_md=sha256\n`,
  );
  execFileSync(
    'openssl',
    [
      'ca',
      '-batch',
      '-gencrl',
      '-config',
      join(dir, 'ca.cnf'),
      '-keyfile',
      join(dir, 'ca.key'),
      '-cert',
      join(dir, 'ca.pem'),
      '-crl_lastupdate',
      t(thisUpdate),
      '-crl_nextupdate',
      t(nextUpdate),
      '-out',
      join(dir, 'crl.pem'),
    ],
    { stdio: 'pipe' },
  );
  return parseCrl(execFileSync('openssl', ['crl', '-in', join(dir, 'crl.pem'), '-outform', 'DER']));
}

beforeAll(async () => {
  ca = await makeTestCa();
  root = certInfo(ca.rootDer);
  const who = await ca.issue('Người Ký DSS');
  leaf = certInfo(new Uint8Array(Buffer.from(who.certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64')));
});
afterAll(() => tmp.cleanup());

describe('revocation answers a document carries, judged at the proof of existence', () => {
  const poe = new Date(Date.now() - 5 * DAY);

  it('a CRL current at the proof of existence answers for it', async () => {
    const a = await embeddedAnswer(
      leaf,
      root,
      { ocsps: [], crls: [crl(new Date(poe.getTime() - DAY), new Date(poe.getTime() + DAY))] },
      poe,
    );
    expect(a).toMatchObject({ status: 'GOOD', source: 'CRL (DSS)' });
  });

  it('a CRL issued after it answers too, judged at its own thisUpdate (long expired now)', async () => {
    const a = await embeddedAnswer(
      leaf,
      root,
      { ocsps: [], crls: [crl(new Date(poe.getTime() + DAY), new Date(poe.getTime() + 2 * DAY))] },
      poe,
    );
    expect(a).toMatchObject({ status: 'GOOD' });
  });

  it('a CRL that had lapsed before the proof of existence says nothing about it', async () => {
    const old = crl(new Date(poe.getTime() - 10 * DAY), new Date(poe.getTime() - 9 * DAY));
    expect(await embeddedAnswer(leaf, root, { ocsps: [], crls: [old] }, poe)).toBeUndefined();
  });

  it('a revocation in an embedded CRL is reported with its time', async () => {
    const revokedAt = new Date(poe.getTime() - 2 * DAY);
    const a = await embeddedAnswer(
      leaf,
      root,
      { ocsps: [], crls: [crl(new Date(poe.getTime() - DAY), new Date(poe.getTime() + DAY), revokedAt)] },
      poe,
    );
    expect(a?.status).toBe('REVOKED');
    expect(Math.abs(a!.revokedAt!.getTime() - revokedAt.getTime())).toBeLessThan(1000);
  });

  it('a CRL of another issuer is not used', async () => {
    const other = await makeTestCa();
    const otherRoot = certInfo(other.rootDer);
    const good = crl(new Date(poe.getTime() - DAY), new Date(poe.getTime() + DAY));
    expect(await embeddedAnswer(leaf, otherRoot, { ocsps: [], crls: [good] }, poe)).toBeUndefined();
  });
});
