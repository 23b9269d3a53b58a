import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { trustDemoRoot } from '../../../daemon/src/launch/demo-trust.js';
import { registerNativeHost } from '../../../daemon/src/launch/native-host-manifest.js';

let dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'vanthu-launch-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

describe('demo launch', () => {
  it('registers the native host in a Chromium profile with a wrapper that keeps the environment', () => {
    const dir = temp();
    const cli = join(dir, 'fake-cli.mjs');
    // A stand-in CLI that echoes what the wrapper passes, so the test sees the real exec line work.
    writeFileSync(
      cli,
      'console.log(JSON.stringify({ args: process.argv.slice(2), home: process.env.VANTHU_HOME }));\n',
    );
    const { manifestPath, wrapperPath } = registerNativeHost({
      userDataDir: join(dir, 'profile'),
      wrapperPath: join(dir, "it's here", 'host.sh'),
      cli,
      env: { VANTHU_HOME: join(dir, 'home with space') },
    });
    expect(manifestPath).toBe(join(dir, 'profile', 'NativeMessagingHosts', 'vn.vanthu.daemon.json'));
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    expect(manifest).toMatchObject({
      name: 'vn.vanthu.daemon',
      type: 'stdio',
      path: wrapperPath,
      allowed_origins: ['chrome-extension://pkpdodofffhnmncladcoohhhmjepkekd/'],
    });
    expect(statSync(wrapperPath).mode & 0o111).not.toBe(0);
    const out = JSON.parse(execFileSync(wrapperPath, ['chrome-extension://x/'], { encoding: 'utf8' })) as {
      args: string[];
      home: string;
    };
    expect(out).toEqual({
      args: ['native-host', 'chrome-extension://x/'],
      home: join(dir, 'home with space'),
    });
  });

  it('adds the demo root to the trust anchors once, keeping the rest of the config', () => {
    const dir = temp();
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({ pkcs11: { modules: [{ path: '/x.so' }] }, trust: { anchors: ['/other.pem'] } }),
    );
    trustDemoRoot(config, '/demo/root.pem');
    trustDemoRoot(config, '/demo/root.pem');
    const after = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
    expect(after).toEqual({
      pkcs11: { modules: [{ path: '/x.so' }] },
      trust: { anchors: ['/demo/root.pem', '/other.pem'], online: false },
    });
    writeFileSync(config, '{broken');
    expect(() => trustDemoRoot(config, '/demo/root.pem')).toThrow(/CONFIG|Invalid configuration/);
  });
});
