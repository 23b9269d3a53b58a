import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type VerifyOptions, type VerifyReport, verifyPdf } from '../../../daemon/src/verify/index.js';
import {
  type AttackPair,
  type AttackSigners,
  dormantXrefMerge,
  fillEmptyFieldFullPage,
  firstContentStream,
  garbageSignatureOverHeader,
  otherSignatureOverHeader,
  popplerResourceChain,
  repairDifferential,
  sharedCategory,
  stampWithType3Font,
  type3InheritsPageResources,
} from '../../support/pdf-attacks-round3.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { render } from '../../support/validators.js';
import { type VerifyFixture, makeVerifyFixture } from '../../support/verify-fixture.js';

/**
 * Third round of attacks on a signed document (xref differentials, names added to resources that
 * forms or Type3 glyphs draw, a Type3 font in the number stamp, signature fields painting over the
 * header or the whole page). Each forged update changes what page 1 shows; the approver's signature
 * must not stay TOTAL_PASSED, and where the report names a page it is page 1.
 */

const tmp = tempDir('vanthu-attacks-r3-');
let fx: VerifyFixture;
let opts: VerifyOptions;
let signers: AttackSigners;

beforeAll(async () => {
  fx = await makeVerifyFixture(tmp.dir);
  opts = { trustPaths: [fx.rootPath], online: false };
  const approver = await fx.ca.issue('Nguyễn Văn An', { org: 'Sở Nội vụ' });
  const other = await fx.ca.issue('Lê Thị Bình', { org: 'Công ty Phần mềm Khác' });
  signers = { approver: approver.signer, other: other.signer };
}, 120_000);
afterAll(() => tmp.cleanup());

type Renderer = 'mupdf' | 'poppler';

/**
 * Page 1 of `bytes` rendered at 50 dpi by MuPDF (`mutool draw`, PNG) or poppler (`pdftoppm`, PPM).
 * mutool exits 1 after drawing a page that names a missing resource (the signed originals of A and
 * C do, by design), so its picture counts whenever it was written.
 */
function renderPage(name: string, bytes: Uint8Array, renderer: Renderer): Buffer {
  const file = join(tmp.dir, `${name}.pdf`);
  writeFileSync(file, bytes);
  if (renderer === 'poppler') return render(file, 1, 50, tmp.dir).rgb;
  const png = join(tmp.dir, `${name}.png`);
  const draw = spawnSync('mutool', ['draw', '-q', '-r', '50', '-o', png, file, '1'], { encoding: 'utf8' });
  expect(existsSync(png), `mutool draw ${name}: ${draw.stderr}`).toBe(true);
  return readFileSync(png);
}

function summary(r: VerifyReport): string {
  return JSON.stringify(
    {
      indication: r.indication,
      signatures: r.signatures.map((s) => ({
        field: s.field,
        indication: s.indication,
        sub: s.subIndication,
        changedPages: s.changedPages,
        errors: s.errors,
      })),
    },
    null,
    1,
  );
}

interface Case {
  tag: string;
  make: (base: Uint8Array, signers: AttackSigners) => Promise<AttackPair>;
  /** The viewer whose rendering the forgery targets (C works through poppler's resource lookup only). */
  renderer?: Renderer;
  /** For findings that are not about a page: the reason the approver's signature must give. */
  reason?: (pair: AttackPair) => string;
}

const CASES: Case[] = [
  { tag: 'q1-fill-empty-field-garbage', make: (b, s) => fillEmptyFieldFullPage(b, s, 'garbage') },
  { tag: 'q2-fill-empty-field-other-signer', make: (b, s) => fillEmptyFieldFullPage(b, s, 'other') },
  {
    tag: 'p-repair-differential',
    make: repairDifferential,
    reason: () => 'cross-reference entries point at wrong objects',
  },
  {
    tag: 'd-merge-dormant-xref',
    make: dormantXrefMerge,
    reason: (pair) => `object ${firstContentStream(pair.signed)} (stream) changed`,
  },
  { tag: 'a-shared-category', make: sharedCategory },
  { tag: 'b-type3-inherit', make: type3InheritsPageResources },
  { tag: 'c-poppler-chain', make: popplerResourceChain, renderer: 'poppler' },
  { tag: 'h-stamp-type3', make: stampWithType3Font },
  { tag: 'g-garbage-sig-over-header', make: garbageSignatureOverHeader },
  { tag: 'g2-other-sig-over-header', make: otherSignatureOverHeader },
];

describe('third-round attacks after signing are refused', () => {
  it.each(CASES)(
    '$tag',
    async ({ tag, make, renderer, reason }) => {
      const pair = await make(fx.base, signers);
      const before = renderPage(`${tag}-signed`, pair.signed, renderer ?? 'mupdf');
      const after = renderPage(`${tag}-attacked`, pair.attacked, renderer ?? 'mupdf');
      expect(before.equals(after), `${tag}: page 1 renders unchanged`).toBe(false);

      const r = await verifyPdf(pair.attacked, opts);
      const approver = r.signatures[0];
      expect(approver, summary(r)).toBeDefined();
      expect(approver!.integrity, summary(r)).toBe(true);
      expect(['TOTAL_FAILED', 'INDETERMINATE'], summary(r)).toContain(approver!.indication);
      expect(r.indication, summary(r)).not.toBe('TOTAL_PASSED');

      const errors = approver!.errors.join('\n');
      if (reason) {
        expect(errors, summary(r)).toContain(reason(pair));
      } else {
        expect(errors, summary(r)).toMatch(/\bpage 1\b/);
        expect(approver!.changedPages, summary(r)).toContain(1);
      }
      const pagesNamed = [...errors.matchAll(/\bpage (\d+)/g)].map((m) => Number(m[1]));
      expect(
        [...pagesNamed, ...approver!.changedPages].filter((p) => p !== 1),
        summary(r),
      ).toEqual([]);
    },
    60_000,
  );
});
