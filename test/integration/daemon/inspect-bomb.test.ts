import { VanthuError } from '@vanthu/shared/errors/index';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyProvider, Verifier } from '../../../daemon/src/handlers/services.js';
import { closeTextPool } from '../../../daemon/src/pdf/text/text-pool.js';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { contentInflateBomb } from '../../support/content-bomb.js';
import { TestClient } from '../../support/daemon-client.js';
import { makeVanBan, tempDir } from '../../support/pdf-inputs.js';
import { startTestDaemon } from '../../support/test-daemon.js';

// The daemon runs in this process, so this process's resident memory is the daemon's.
const RSS_LIMIT_MB = 400;

const tmp = tempDir('vanthu-inspect-bomb-');
let daemon: RunningDaemon;
let secret: string;
let bomb: Buffer;
let vanBan: Uint8Array;

const keys: KeyProvider = {
  listTokens: async () => [],
  openSigner: async (uri) => {
    throw new VanthuError('KEY_NOT_FOUND', uri);
  },
};
const verifier: Verifier = {
  verify: async () => {
    throw new VanthuError('NOT_SUPPORTED', 'no verification in this test');
  },
};

beforeAll(async () => {
  [bomb, vanBan] = await Promise.all([contentInflateBomb(1100), makeVanBan()]);
  ({ daemon, secret } = await startTestDaemon(tmp.dir, { keys, verifier }));
});
afterAll(async () => {
  await daemon.stop();
  await closeTextPool();
  tmp.cleanup();
});

/** Highest resident memory of this process while `work` runs, sampled every 20 ms. */
async function peakRssMb<T>(work: Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  try {
    const value = await work;
    return { value, peakMb: Math.max(peak, process.memoryUsage.rss()) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

describe('document.inspect of a page that inflates to 1.1 GB', () => {
  it('three at once are PDF_MALFORMED naming the stream, the daemon stays small and serves on', async () => {
    expect(bomb.length).toBeLessThan(1.5 * 2 ** 20);
    const c = await TestClient.connect(daemon.port);
    expect((await c.pair(secret)).ok).toBe(true);
    const inspect = (pdf: Uint8Array) =>
      c.request('document.inspect', { document: { bytes: pdf.length } }, pdf);
    const { value: replies, peakMb } = await peakRssMb(
      Promise.all([inspect(bomb), inspect(bomb), inspect(bomb)]),
    );
    for (const r of replies) {
      expect(r.ok).toBe(false);
      expect(r.error?.code).toBe('PDF_MALFORMED');
      expect(r.error?.message).toContain('object 5: stream decodes to more than 64 MiB');
    }
    expect(peakMb).toBeLessThan(RSS_LIMIT_MB);
    const ok = await inspect(vanBan);
    expect(ok.error).toBeUndefined();
    expect(ok.result?.['pageCount']).toBeGreaterThan(0);
    const text = JSON.stringify(ok.result?.['text']);
    expect(text).toContain('CHỦ TỊCH');
    c.close();
  }, 120_000);
});
