import { createServer, type Server } from 'node:net';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterEach, describe, expect, it } from 'vitest';
import { chromiumArgs } from '../../../daemon/src/launch/chromium-args.js';
import { choosePort } from '../../../daemon/src/launch/ports.js';

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) await new Promise((r) => s.close(r));
  servers = [];
});

/** A port this process listens on (so /proc names this process as its holder). */
async function busyPort(): Promise<number> {
  const s = createServer();
  servers.push(s);
  return new Promise((resolve) =>
    s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)),
  );
}

describe('the demo chooses its ports', () => {
  it('a busy default gives way to a free port, naming the busy one and its holder', async () => {
    const busy = await busyPort();
    const chosen = await choosePort(undefined, busy);
    expect(chosen.port).not.toBe(busy);
    expect(chosen.port).toBeGreaterThan(0);
    expect(chosen.busy).toEqual({ port: busy, pid: process.pid });
  });

  it('a busy port asked for is PORT_IN_USE naming the port and the process', async () => {
    const busy = await busyPort();
    const refused = await choosePort(busy, 8080).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(VanthuError);
    expect((refused as VanthuError).code).toBe('PORT_IN_USE');
    expect((refused as VanthuError).message).toContain(`127.0.0.1:${busy} (pid ${process.pid}`);
  });

  it('a free port asked for is used as is', async () => {
    const busy = await busyPort();
    await new Promise((r) => servers.pop()?.close(r));
    expect(await choosePort(busy, 8080)).toEqual({ port: busy });
  });

  it('0, asked for or preferred, is the free port the OS gave (a daemon config needs a real port)', async () => {
    for (const chosen of [await choosePort(0, 8080), await choosePort(undefined, 0)]) {
      expect(chosen.port).toBeGreaterThan(0);
      expect(chosen.busy).toBeUndefined();
    }
  });
});

describe("the demo's Chromium command line", () => {
  const base = { browserProfile: '/p', extensionDir: '/x', url: 'http://127.0.0.1:8080/dang-nhap' };
  it('adds --no-sandbox as root only (Chromium refuses to run as root without it)', () => {
    expect(chromiumArgs({ ...base, uid: 0 })).toContain('--no-sandbox');
    expect(chromiumArgs({ ...base, uid: 1000 })).not.toContain('--no-sandbox');
    const args = chromiumArgs({ ...base, uid: 1000 });
    expect(args).toEqual([
      '--user-data-dir=/p',
      '--disable-extensions-except=/x',
      '--load-extension=/x',
      '--no-first-run',
      'http://127.0.0.1:8080/dang-nhap',
    ]);
  });
});
