import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAuditKeyring } from '../../../daemon/src/audit/keyring.js';
import { AuditLog } from '../../../daemon/src/audit/log.js';
import { verifyAuditChain } from '../../../daemon/src/audit/verify-chain.js';
import { encodeNativeMessage, NativeMessageReader } from '../../../daemon/src/native-host/framing.js';
import { fileSecretOpener } from '../../../daemon/src/pairing/named-secrets.js';
import {
  FileSecretStore,
  ensurePairingSecret,
  openSecretStore,
} from '../../../daemon/src/pairing/secret-store.js';
import { inGnomeKeyring } from '../../support/gnome-keyring.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-pairing-');
afterAll(() => tmp.cleanup());
const CLI = join(import.meta.dirname, '../../../daemon/bin/vanthu.mjs');

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

describe('pairing secret storage', () => {
  it('keeps the secret in a real gnome-keyring (Secret Service under dbus-run-session)', () => {
    const home = join(tmp.dir, 'kc-home');
    const out = inGnomeKeyring(
      home,
      `node --import tsx test/support/keychain-probe.ts "${home}" && echo && ` +
        'secret-tool lookup service vanthu username pairing-secret-visible',
    );
    const [json, looked] = out.trim().split('\n');
    const r = JSON.parse(json!) as Record<string, unknown>;
    expect(r['autoKind']).toBe('keychain');
    expect(r['usable']).toBe(true);
    expect(r['first']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(r['again']).toBe(r['first']);
    expect(r['afterDelete']).toBeNull();
    expect(looked).toBe(r['first']);
  });

  it('falls back to a 0600 file without a session bus, and tightens a loose file', () => {
    const dir = join(tmp.dir, 'file-cfg');
    const store = openSecretStore('auto', dir, { PATH: process.env['PATH'] ?? '' });
    expect(store.kind).toBe('file');
    const secret = ensurePairingSecret(store);
    const path = join(dir, 'pairing.secret');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(ensurePairingSecret(new FileSecretStore(path))).toBe(secret);
    execFileSync('chmod', ['644', path]);
    expect(new FileSecretStore(path).get()).toBe(secret);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

describe('native-messaging host', () => {
  it('frames messages with a 4-byte little-endian length and refuses huge lengths', () => {
    const frame = encodeNativeMessage({ type: 'pairing.get', n: 'đ' });
    expect(frame.readUInt32LE(0)).toBe(frame.length - 4);
    const reader = new NativeMessageReader();
    expect(reader.push(frame.subarray(0, 3))).toEqual([]);
    expect(reader.push(Buffer.concat([frame.subarray(3), frame]))).toHaveLength(2);
    const huge = Buffer.alloc(4);
    huge.writeUInt32LE(10 * 1024 * 1024);
    expect(() => new NativeMessageReader().push(huge)).toThrow(RangeError);
  });

  it('answers the allowed extension with port and secret, and refuses other callers', async () => {
    const home = join(tmp.dir, 'nm');
    const env = { ...process.env, VANTHU_HOME: home, VANTHU_SYSTEM_CONFIG: join(home, 'none.json') };
    const ask = (caller: string): Promise<Record<string, unknown>> =>
      new Promise((resolve) => {
        const p = spawn(process.execPath, [CLI, 'native-host', caller], { env });
        let out = Buffer.alloc(0);
        p.stdout.on('data', (d: Buffer) => {
          out = Buffer.concat([out, d]);
        });
        p.on('close', () => resolve(JSON.parse(new NativeMessageReader().push(out)[0] ?? '{}')));
        p.stdin.end(encodeNativeMessage({ type: 'pairing.get' }));
      });
    const ok = await ask('chrome-extension://pkpdodofffhnmncladcoohhhmjepkekd/');
    expect(ok['ok']).toBe(true);
    expect(ok['port']).toBe(47891);
    expect(ok['url']).toBe('ws://127.0.0.1:47891/');
    expect(ok['secret']).toBe(readFileSync(join(home, 'config', 'pairing.secret'), 'utf8').trim());
    const denied = await ask('chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/');
    expect((denied['error'] as { code: string }).code).toBe('ORIGIN_DENIED');
  });
});

describe('vanthu service install / status / uninstall into a temp HOME', () => {
  it('writes the systemd unit and the four browser manifests, reports them, removes them', () => {
    const home = join(tmp.dir, 'svc-home');
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: '',
      VANTHU_HOME: join(home, 'v'),
      VANTHU_SYSTEM_CONFIG: join(home, 'none.json'),
    };
    delete (env as Record<string, string>)['XDG_CONFIG_HOME'];
    const dry = cli(['service', 'install', '--dry-run', '--json'], env);
    expect(dry.status).toBe(0);
    expect(existsSync(join(home, '.config'))).toBe(false);
    const install = cli(['service', 'install', '--no-activate', '--json'], env);
    expect(install.status, install.stderr).toBe(0);
    const unit = readFileSync(join(home, '.config/systemd/user/vanthu.service'), 'utf8');
    expect(unit).toContain('ExecStart=');
    expect(unit).toContain(' start');
    for (const dir of ['google-chrome', 'chromium', 'microsoft-edge']) {
      const m = JSON.parse(
        readFileSync(join(home, '.config', dir, 'NativeMessagingHosts/vn.vanthu.daemon.json'), 'utf8'),
      );
      expect(m.allowed_origins).toEqual(['chrome-extension://pkpdodofffhnmncladcoohhhmjepkekd/']);
      expect(statSync(m.path).mode & 0o111).not.toBe(0);
    }
    const ff = JSON.parse(
      readFileSync(join(home, '.mozilla/native-messaging-hosts/vn.vanthu.daemon.json'), 'utf8'),
    );
    expect(ff.allowed_extensions).toEqual(['vanthu@vanthu.vn']);
    const status = cli(['service', 'status', '--json'], env);
    expect(status.status).toBe(0);
    const files = JSON.parse(status.stdout).files as { installed: boolean; current: boolean }[];
    expect(files.every((f) => f.installed && f.current)).toBe(true);
    expect(cli(['service', 'uninstall', '--no-activate'], env).status).toBe(0);
    expect(cli(['service', 'status'], env).status).toBe(1);
  });
});

describe('audit log', () => {
  it('chains across rotated files and reports the first tampered line', () => {
    const dir = join(tmp.dir, 'audit');
    // Where `vanthu` keeps the audit key and anchor without a session bus: VANTHU_HOME/config.
    const keyring = openAuditKeyring(dir, fileSecretOpener(join(tmp.dir, 'config')));
    const log = new AuditLog(dir, keyring, { maxFileBytes: 4096 });
    for (let i = 0; i < 60; i++) {
      log.append({
        event: 'sign',
        origin: 'chrome-extension://x',
        documentSha256: 'a'.repeat(64),
        role: 'approver',
        result: 'ok',
      });
    }
    // Reopening continues the chain.
    new AuditLog(dir, keyring, { maxFileBytes: 4096 }).append({
      event: 'verify',
      origin: 'cli',
      documentSha256: 'b'.repeat(64),
      result: 'TOTAL_PASSED',
    });
    const ok = verifyAuditChain(dir, keyring);
    expect(ok).toMatchObject({ ok: true, entries: 61 });
    expect(ok.files).toBeGreaterThan(1);
    const env = {
      VANTHU_HOME: tmp.dir,
      VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'none.json'),
      DBUS_SESSION_BUS_ADDRESS: '',
    };
    expect(cli(['audit', 'verify', '--dir', dir], env).status).toBe(0);
    const second = join(dir, 'audit-000002.jsonl');
    const lines = readFileSync(second, 'utf8').split('\n');
    lines[2] = lines[2]!.replace('"ok"', '"PIN_INCORRECT"');
    writeFileSync(second, lines.join('\n'));
    const bad = verifyAuditChain(dir, keyring);
    expect(bad.ok).toBe(false);
    expect(bad.broken).toMatchObject({
      file: second,
      line: 3,
      reason: 'MAC does not verify with the audit key',
    });
    const r = cli(['audit', 'verify', '--dir', dir, '--json'], env);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).broken.line).toBe(3);
  });
});
