import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRemoteKeyUri } from '../../../daemon/src/service/remote-key.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-remote-key-'));
const listedModule = process.execPath; // any existing file stands for a configured library here
const configPath = join(dir, 'config.json');
writeFileSync(
  configPath,
  JSON.stringify({ pkcs11: { knownModules: false, modules: [{ path: listedModule }] } }),
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const code = (f: () => void) => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return (e as { code?: string }).code;
  }
};

describe('key URIs arriving over the socket', () => {
  it('may name a configured module or none', () => {
    expect(code(() => checkRemoteKeyUri('pkcs11:token=demo;id=%01', { configPath }))).toBe('accepted');
    expect(
      code(() => checkRemoteKeyUri(`pkcs11:token=demo;id=%01?module-path=${listedModule}`, { configPath })),
    ).toBe('accepted');
  });

  it('never load a library or open a PKCS#12 file at a path the client chose', () => {
    expect(code(() => checkRemoteKeyUri('pkcs11:token=demo?module-path=/bin/sh', { configPath }))).toBe(
      'POLICY_DENIED',
    );
    expect(code(() => checkRemoteKeyUri(`p12:${configPath}`, { configPath }))).toBe('POLICY_DENIED');
    expect(code(() => checkRemoteKeyUri('file:/etc/passwd', { configPath }))).toBe('INVALID_URI');
  });
});
