import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTrustConfig } from '../../../daemon/src/trust/config.js';
import { tempDir } from '../../support/pdf-inputs.js';

let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;
let userFile: string;

beforeEach(() => {
  tmp = tempDir('vanthu-trust-fetch-config-');
  mkdirSync(join(tmp.dir, 'config'), { recursive: true });
  userFile = join(tmp.dir, 'config', 'config.json');
  env = { VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json') };
});
afterEach(() => tmp.cleanup());

const withFetch = (fetch: unknown): void => writeFileSync(userFile, JSON.stringify({ trust: { fetch } }));

describe('config trust.fetch', () => {
  it('reads the internal hosts and networks certificate URLs may reach, and the URL cap', () => {
    withFetch({
      allowHosts: ['crl.noibo.gov.vn'],
      allowNetworks: ['10.20.0.0/16', 'fd00::/8', '192.0.2.7'],
      maxUrls: 8,
    });
    expect(loadTrustConfig(undefined, env).fetch).toEqual({
      allowHosts: ['crl.noibo.gov.vn'],
      allowNetworks: ['10.20.0.0/16', 'fd00::/8', '192.0.2.7'],
      maxUrls: 8,
    });
  });

  it.each([
    [
      { allowNetworks: ['10.0.0.0/33'] },
      /allowNetworks: "10\.0\.0\.0\/33" is not an address or CIDR network/,
    ],
    [{ allowNetworks: ['intranet'] }, /allowNetworks: "intranet" is not/],
    [{ allowNetworks: '10.0.0.0/8' }, /allowNetworks must be a list of networks/],
    [{ allowHosts: [''] }, /allowHosts must be a list of host names/],
    [{ maxUrls: -1 }, /maxUrls must be a whole number/],
    [{ maxUrls: 2.5 }, /maxUrls must be a whole number/],
    [{ allowAll: true }, /trust\.fetch\.allowAll is not a setting/],
    [['10.0.0.0/8'], /trust\.fetch must be an object/],
  ])('%j is CONFIG_INVALID', (fetch, message) => {
    withFetch(fetch);
    expect(() => loadTrustConfig(undefined, env)).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(message) }),
    );
  });
});
