import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  type IsolatedVerifier,
  isolatedVerifier,
} from '../../../daemon/src/verify/worker/isolated-verifier.js';
import { tempDir } from '../../support/pdf-inputs.js';

/**
 * The verifier's limits show in how many processes it starts for documents sent together
 * (processes are counted when started, before they load anything); each test closes the verifier
 * right after, so no document is verified here.
 */
const tmp = tempDir('vanthu-isolated-verifier-');
afterAll(() => tmp.cleanup());
const env = {
  ...process.env,
  VANTHU_HOME: join(tmp.dir, 'home'),
  VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json'),
};

const verifiers: IsolatedVerifier[] = [];
afterEach(async () => {
  await Promise.all(verifiers.splice(0).map((v) => v.close()));
});

function configFile(name: string, content: string): string {
  const path = join(tmp.dir, name);
  writeFileSync(path, content);
  return path;
}

function verifier(...args: Parameters<typeof isolatedVerifier>): IsolatedVerifier {
  const v = isolatedVerifier(...args);
  verifiers.push(v);
  return v;
}

const DOCUMENT = new TextEncoder().encode('%PDF-1.7');
const outcome = (run: Promise<unknown>) =>
  run.then(
    () => 'verified',
    (e: { code: string }) => e.code,
  );
/** Sends `n` documents at once; their outcomes, once the verifier is closed. */
function sendAll(v: IsolatedVerifier, n: number): Promise<string[]> {
  return Promise.all(Array.from({ length: n }, () => outcome(v.verify(DOCUMENT, {}))));
}

describe('isolatedVerifier', () => {
  it('takes the number of processes from the verify section of its config file', async () => {
    const v = verifier(configFile('three.json', '{"verify":{"workers":3}}'), {}, env);
    const done = sendAll(v, 4);
    expect(v.processesStarted).toBe(3);
    await v.close();
    expect(await done).toEqual(['INTERNAL', 'INTERNAL', 'INTERNAL', 'INTERNAL']);
  });

  it('lets the limits it is given override the config file', () => {
    const v = verifier(configFile('three.json', '{"verify":{"workers":3}}'), { workers: 1 }, env);
    void sendAll(v, 4);
    expect(v.processesStarted).toBe(1);
  });

  it('without a config path, reads the config of the environment it is given', () => {
    mkdirSync(join(tmp.dir, 'home', 'config'), { recursive: true });
    writeFileSync(join(tmp.dir, 'home', 'config', 'config.json'), '{"verify":{"workers":3}}');
    const v = verifier(undefined, {}, env);
    void sendAll(v, 4);
    expect(v.processesStarted).toBe(3);
  });

  it('reads the config once: a config broken after the first document does not refuse the next', async () => {
    const path = configFile('once.json', '{"verify":{"workers":1}}');
    const v = verifier(path, {}, env);
    const first = outcome(v.verify(DOCUMENT, {}));
    writeFileSync(path, '{ broken');
    const second = outcome(v.verify(DOCUMENT, {}));
    await v.close();
    expect([await first, await second]).toEqual(['INTERNAL', 'INTERNAL']);
  });

  it('warm() with an unreadable config starts nothing and throws nothing; the document gets CONFIG_INVALID', async () => {
    const v = verifier(configFile('broken.json', '{ broken'), {}, env);
    expect(() => v.warm?.()).not.toThrow();
    expect(v.processesStarted).toBe(0);
    expect(await outcome(v.verify(DOCUMENT, {}))).toBe('CONFIG_INVALID');
  });

  it('warm() starts one process ahead of the first document', () => {
    const v = verifier(configFile('warm.json', '{}'), {}, env);
    v.warm?.();
    expect(v.processesStarted).toBe(1);
  });

  it('close() stops the pool: a later document is refused', async () => {
    const v = verifier(configFile('closed.json', '{}'), {}, env);
    await v.close();
    expect(await outcome(v.verify(DOCUMENT, {}))).toBe('INTERNAL');
    v.warm?.();
    expect(v.processesStarted).toBe(0);
  });
});
