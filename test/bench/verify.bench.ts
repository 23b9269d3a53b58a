// Verification benchmark. (1) A 100 MB file with two signatures (approver, then seal), whole
// processes, node start-up included: `vanthu verify --json` (the CLI, which loads only the verify command),
// a process running only verifyPdf from daemon/dist (what the daemon service pays per request,
// minus start-up), `pdfsig` on the same file in the same run, and the floor (a process reading the
// file and hashing it once with SHA-256). Target: ours ≤ 1.0 × pdfsig. (2) 1,000 small signed files verified in one process: files per second,
// with pdfsig's rate (one process per file, as it must be run) on a sample of 100.
// Run: node --import tsx test/bench/verify.bench.ts (or `npm run bench -- verify`).
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MB = 1024 * 1024;
const CLI = join(import.meta.dirname, '../../daemon/bin/vanthu.mjs');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeProcess(cmd: string, args: string[]): { ms: number; status: number | null; out: string } {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * MB });
  return { ms: performance.now() - t, status: r.status, out: `${r.stdout}${r.stderr}` };
}

async function main(): Promise<void> {
  const { makeVanBan, writeBigPdf } = await import('../support/pdf-inputs.js');
  const { makeInkPng, makeTestCa } = await import('../support/pdf-inputs-signer.js');
  const { makeNssDb } = await import('../support/validators.js');
  const { signPdf, signPdfFile } = await import('../../daemon/src/pdf/sign-pdf.js');
  const { verifyPdf } = await import('../../daemon/src/verify/index.js');
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-verify-bench-'));
  try {
    const ca = await makeTestCa();
    const root = join(dir, 'root.pem');
    writeFileSync(root, ca.rootPem);
    const nss = makeNssDb(dir, ca.rootPem);
    const person = await ca.issue('Nguyễn Văn An', { org: 'UBND thành phố Cần Thơ' });
    const org = await ca.issue('UBND thành phố Cần Thơ', { org: 'UBND thành phố Cần Thơ' });
    const base = await makeVanBan();

    // (1) 100 MB, two signatures.
    const big = join(dir, 'big.pdf');
    const approved = join(dir, 'big-a.pdf');
    const sealed = join(dir, 'big-as.pdf');
    writeBigPdf(big, base, 100 * MB);
    await signPdfFile(big, approved, {
      signer: person.signer,
      role: 'approver',
      image: makeInkPng('signature'),
      rect: [350, 180, 150, 95],
    });
    await signPdfFile(approved, sealed, { signer: org.signer, role: 'seal', image: makeInkPng('seal') });
    rmSync(big);
    rmSync(approved);
    const floorScript =
      "const{createHash}=require('node:crypto');const fs=require('node:fs');const h=createHash('sha256');" +
      'const fd=fs.openSync(process.argv[1]);const b=Buffer.allocUnsafe(8<<20);let n;' +
      'while((n=fs.readSync(fd,b))>0)h.update(b.subarray(0,n));console.log(h.digest("hex"))';
    const apiScript =
      "import('" +
      join(import.meta.dirname, '../../daemon/dist/verify/index.js').replace(/\\/g, '/') +
      "')" +
      '.then(({verifyPdf})=>verifyPdf(process.argv[1],{trustPaths:[process.argv[2]],online:false}))' +
      '.then(r=>{process.stdout.write(JSON.stringify(r));process.exitCode=r.indication==="TOTAL_PASSED"?0:1})';
    const ours: number[] = [];
    const api: number[] = [];
    const pdfsig: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < 5; i++) {
      const o = timeProcess(process.execPath, [
        CLI,
        'verify',
        sealed,
        '--trust',
        root,
        '--offline',
        '--json',
      ]);
      if (o.status !== 0) throw new Error(`vanthu verify exited ${o.status}: ${o.out.slice(0, 500)}`);
      ours.push(o.ms);
      const a = timeProcess(process.execPath, ['-e', apiScript, sealed, root]);
      if (a.status !== 0) throw new Error(`verifyPdf process exited ${a.status}: ${a.out.slice(0, 500)}`);
      api.push(a.ms);
      const p = timeProcess('pdfsig', ['-nssdir', `sql:${nss}`, sealed]);
      if (!/Signature is Valid/.test(p.out))
        throw new Error(`pdfsig did not validate: ${p.out.slice(0, 500)}`);
      pdfsig.push(p.ms);
      floor.push(timeProcess(process.execPath, ['-e', floorScript, sealed]).ms);
    }
    const o = median(ours);
    const v = median(api);
    const p = median(pdfsig);
    const f = median(floor);
    console.log('100 MB, two signatures (median of 5, whole process)');
    console.log(
      `  vanthu verify CLI ${o.toFixed(0)} ms   verifyPdf process ${v.toFixed(0)} ms   pdfsig ${p.toFixed(0)} ms   ` +
        `floor (node read + one SHA-256) ${f.toFixed(0)} ms`,
    );
    console.log(
      `  verifyPdf/pdfsig ${(v / p).toFixed(2)} (target ≤ 1.0)   CLI/pdfsig ${(o / p).toFixed(2)}   ` +
        `verifyPdf/floor ${(v / f).toFixed(2)}`,
    );

    // (2) 1,000 small signed files (10 distinct documents, copied).
    const small: string[] = [];
    const distinct: string[] = [];
    for (let i = 0; i < 10; i++) {
      const a = await signPdf(base, {
        signer: person.signer,
        role: 'approver',
        image: makeInkPng('signature'),
        reason: `bench ${i}`,
      });
      const s = await signPdf(a, { signer: org.signer, role: 'seal', image: makeInkPng('seal') });
      const pth = join(dir, `small-${i}.pdf`);
      writeFileSync(pth, s);
      distinct.push(pth);
    }
    for (let i = 0; i < 1000; i++) {
      const pth = join(dir, `copy-${i}.pdf`);
      copyFileSync(distinct[i % 10]!, pth);
      small.push(pth);
    }
    const t = performance.now();
    let passed = 0;
    for (const pth of small) {
      const r = await verifyPdf(pth, { trustPaths: [root], online: false });
      if (r.indication === 'TOTAL_PASSED') passed++;
    }
    const ms = performance.now() - t;
    if (passed !== small.length) throw new Error(`${small.length - passed} small files did not pass`);
    const tp = performance.now();
    for (const pth of small.slice(0, 100)) timeProcess('pdfsig', ['-nssdir', `sql:${nss}`, pth]);
    const pms = performance.now() - tp;
    console.log('1,000 small files with two signatures each (one process, in-process API)');
    console.log(
      `  vanthu ${((small.length / ms) * 1000).toFixed(0)} files/s (${(ms / small.length).toFixed(1)} ms each)   ` +
        `pdfsig ${((100 / pms) * 1000).toFixed(0)} files/s (process per file, sample of 100)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
