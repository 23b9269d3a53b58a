// Daemon benchmark: small-request latency (p50/p99) and requests per second over an authenticated
// socket; a 100 MB document round trip (sign through the daemon) against a bare `ws` echo server
// moving the same bytes plus the in-process signing floor, both measured in the same run (target
// ≤ 1.3 ×); idle RSS of the daemon process. Daemon and echo server each run in their own process.
// Run: node --import tsx test/bench/daemon.bench.ts (or `npm run bench -- daemon`).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodeBinaryFrame } from '@vanthu/shared/protocol/index';
import WebSocket, { WebSocketServer } from 'ws';

const MB = 1024 * 1024;
const self = fileURLToPath(import.meta.url);
const KEY = 'p12:/bench/approver.p12';

async function serveDaemon(home: string): Promise<void> {
  const { makeTestCa } = await import('../support/pdf-inputs-signer.js');
  const { startDaemon } = await import('../../daemon/src/service/daemon.js');
  const { FileSecretStore } = await import('../../daemon/src/pairing/secret-store.js');
  const { engineVerifier } = await import('../../daemon/src/service/engines.js');
  const ca = await makeTestCa();
  const { signer } = await ca.issue('Bench Signer');
  const daemon = await startDaemon({
    env: { ...process.env, VANTHU_HOME: home, VANTHU_SYSTEM_CONFIG: join(home, 'none.json') },
    keys: { listTokens: async () => [], openSigner: async () => signer },
    verifier: engineVerifier(),
    port: 0,
    secretStore: new FileSecretStore(join(home, 'secret')),
    log: () => {},
  });
  global.gc?.();
  process.stdout.write(`${JSON.stringify({ port: daemon.port, secret: daemon.secretStore.get() })}\n`);
}

function serveEcho(): void {
  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    maxPayload: 8 * MB,
    perMessageDeflate: false,
  });
  wss.on('connection', (ws) =>
    ws.on('message', (data, isBinary) => ws.send(data as Buffer, { binary: isBinary })),
  );
  wss.on('listening', () => {
    const a = wss.address();
    process.stdout.write(`${JSON.stringify({ port: typeof a === 'object' && a ? a.port : 0 })}\n`);
  });
}

function child(mode: string, arg = ''): Promise<{ proc: ChildProcess; info: Record<string, unknown> }> {
  const proc = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', self, mode, arg], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => {
    let buf = '';
    proc.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve({ proc, info: JSON.parse(buf.split('\n')[0]!) });
    });
  });
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? 0) / 1024;
}

/** Idle RSS of the production entry point, `vanthu start`, on another port. */
async function cliIdleRss(home: string): Promise<number> {
  const cliHome = join(home, 'cli');
  mkdirSync(join(cliHome, 'config'), { recursive: true });
  writeFileSync(join(cliHome, 'config', 'config.json'), JSON.stringify({ server: { port: 47990 } }));
  const bin = join(fileURLToPath(new URL('../../daemon/bin/vanthu.mjs', import.meta.url)));
  const proc = spawn(process.execPath, [bin, 'start'], {
    env: { ...process.env, VANTHU_HOME: cliHome, VANTHU_SYSTEM_CONFIG: join(cliHome, 'none.json') },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve) => proc.stderr!.once('data', () => resolve()));
  await new Promise((r) => setTimeout(r, 1500));
  const rss = rssMb(proc.pid!);
  proc.kill();
  return rss;
}

const pct = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function main(): Promise<void> {
  const { TestClient } = await import('../support/daemon-client.js');
  const { makeVanBan, writeBigPdf } = await import('../support/pdf-inputs.js');
  const { makeInkPng, makeTestCa } = await import('../support/pdf-inputs-signer.js');
  const { signPdfDetailed } = await import('../../daemon/src/pdf/sign-pdf.js');
  const home = mkdtempSync(join(tmpdir(), 'vanthu-bench-daemon-'));
  mkdirSync(join(home, 'config'), { recursive: true });
  // The per-connection rate limit would otherwise be what we measure.
  writeFileSync(
    join(home, 'config', 'config.json'),
    JSON.stringify({ server: { requestsPerSecond: 10_000 } }),
  );
  const daemon = await child('serve', home);
  const echo = await child('echo');
  try {
    await new Promise((r) => setTimeout(r, 1000));
    const idleRss = rssMb(daemon.proc.pid!);
    const port = daemon.info['port'] as number;
    const c = await TestClient.connect(port);
    await c.pair(daemon.info['secret'] as string);

    // Small requests, one at a time: latency.
    for (let i = 0; i < 200; i++) await c.request('cancel', { target: 'none' });
    const lat: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = performance.now();
      await c.request('cancel', { target: 'none' });
      lat.push(performance.now() - t);
    }
    lat.sort((a, b) => a - b);
    // Throughput with 32 requests in flight (the daemon allows 8 per connection: 4 connections).
    const clients = [c];
    for (let i = 0; i < 3; i++) {
      const x = await TestClient.connect(port);
      await x.pair(daemon.info['secret'] as string);
      clients.push(x);
    }
    const total = 20_000;
    let sent = 0;
    const t0 = performance.now();
    await Promise.all(
      clients.flatMap((x) =>
        Array.from({ length: 8 }, async () => {
          while (sent < total) {
            sent++;
            const r = await x.request('cancel', { target: 'none' });
            if (!r.ok) throw new Error(r.error?.code);
          }
        }),
      ),
    );
    const rps = total / ((performance.now() - t0) / 1000);

    // 100 MB: sign through the daemon vs echo of the same bytes + the in-process signing floor.
    const base = await makeVanBan();
    const file = join(home, 'big.pdf');
    writeBigPdf(file, base, 100 * MB);
    const big = readFileSync(file);
    const image = makeInkPng('signature');
    const payload = {
      document: { bytes: big.length },
      key: KEY,
      pin: '1',
      role: 'approver',
      image: Buffer.from(image).toString('base64'),
    };
    const { signer } = await (await makeTestCa()).issue('Floor Signer');
    const runs = 3;
    const daemonMs: number[] = [];
    const echoMs: number[] = [];
    const floorMs: number[] = [];
    const e = new WebSocket(`ws://127.0.0.1:${echo.info['port']}/`, {
      perMessageDeflate: false,
      maxPayload: 8 * MB,
    });
    await new Promise((r) => e.once('open', r));
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const r = await c.request('sign', payload, big);
      if (!r.ok) throw new Error(`sign failed: ${r.error?.code} ${r.error?.message}`);
      daemonMs.push(performance.now() - t);
      // Echo: the same chunking, every byte up and back.
      t = performance.now();
      await new Promise<void>((resolve) => {
        let back = 0;
        const expected = Math.ceil(big.length / (4 * MB));
        const onMsg = () => {
          if (++back === expected) {
            e.off('message', onMsg);
            resolve();
          }
        };
        e.on('message', onMsg);
        for (let o = 0; o < big.length; o += 4 * MB)
          e.send(encodeBinaryFrame('echo', big.subarray(o, o + 4 * MB)));
      });
      echoMs.push(performance.now() - t);
      t = performance.now();
      await signPdfDetailed(big, { signer, role: 'approver', image });
      floorMs.push(performance.now() - t);
    }
    const best = (xs: number[]) => Math.min(...xs);
    const peer = best(echoMs) + best(floorMs);
    const ratio = best(daemonMs) / peer;
    const busyRss = rssMb(daemon.proc.pid!);
    console.log(
      `small requests (cancel, sequential, 3000): p50 ${pct(lat, 0.5).toFixed(3)} ms, p99 ${pct(lat, 0.99).toFixed(3)} ms`,
    );
    console.log(`throughput (4 connections × 8 in flight, ${total} requests): ${Math.round(rps)} requests/s`);
    console.log(
      `100 MB sign round trip through the daemon: ${best(daemonMs).toFixed(0)} ms (best of ${runs})`,
    );
    console.log(
      `  bare ws echo of the same bytes: ${best(echoMs).toFixed(0)} ms; in-process signPdf (floor): ${best(floorMs).toFixed(0)} ms`,
    );
    console.log(
      `  ratio daemon / (echo + floor): ${ratio.toFixed(2)} × (target ≤ 1.3 ×) ${ratio <= 1.3 ? 'OK' : 'OVER'}`,
    );
    console.log(`daemon RSS: idle ${idleRss.toFixed(0)} MB, after the 100 MB runs ${busyRss.toFixed(0)} MB`);
    e.close();
    for (const x of clients) x.close();
    console.log(
      `vanthu start (compiled CLI, real token layer and engines): idle RSS ${(await cliIdleRss(home)).toFixed(0)} MB`,
    );
  } finally {
    daemon.proc.kill();
    echo.proc.kill();
    rmSync(home, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === 'serve') await serveDaemon(process.argv[3]!);
else if (mode === 'echo') serveEcho();
else await main();
