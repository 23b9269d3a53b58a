import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export { generateDemoPki, type DemoPki, type IssuedCertificate } from '../../daemon/src/demo/pki.js';
export { provisionSoftHsmToken, type SoftHsmToken } from '../../daemon/src/demo/softhsm.js';

/** Writes a PKCS#12 file (key, certificate and chain) with openssl; returns its path. */
export function writeP12(
  dir: string,
  name: string,
  id: { keyPem: string; certPem: string },
  chain: readonly { certPem: string }[],
  password: string,
  friendlyName?: string,
): string {
  const key = join(dir, `${name}.key`);
  const certs = join(dir, `${name}.crt`);
  const out = join(dir, `${name}.p12`);
  writeFileSync(key, id.keyPem, { mode: 0o600 });
  writeFileSync(certs, [id.certPem, ...chain.map((c) => c.certPem)].join('\n'));
  const args = [
    'pkcs12',
    '-export',
    '-inkey',
    key,
    '-in',
    certs,
    '-out',
    out,
    '-passout',
    `pass:${password}`,
  ];
  execFileSync('openssl', friendlyName ? [...args, '-name', friendlyName] : args);
  return out;
}

/** A config.json whose pkcs11 section lists only the given SoftHSM store (known modules off). */
export function writeTokenConfig(dir: string, modulePath: string, softhsmConf: string): string {
  const file = join(dir, 'config.json');
  writeFileSync(
    file,
    JSON.stringify({
      pkcs11: { knownModules: false, modules: [{ path: modulePath, env: { SOFTHSM2_CONF: softhsmConf } }] },
    }),
  );
  return file;
}

/**
 * Marks a SoftHSM2 token's user PIN as locked in its stored token flags (CKF_USER_PIN_LOCKED).
 * SoftHSM 2.6 does not count failed logins, so this is how a test gets a token that reports
 * itself locked, as a real token does after too many wrong PINs.
 */
export function lockSoftHsmUserPin(tokensDir: string, label: string): void {
  const FLAGS_ATTR = Buffer.from('000000008000534b0000000000000002', 'hex'); // CKA_OS_TOKENFLAGS, ulong
  for (const entry of readdirSync(tokensDir)) {
    const file = join(tokensDir, entry, 'token.object');
    const bytes = readFileSync(file);
    if (!bytes.includes(Buffer.from(label.padEnd(32, ' ')))) continue;
    const at = bytes.indexOf(FLAGS_ATTR);
    if (at < 0) throw new Error(`token flags not found in ${file}`);
    const value = at + FLAGS_ATTR.length;
    bytes.writeBigUInt64BE(bytes.readBigUInt64BE(value) | 0x40000n, value);
    writeFileSync(file, bytes);
    return;
  }
  throw new Error(`no SoftHSM token labelled ${label} in ${tokensDir}`);
}
