// Makes the documentation picture docs/img/signed-page.png: a generated văn bản signed by the
// approver, then numbered, dated and sealed, rendered with pdftoppm.
// Run: node --import tsx test/support/pdf-inputs-demo.ts
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { signPdf } from '../../daemon/src/pdf/sign-pdf.js';
import { makeVanBan, tempDir } from './pdf-inputs.js';
import { makeInkPng, makeTestCa } from './pdf-inputs-signer.js';

const out = join(import.meta.dirname, '../../docs/img/signed-page');
const tmp = tempDir('vanthu-demo-');
try {
  const ca = await makeTestCa();
  const person = await ca.issue('Trần Văn Minh');
  const org = await ca.issue('UBND thành phố Cần Thơ', { org: 'Ủy ban nhân dân thành phố Cần Thơ' });
  const approved = await signPdf(await makeVanBan(), {
    signer: person.signer,
    role: 'approver',
    image: makeInkPng('signature'),
  });
  const sealed = await signPdf(approved, {
    signer: org.signer,
    role: 'seal',
    image: makeInkPng('seal'),
    number: '1637/QĐ-UBND',
    date: '2026-11-24',
    now: new Date('2026-11-24T03:05:09Z'),
  });
  const file = join(tmp.dir, 'signed.pdf');
  writeFileSync(file, sealed);
  execFileSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-png', '-singlefile', file, out]);
  console.log(`${out}.png`);
} finally {
  tmp.cleanup();
}
