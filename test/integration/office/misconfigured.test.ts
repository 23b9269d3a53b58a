import { VanthuError } from '@vanthu/shared/errors/index';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../../daemon/src/exchange/axis/secret-store.js';
import { FileSecretStore } from '../../../daemon/src/pairing/secret-store.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { type RunningDaemon, startDaemon } from '../../../daemon/src/service/daemon.js';
import { TestClient } from '../../support/daemon-client.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-office-bad-');
const configPath = join(tmp.dir, 'config.json');
const self = { organId: '000.00.09.H13', organName: 'Sở Nội vụ Cần Thơ' };
const axis = {
  kind: 'vdxp',
  endpoint: 'http://127.0.0.1:9/vdxp',
  organId: self.organId,
  systemId: 'snv',
  secretRef: 'vanthu/axis/missing',
};
let daemon: RunningDaemon;
let c: TestClient;
const lines: string[] = [];

beforeAll(async () => {
  writeFileSync(configPath, JSON.stringify({ exchange: { self, axis } }));
  daemon = await startDaemon({
    env: { ...process.env, VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'none.json') },
    configPath,
    keys: {
      listTokens: async () => [],
      openSigner: async (uri) => Promise.reject(new VanthuError('KEY_NOT_FOUND', uri)),
    },
    verifier: engineVerifier(),
    port: 0,
    secretStore: new FileSecretStore(join(tmp.dir, 'secret')),
    // The keychain has no entry for secretRef.
    axisSecrets: new MemorySecretStore(),
    log: (line) => lines.push(line),
    lang: 'en',
  });
  c = await TestClient.connect(daemon.port);
  expect((await c.pair(daemon.secretStore.get()!)).ok).toBe(true);
});

afterAll(async () => {
  c?.close();
  await daemon?.stop();
  tmp.cleanup();
});

describe('a daemon whose registry and exchange are not (yet) configured', () => {
  it('starts and signs on; the exchange requests say the credential is missing', async () => {
    const log = lines.join('\n');
    expect(log).toContain('document exchange unavailable: AXIS_AUTH_FAILED');
    expect(log).toContain('no credential "vanthu/axis/missing"');
    expect((await c.request('exchange.outbox', {})).error?.code).toBe('AXIS_AUTH_FAILED');
    expect((await c.request('tokens.list', {})).ok).toBe(true);
  });

  it('answers registry requests with the missing config, and picks up a corrected one without a restart', async () => {
    const missing = await c.request('registry.list', {});
    // Its own code, so the side panel says what the administrator must set, not "invalid config".
    expect(missing.error?.code).toBe('OFFICE_NOT_CONFIGURED');
    expect(missing.error?.message).toContain('registry.organId');
    writeFileSync(configPath, JSON.stringify({ registry: self, exchange: { self, axis } }));
    const listed = await c.request('registry.list', {});
    expect(listed.ok).toBe(true);
    expect(listed.result?.['entries']).toEqual([]);
  });
});
