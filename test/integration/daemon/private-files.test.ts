import { chmodSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../../daemon/src/config/paths.js';
import { QueueStore } from '../../../daemon/src/exchange/queue/store.js';
import type { KeyProvider } from '../../../daemon/src/handlers/services.js';
import { schemaStatements } from '../../../daemon/src/registry/schema.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { SqliteStore } from '../../../daemon/src/store/index.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { startTestDaemon } from '../../support/test-daemon.js';

const tmp = tempDir('vanthu-modes-');
let umask: number;
beforeAll(() => {
  // The common default, under which files are created 0644 and directories 0755 unless asked otherwise.
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
  tmp.cleanup();
});

const noKeys: KeyProvider = {
  listTokens: async () => [],
  openSigner: async () => {
    throw new Error('no keys in this test');
  },
};

/** Every path under `root` whose mode lets group or others in, with its mode. */
function loose(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      const mode = st.mode & 0o777;
      if (st.isDirectory()) {
        if (mode !== 0o700) out.push(`${path} ${mode.toString(8)}`);
        walk(path);
      } else if (mode !== 0o600) out.push(`${path} ${mode.toString(8)}`);
    }
  };
  walk(root);
  return out;
}

describe.skipIf(process.platform === 'win32')('per-user data is private under umask 022', () => {
  it('after a daemon start, an audit append, a registry write and an exchange queue write', async () => {
    const home = join(tmp.dir, 'fresh');
    const { daemon, env } = await startTestDaemon(home, { keys: noKeys, verifier: engineVerifier() });
    const data = resolvePaths(env).userDataDir;
    const registry = new SqliteStore(join(data, 'registry.sqlite'));
    const queue = new QueueStore(join(data, 'exchange.sqlite'));
    try {
      daemon.audit.append({
        event: 'verify',
        origin: 'cli',
        documentSha256: 'a'.repeat(64),
        result: 'TOTAL_PASSED',
      });
      await registry.migrate(schemaStatements('sqlite'));
      await registry.run("INSERT INTO meta (key, value) VALUES ('probe', '1')");
      queue.enqueue({
        messageType: 'edoc',
        from: 'A',
        recipients: ['B'],
        xml: new TextEncoder().encode('<x/>'),
      });
      // While both databases are open, so their -wal and -shm files exist.
      const names = readdirSync(data);
      expect(names).toEqual(
        expect.arrayContaining(['registry.sqlite-wal', 'registry.sqlite-shm', 'exchange.sqlite-wal']),
      );
      expect(loose(home)).toEqual([]);
      expect(statSync(data).mode & 0o777).toBe(0o700);
    } finally {
      queue.close();
      await registry.close();
      await daemon.stop();
    }
    expect(loose(home)).toEqual([]);
  });

  it('tightens a data directory and databases an older version left readable', async () => {
    const home = join(tmp.dir, 'older');
    const data = join(home, 'data');
    mkdirSync(data, { recursive: true, mode: 0o755 });
    writeFileSync(join(data, 'registry.sqlite'), '');
    chmodSync(data, 0o755);
    chmodSync(join(data, 'registry.sqlite'), 0o644);
    const store = new SqliteStore(join(data, 'registry.sqlite'));
    await store.migrate(schemaStatements('sqlite'));
    expect(statSync(join(data, 'registry.sqlite')).mode & 0o777).toBe(0o600);
    await store.close();
    const { daemon } = await startTestDaemon(home, { keys: noKeys, verifier: engineVerifier() });
    await daemon.stop();
    expect(loose(home)).toEqual([]);
  });
});
