// Long-term validation benchmark: on a 100 MB document, a B-T signature (file to file, with the
// local TSA) against extending the signed result to B-LTA (`vanthu ltv extend --lta`: validation
// data from the local OCSP responder, an archive timestamp). Target: extend ≤ 1.3 × the B-T
// signature. LTV_BENCH_MB changes the size.
// Run: node --import tsx test/bench/ltv.bench.ts (or `npm run bench -- ltv`).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MB = 1024 * 1024;
const SIZE = Number(process.env['LTV_BENCH_MB'] ?? 100);

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
        rmSync(out, { force: true });
      }
      const best = (xs: number[]): number => Math.min(...xs);
      const ratio = best(extendMs) / best(signMs);
      console.log(
        `${(statSync(input).size / MB).toFixed(0)} MB: B-T sign ${best(signMs).toFixed(0)} ms, extend to B-LTA ${best(extendMs).toFixed(0)} ms, ratio ${ratio.toFixed(2)} (target ≤ 1.3)`,
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
