// Extension benchmark: content-script bundle size (gzipped, target ≤ 60 KB) and the time to find and
// decorate 1,000 document rows of a portal list with the demo profile (target ≤ 50 ms), measured in the
// system Chromium with the same engine code the content script ships (bundled as an IIFE); and the time
// from the consent click to a signed 20 MB PDF back in the demo portal against the daemon's own signing.
// Run: node --import tsx test/bench/extension.bench.ts (or `npm run bench -- extension`).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { buildExtension } from '../support/extension.js';
import {
  daemonCommandsAvailable,
  login,
  openFlow,
  outcomeOf,
  startExtensionSession,
  submitFlow,
} from '../support/extension-session.js';
import { makeVanBan } from '../support/pdf-inputs.js';

const ROWS = 1000;
const dir = await buildExtension({ demo: true });
const content = readFileSync(join(dir, 'content.js'));
const gz = gzipSync(content, { level: 9 }).length;
console.log(
  `content.js: ${(content.length / 1024).toFixed(1)} KB, gzipped ${(gz / 1024).toFixed(1)} KB (target ≤ 60 KB: ${gz <= 60 * 1024 ? 'ok' : 'MISSED'})`,
);

const tmp = mkdtempSync(join(tmpdir(), 'vanthu-bench-ext-'));
const entry = join(tmp, 'entry.ts');
const src = (p: string) => fileURLToPath(new URL(`../../extension/src/${p}`, import.meta.url));
await import('node:fs/promises').then((fs) =>
  fs.writeFile(
    entry,
    `import { decorate } from ${JSON.stringify(src('content/decorate.ts'))};
import { findDocuments } from ${JSON.stringify(src('profile/engine.ts'))};
import { DEMO_PORTAL_PROFILE } from ${JSON.stringify(src('profile/builtin.ts'))};
(globalThis as any).benchDecorate = () => {
  const t0 = performance.now();
  const docs = findDocuments(document, DEMO_PORTAL_PROFILE, location.href);
  const flows = (['sign', 'numberSeal', 'verify', 'register'] as const).filter((f) => DEMO_PORTAL_PROFILE.flows[f]);
  const actionsSelector = DEMO_PORTAL_PROFILE.documents.actions;
  const n = decorate(docs, { flows, onAction: () => {}, current: () => docs, ...(actionsSelector ? { actionsSelector } : {}) }).length;
  const t1 = performance.now();
  document.body.offsetHeight; // include the layout the insertion causes
  return { n, decorate: t1 - t0, withLayout: performance.now() - t0 };
};`,
  ),
);
await build({
  logLevel: 'silent',
  configFile: false,
  build: {
    outDir: tmp,
    emptyOutDir: false,
    lib: { entry, formats: ['iife'], name: 'bench', fileName: () => 'bench.js' },
  },
});
const script = readFileSync(join(tmp, 'bench.js'), 'utf8');
const rows = Array.from(
  { length: ROWS },
  (_, i) =>
    `<tr class="van-ban"><td>${i + 1}</td><td>${i}/QĐ-UBND</td><td>Trích yếu văn bản số ${i}</td><td><a class="tep-pdf" href="/tep/d-${i}.pdf">d-${i}.pdf</a></td><td class="thao-tac"></td></tr>`,
).join('');
const html = `<!doctype html><meta charset="utf-8"><table class="ds-van-ban">${rows}</table>`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage();
await page.route('http://127.0.0.1/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
const samples: { decorate: number; withLayout: number }[] = [];
for (let i = 0; i < 7; i++) {
  await page.goto('http://127.0.0.1/van-ban-den');
  await page.addScriptTag({ content: script });
  const r = await page.evaluate(() =>
    (
      globalThis as unknown as { benchDecorate(): { n: number; decorate: number; withLayout: number } }
    ).benchDecorate(),
  );
  if (r.n !== ROWS) throw new Error(`decorated ${r.n} rows, expected ${ROWS}`);
  samples.push(r);
}
await browser.close();
rmSync(tmp, { recursive: true, force: true });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const d = median(samples.map((s) => s.decorate));
const l = median(samples.map((s) => s.withLayout));
console.log(
  `decorate ${ROWS} rows: ${d.toFixed(1)} ms (median of 7), with layout ${l.toFixed(1)} ms (target ≤ 50 ms: ${d <= 50 ? 'ok' : 'MISSED'})`,
);

// Click to signed file back in the portal, 20 MB PDF, against the daemon's own signing time (the same
// demo token, key, image and file, signed in-process with signPdfFile): what the extension adds is the
// portal fetch, hashing, the socket transfer both ways, the hand-over to the content script and the
// portal's own upload.
if (!daemonCommandsAvailable()) {
  console.log(
    'click-to-signed-file, 20 MB: skipped (this build has no `vanthu start` / `vanthu native-host`)',
  );
} else {
  const session = await startExtensionSession();
  try {
    const big = Buffer.from(await makeVanBan({ padBytes: 20 * 1024 * 1024 }));
    const file = session.portal.pdfPath('dt-001');
    const mb = (big.length / 1024 / 1024).toFixed(1);
    const page = await session.context.newPage();
    await login(session, page, 'lanhdao');
    const clicks: number[] = [];
    const opens: number[] = [];
    const phases: { sign: number; handOver: number }[] = [];
    for (let run = 0; run < 3; run++) {
      writeFileSync(file, big);
      const versions = session.portal.document('dt-001')?.versions ?? 0;
      await page.goto(`${session.portal.url}/van-ban/dt-001`);
      const t0 = performance.now();
      const win = await openFlow(session, page, 'Ký số', 120_000);
      opens.push(performance.now() - t0);
      const t1 = await submitFlow(session, win, session.demo.signaturePng, 'Ký số');
      while ((session.portal.document('dt-001')?.versions ?? 0) === versions) await page.waitForTimeout(10);
      clicks.push(performance.now() - t1);
      // The portal's answer to the upload is still loading in the tab: let it finish first.
      await page.waitForURL(/\/van-ban\/dt-001\/tai-len$/);
      if (!(await outcomeOf(win)).includes('đã đưa vào cổng')) throw new Error('not delivered to the portal');
      phases.push(
        await win.evaluate(() => {
          // No named helpers in here: tsx would wrap them in a __name() the page does not have.
          const t = ['consent', 'signed', 'delivered'].map(
            (n) => performance.getEntriesByName(`vanthu:${n}`)[0]?.startTime ?? Number.NaN,
          );
          return { sign: (t[1] ?? 0) - (t[0] ?? 0), handOver: (t[2] ?? 0) - (t[1] ?? 0) };
        }),
      );
      await win.close();
    }
    const { openSigner } = await import('../../daemon/src/token/index.js');
    const { signPdfFile } = await import('../../daemon/src/pdf/sign-pdf.js');
    const { userConfigFile } = await import('../../daemon/src/token/config.js');
    const image = readFileSync(session.demo.signaturePng);
    const input = join(session.home, 'big.pdf');
    writeFileSync(input, big);
    const own: number[] = [];
    const signer = await openSigner(session.demo.approver.keyUri, {
      pin: session.demo.pin,
      configPath: userConfigFile(session.env),
    });
    try {
      for (let run = 0; run < 3; run++) {
        const out = join(session.home, `big-${run}.pdf`);
        const t = performance.now();
        await signPdfFile(input, out, { signer, role: 'approver', image });
        own.push(performance.now() - t);
      }
    } finally {
      await signer.close();
    }
    const c = median(clicks);
    const o = median(own);
    console.log(
      `click-to-signed-file, ${mb} MB: ${c.toFixed(0)} ms from the consent click to the portal holding the signed version (median of 3); daemon's own signing ${o.toFixed(0)} ms → ${(c / o).toFixed(2)} × the floor; opening the window (fetch, SHA-256, pdf.js, token list) ${median(opens).toFixed(0)} ms`,
    );
    console.log(
      `  of which: socket round trip with signing ${median(phases.map((p) => p.sign)).toFixed(0)} ms, hand-over to the content script (base64 runtime message, file input) ${median(phases.map((p) => p.handOver)).toFixed(0)} ms, the rest the portal's own upload`,
    );
  } finally {
    await session.close();
  }
}
