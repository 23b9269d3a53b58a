// Long-term validation benchmark: on a 100 MB document, a B-T signature (file to file, with the
// local TSA) against extending the signed result to B-LTA (`vanthu ltv extend --lta`: validation
// data from the local OCSP responder, an archive timestamp). Target: extend ≤ 1.3 × the B-T
// signature. LTV_BENCH_MB changes the size; LTV_BENCH_PROFILE=DIR keeps the verifications' CPU profiles.
// Then issue 16's "Performance": verifying the B-LTA file offline is no slower than verifying its
// B-T form online against the local responders. Both are whole `vanthu verify` processes (so no
// revocation answer is cached in memory), with the same configuration and a fresh revocation cache
// each time. Target: B-LTA offline ≤ 1.0 × B-T online (wall time, best of the pairs). Each pair is
// also timed in CPU (user + system, through /usr/bin/time): on a machine shared with other work the
// wall times mostly measure the wait for a core, the CPU times still compare the work.
// Run: node --import tsx test/bench/ltv.bench.ts (or `npm run bench -- ltv`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const MB = 1024 * 1024;
const SIZE = Number(process.env['LTV_BENCH_MB'] ?? 100);
/** Verification pairs per signed file: a small file's verification is short next to its signing. */
const PAIRS = SIZE > 50 ? 3 : 4;
const CLI = join(import.meta.dirname, '../../daemon/bin/vanthu.mjs');
/** LTV_BENCH_PROFILE=DIR writes each verification's CPU profile under DIR/lta-offline and DIR/bt-online. */
const PROFILE_DIR = process.env['LTV_BENCH_PROFILE'];

/**
 * One `vanthu verify --json` process on `file`: its wall and CPU time and the signatures'
 * indications and levels (checked, so a bench of a verification that failed cannot pass for a fast
 * one).
 */
function timedVerify(dir: string, file: string, root: string, offline: boolean) {
  const cache = mkdtempSync(join(dir, 'cache-'));
  const config = join(dir, 'verify-config.json');
  writeFileSync(
    config,
    JSON.stringify({ trust: { cacheDir: cache, fetch: { allowNetworks: ['127.0.0.0/8'] } } }),
  );
  const times = join(dir, 'time.txt');
  const args = [
    '-f',
    '%U %S',
    '-o',
    times,
    process.execPath,
    ...(PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${join(PROFILE_DIR, offline ? 'lta-offline' : 'bt-online')}`]
      : []),
    CLI,
    'verify',
    file,
    '--trust',
    root,
    '--config',
    config,
    '--json',
    ...(offline ? ['--offline'] : []),
  ];
  const at = performance.now();
  const r = spawnSync('/usr/bin/time', args, {
    encoding: 'utf8',
    env: { ...process.env, VANTHU_HOME: join(dir, 'home'), VANTHU_SYSTEM_CONFIG: join(dir, 'no-admin.json') },
  });
  const ms = performance.now() - at;
  const [user, system] = readFileSync(times, 'utf8').trim().split(/\s+/).slice(-2).map(Number);
  const cpuMs = ((user ?? Number.NaN) + (system ?? Number.NaN)) * 1000;
  rmSync(cache, { recursive: true, force: true });
  const report = JSON.parse(r.stdout || '{}') as {
    signatures?: { indication: string; level: string; revocation?: string }[];
  };
  const first = report.signatures?.[0];
  if (r.status !== 0 || first?.indication !== 'TOTAL_PASSED')
    throw new Error(
      `vanthu verify ${file} exited ${r.status}: ${r.stdout.slice(0, 400)}${r.stderr.slice(0, 400)}`,
    );
  return { ms, cpuMs, level: first.level, revocation: first.revocation };
}

async function main(): Promise<void> {
  const { makeVanBan, writeBigPdf } = await import('../support/pdf-inputs.js');
  const { makeInkPng, makeTestCa } = await import('../support/pdf-inputs-signer.js');
  const { startRevocationServices } = await import('../support/revocation.js');
  const { startTsa } = await import('../support/tsa.js');
  const { signPdfFile } = await import('../../daemon/src/pdf/sign-pdf.js');
  const { extendFile } = await import('../../daemon/src/pdf/ltv/extend.js');
  const { TrustStore } = await import('../../daemon/src/trust/store.js');
  const { verificationFetchLimits } = await import('../../daemon/src/trust/fetch-limits.js');
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-ltv-bench-'));
  const ca = await makeTestCa();
  const rev = await startRevocationServices(ca.rootPem, ca.rootKeyPem);
  try {
    const t = await ca.issue('bench TSA', { tsa: true, ocspUrl: rev.ocspUrl });
    const who = await ca.issue('bench signer', { ocspUrl: rev.ocspUrl });
    const notAfter = new Date(Date.now() + 90 * 86400_000);
    await rev.publish([
      { serialHex: t.serialHex, notAfter },
      { serialHex: who.serialHex, notAfter },
    ]);
    const tsa = await startTsa(t.certPem, t.keyPem, ca.rootPem);
    try {
      const base = await makeVanBan();
      const input = join(dir, 'in.pdf');
      writeBigPdf(input, base, SIZE * MB - base.length - 300);
      const store = new TrustStore();
      store.addAnchor(ca.rootDer);
      const image = makeInkPng('signature');
      const signed = join(dir, 'signed.pdf');
      const runs = SIZE > 50 ? 2 : 3;
      const signMs: number[] = [];
      const extendMs: number[] = [];
      const root = join(dir, 'root.pem');
      writeFileSync(root, ca.rootPem);
      const ltaOfflineMs: number[] = [];
      const btOnlineMs: number[] = [];
      const ltaOfflineCpu: number[] = [];
      const btOnlineCpu: number[] = [];
      const seen = new Set<string>();
      for (let i = 0; i < runs; i++) {
        rmSync(signed, { force: true });
        let at = performance.now();
        await signPdfFile(input, signed, {
          signer: who.signer,
          role: 'approver',
          image,
          tsa: tsa.url,
          level: 'B-T',
        });
        signMs.push(performance.now() - at);
        const out = join(dir, `lta-${i}.pdf`);
        const limits = verificationFetchLimits({ fetch: { allowNetworks: ['127.0.0.0/8'] } });
        at = performance.now();
        await extendFile(signed, out, { store, limits, lta: true, tsa: tsa.url });
        extendMs.push(performance.now() - at);
        for (let p = 0; p < PAIRS; p++) {
          const online = timedVerify(dir, signed, root, false);
          const offline = timedVerify(dir, out, root, true);
          btOnlineMs.push(online.ms);
          ltaOfflineMs.push(offline.ms);
          btOnlineCpu.push(online.cpuMs);
          ltaOfflineCpu.push(offline.cpuMs);
          seen.add(
            `B-T online: ${online.level}, revocation ${online.revocation}; B-LTA offline: ${offline.level}, revocation ${offline.revocation}`,
          );
        }
        rmSync(out, { force: true });
      }
      const best = (xs: number[]): number => Math.min(...xs);
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const ratio = best(extendMs) / best(signMs);
      const mb = (statSync(input).size / MB).toFixed(0);
      console.log(
        `${mb} MB: B-T sign ${best(signMs).toFixed(0)} ms, extend to B-LTA ${best(extendMs).toFixed(0)} ms, ratio ${ratio.toFixed(2)} (target ≤ 1.3)`,
      );
      const verifyRatio = best(ltaOfflineMs) / best(btOnlineMs);
      console.log(
        `${mb} MB: vanthu verify of the B-LTA file offline ${best(ltaOfflineMs).toFixed(0)} ms, of its B-T form online ${best(btOnlineMs).toFixed(0)} ms, ratio ${verifyRatio.toFixed(2)} (target ≤ 1.0; whole processes; ${[...seen].join(' | ')})`,
      );
      const cpuRatio = median(ltaOfflineCpu) / median(btOnlineCpu);
      console.log(
        `${mb} MB: CPU time (median of ${ltaOfflineCpu.length}) B-LTA offline ${median(ltaOfflineCpu).toFixed(0)} ms, B-T online ${median(btOnlineCpu).toFixed(0)} ms, ratio ${cpuRatio.toFixed(2)}; load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
    } finally {
      await tsa.close();
    }
  } finally {
    await rev.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
