import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExchangeService } from '../../../daemon/src/exchange/service.js';
import { fileSecretOpener } from '../../../daemon/src/pairing/named-secrets.js';
import { FileSecretStore } from '../../../daemon/src/pairing/secret-store.js';
import { type RunningDaemon, startDaemon } from '../../../daemon/src/service/daemon.js';
import { axisConfigFor, secretsFor } from '../../support/axis/adapters.js';
import { sampleAttachment, sampleHeader } from '../../support/axis/samples.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../../support/axis/server.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { VANTHU_BIN } from '../../support/vanthu-cli.js';

// One data directory has one daemon, and a daemon that cannot start starts nothing: the local axis
// stores every package it is sent (it does not deduplicate by idempotency key), so a delivery taken
// over by a second daemon would arrive twice.

const US = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');
const PEER = testAgency('000.00.00.H23', 'Ủy ban nhân dân thành phố Cần Thơ');

let axis: LocalAxis;
let tmp: ReturnType<typeof tempDir>;
let daemons: RunningDaemon[] = [];
let blockers: Server[] = [];
let n = 0;

beforeEach(async () => {
  axis = await startLocalAxis({ agencies: [US, PEER] });
  tmp = tempDir('vanthu-one-daemon-');
});
afterEach(async () => {
  for (const d of daemons) await d.stop();
  for (const b of blockers) await new Promise((r) => b.close(r));
  daemons = [];
  blockers = [];
  await axis.close();
  tmp.cleanup();
});

/** A VANTHU_HOME whose exchange has one document queued for PEER (queued offline, as the CLI does). */
function homeWithQueuedDocument(): { home: string; env: NodeJS.ProcessEnv; configPath: string } {
  const home = join(tmp.dir, `h${++n}`);
  mkdirSync(join(home, 'data'), { recursive: true });
  const env = { ...process.env, VANTHU_HOME: home, VANTHU_SYSTEM_CONFIG: join(home, 'none.json') };
  const configPath = join(home, 'config.json');
  writeFileSync(
    configPath,
    JSON.stringify({
      exchange: {
        self: { organId: US.code, organName: US.name },
        axis: axisConfigFor('vdxp', axis.url, US, 10_000),
        pollSeconds: 600,
        queue: { backoff: { baseMs: 1, maxMs: 5 } },
      },
    }),
  );
  const offline = new ExchangeService({
    dbFile: join(home, 'data', 'exchange.sqlite'),
    self: { organId: US.code, organName: US.name },
  });
  offline.sendDocument(sampleHeader(US.code, [PEER.code], 1), [sampleAttachment()]);
  offline.close();
  return { home, env, configPath };
}

function daemonOn(h: { home: string; env: NodeJS.ProcessEnv; configPath: string }, port = 0) {
  return startDaemon({
    env: h.env,
    configPath: h.configPath,
    keys: {
      listTokens: async () => [],
      openSigner: async (uri) => Promise.reject(new VanthuError('KEY_NOT_FOUND', uri)),
    },
    verifier: { verify: async () => Promise.reject(new Error('no document is verified here')) },
    port,
    secretStore: new FileSecretStore(join(h.home, 'secret')),
    namedSecrets: fileSecretOpener(join(h.home, 'secrets')),
    axisSecrets: secretsFor(US),
    log: () => {},
  }).then((d) => {
    daemons.push(d);
    return d;
  });
}

const sentByUs = () => axis.state.messages.filter((m) => m.from === US.code).length;
const sendCalls = () => axis.calls.get('/sendEdoc') ?? 0;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, probe: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('one data directory, one daemon', () => {
  it('a second daemon on the data directory is refused while the first sends, and nothing is sent twice', async () => {
    const h = homeWithQueuedDocument();
    // The first send takes 2.5 s: the delivery is `sending` while the second daemon starts.
    axis.faults.inject('/sendEdoc', { kind: 'slow', ms: 2_500 });
    await daemonOn(h);
    await until('the first daemon to send', () => sendCalls() === 1);

    const second = await daemonOn(h).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(second).toBeInstanceOf(VanthuError);
    expect((second as VanthuError).code).toBe('DATA_DIR_LOCKED');
    expect((second as VanthuError).details?.['holder']).toMatchObject({ pid: process.pid });

    // The CLI says who holds it, and exits non-zero.
    const cli = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [VANTHU_BIN, 'start', '--port', '0', '--config', h.configPath, '--lang', 'en'],
        { env: h.env },
        (error, _out, stderr) => resolve({ code: error ? (error.code as number) : 0, stderr }),
      );
    });
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(
      new RegExp(`DATA_DIR_LOCKED: .*${h.home}/data \\(pid ${process.pid}, ws://127\\.0\\.0\\.1:\\d+/\\)`),
    );

    await until('the delivery to arrive', () => sentByUs() === 1);
    await sleep(1_500);
    expect(sentByUs()).toBe(1);
    expect(sendCalls()).toBe(1);
  }, 60_000);

  it('a daemon that cannot listen (PORT_IN_USE, naming the port and its holder) sends nothing and lets go of the directory', async () => {
    const h = homeWithQueuedDocument();
    const blocker = createServer();
    blockers.push(blocker);
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    const refused = await daemonOn(h, port).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(VanthuError);
    expect((refused as VanthuError).code).toBe('PORT_IN_USE');
    expect((refused as VanthuError).message).toContain(`127.0.0.1:${port} (pid ${process.pid}`);
    expect((refused as VanthuError).details).toMatchObject({ port, holder: { pid: process.pid } });
    await sleep(1_500);
    expect(sendCalls()).toBe(0);

    // The directory is free again: a daemon on a free port takes it and sends the document once.
    await daemonOn(h);
    await until('the delivery to arrive', () => sentByUs() === 1);
    expect(sendCalls()).toBe(1);
  }, 60_000);
});
