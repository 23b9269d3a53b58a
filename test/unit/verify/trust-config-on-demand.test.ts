import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTrustConfig } from '../../../daemon/src/trust/config.js';
import { readTrustConfig } from '../../../daemon/src/trust/config-on-demand.js';
import { tempDir } from '../../support/pdf-inputs.js';

let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let userFile: string;
let adminFile: string;

beforeEach(() => {
  tmp = tempDir('vanthu-trust-config-');
  mkdirSync(join(tmp.dir, 'config'), { recursive: true });
  userFile = join(tmp.dir, 'config', 'config.json');
  adminFile = join(tmp.dir, 'admin.json');
  env = { VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: adminFile };
});
afterEach(() => tmp.cleanup());

describe('readTrustConfig (verify start-up without the validating loader)', () => {
  it('without any config file: the same defaults as loadTrustConfig', async () => {
    const quick = await readTrustConfig(undefined, env);
    expect(quick).toEqual(loadTrustConfig(undefined, env));
    expect(quick.cacheDir).toBe(join(tmp.dir, 'data', 'revocation-cache'));
  });

  it('with a user or an admin file: exactly what loadTrustConfig reads', async () => {
    writeFileSync(userFile, JSON.stringify({ trust: { anchors: ['/a.pem'], policy: 'strict' } }));
    expect(await readTrustConfig(undefined, env)).toEqual(loadTrustConfig(undefined, env));
    expect((await readTrustConfig(undefined, env)).anchors).toEqual(['/a.pem']);
    writeFileSync(adminFile, JSON.stringify({ trust: { online: false }, locked: ['trust.online'] }));
    const merged = await readTrustConfig(undefined, env);
    expect(merged).toEqual(loadTrustConfig(undefined, env));
    expect(merged.online).toBe(false);
  });

  it('still refuses an invalid file, another section included, and a missing --config file', async () => {
    writeFileSync(adminFile, JSON.stringify({ server: { port: 1 } }));
    await expect(readTrustConfig(undefined, env)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    writeFileSync(adminFile, JSON.stringify({}));
    writeFileSync(userFile, JSON.stringify({ trust: { policy: 'lax' } }));
    await expect(readTrustConfig(undefined, env)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(readTrustConfig(join(tmp.dir, 'missing.json'), env)).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
  });
});
