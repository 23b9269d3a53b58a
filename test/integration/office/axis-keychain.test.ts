import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-axis-kc-');
afterAll(() => tmp.cleanup());

describe('axis credentials in the OS keychain', () => {
  it('reads a secret stored with secret-tool, writes and deletes one (real gnome-keyring)', () => {
    const home = join(tmp.dir, 'home');
    mkdirSync(home, { recursive: true });
    const script =
      'echo -n vanthu-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; ' +
      'printf %s s3cr3t-from-admin | secret-tool store --label "vanthu axis" service vanthu username vanthu/axis/probe && ' +
      'node --import tsx test/support/axis-keychain-probe.ts';
    const out = execFileSync('dbus-run-session', ['--', 'sh', '-c', script], {
      env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'share') },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000,
    });
    // D-Bus activation may print the keyring's environment first: the probe's JSON is the last line.
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '')).toEqual({
      stored: 's3cr3t-from-admin',
      written: 'unit-secret',
      deleted: null,
      missing: null,
    });
  });
});
