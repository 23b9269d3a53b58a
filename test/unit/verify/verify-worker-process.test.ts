import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_CATALOGUE } from '@vanthu/shared/errors/index';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { VerifyJob } from '../../../daemon/src/verify/worker/protocol.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';

/**
 * The verification process's script, run here with a stand-in for its IPC channel: its replies are
 * collected and its listeners kept aside (the test runner's own messages still pass through), so
 * the script's rules are checked in this process.
 */
const tmp = tempDir('vanthu-verify-worker-');
const configPath = join(tmp.dir, 'config.json');
let document: Uint8Array;
beforeAll(async () => {
  writeFileSync(configPath, '{}');
  document = await makeVanBan();
});
afterAll(() => tmp.cleanup());

const realSend = process.send;
afterEach(() => {
  process.send = realSend;
  vi.restoreAllMocks();
});

interface Loaded {
  replies: unknown[];
  listeners: Map<string, (...args: unknown[]) => void>;
}

const isReply = (m: unknown): boolean =>
  typeof m === 'object' && m !== null && ('ready' in m || ('id' in m && 'ok' in m));

/** Loads the script afresh with `send` as its channel (undefined: started without one). */
async function load(withChannel = true): Promise<Loaded> {
  const loaded: Loaded = { replies: [], listeners: new Map() };
  const realOn = process.on.bind(process);
  vi.spyOn(process, 'on').mockImplementation(((event: string, listener: (...args: unknown[]) => void) => {
    if (event === 'message' || event === 'disconnect') loaded.listeners.set(event, listener);
    else realOn(event, listener);
    return process;
  }) as typeof process.on);
  process.send = withChannel
    ? (((message: unknown, ...rest: unknown[]) => {
        if (isReply(message)) {
          loaded.replies.push(message);
          return true;
        }
        return (realSend as (...args: unknown[]) => boolean).call(process, message, ...rest);
      }) as typeof process.send)
    : undefined;
  vi.resetModules();
  await import('../../../daemon/src/verify/worker/verify-worker.js');
  return loaded;
}

/** Sends `job` to the loaded script and waits for its reply. */
async function reply(loaded: Loaded, job: VerifyJob): Promise<unknown> {
  const before = loaded.replies.length;
  loaded.listeners.get('message')!(job);
  await vi.waitFor(() => expect(loaded.replies.length).toBeGreaterThan(before), { timeout: 60_000 });
  return loaded.replies.at(-1);
}

describe('verification process script', () => {
  it('refuses to run when not started by the pool (no IPC channel)', async () => {
    await expect(load(false)).rejects.toThrow('verify-worker must be started by the verification pool');
  });

  it('says it is ready once loaded, before any job', async () => {
    expect((await load()).replies).toEqual([{ ready: true }]);
  });

  it('answers a job with its id and the report', async () => {
    const loaded = await load();
    const answer = await reply(loaded, { id: 7, document, options: {}, configPath });
    expect(answer).toMatchObject({ id: 7, ok: true, result: { indication: 'INDETERMINATE' } });
  }, 60_000);

  it('answers a refused document with its id and the typed error in English', async () => {
    const loaded = await load();
    const bytes = new TextEncoder().encode('not a PDF');
    const answer = (await reply(loaded, { id: 9, document: bytes, options: {}, configPath })) as {
      id: number;
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(answer).toMatchObject({ id: 9, ok: false, error: { code: 'PDF_MALFORMED' } });
    expect(answer.error.message.startsWith(`${ERROR_CATALOGUE.PDF_MALFORMED.en}: `)).toBe(true);
  }, 60_000);

  it('reads the trust section from the job’s config file', async () => {
    const loaded = await load();
    const answer = await reply(loaded, {
      id: 3,
      document,
      options: {},
      configPath: join(tmp.dir, 'missing.json'),
    });
    expect(answer).toMatchObject({ id: 3, ok: false, error: { code: 'CONFIG_INVALID' } });
  }, 60_000);

  it('exits quietly when the daemon goes away', async () => {
    const loaded = await load();
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    loaded.listeners.get('disconnect')!();
    expect(exit).toHaveBeenCalledWith(0);
  });
});
