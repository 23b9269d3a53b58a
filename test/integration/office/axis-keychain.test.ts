import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inGnomeKeyring } from '../../support/gnome-keyring.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-axis-kc-');
afterAll(() => tmp.cleanup());

describe('axis credentials in the OS keychain', () => {
  it('reads a secret stored with secret-tool, writes and deletes one (real gnome-keyring)', () => {
    const out = inGnomeKeyring(
      join(tmp.dir, 'home'),
      'printf %s s3cr3t-from-admin | secret-tool store --label "vanthu axis" service vanthu username vanthu/axis/probe && ' +
        'node --import tsx test/support/axis-keychain-probe.ts',
    );
    // D-Bus activation may print the keyring's environment first: the probe's JSON is the last line.
    expect(JSON.parse(out.trim().split('\n').at(-1) ?? '')).toEqual({
      stored: 's3cr3t-from-admin',
      written: 'unit-secret',
      deleted: null,
      missing: null,
    });
  });
});
