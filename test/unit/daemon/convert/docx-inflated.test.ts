import { randomBytes } from 'node:crypto';
import { VanthuError } from '@vanthu/shared/errors/index';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { checkDocxInflated } from '../../../../daemon/src/convert/docx-inflated.js';
import { docxDraft } from '../../../support/docx-draft.js';

const failure = (f: () => void): VanthuError => {
  try {
    f();
  } catch (e) {
    if (e instanceof VanthuError) return e;
    throw e;
  }
  throw new Error('expected a VanthuError');
};

const MiB = 1024 * 1024;

/** The plain draft's parts plus `extra`; `stored` parts are kept uncompressed (as a picture would be). */
function draftWith(extra: Record<string, Uint8Array>, stored: Record<string, Uint8Array> = {}): Uint8Array {
  const parts = unzipSync(docxDraft(['Dự thảo']));
  return zipSync({
    ...parts,
    ...extra,
    ...Object.fromEntries(Object.entries(stored).map(([name, data]) => [name, [data, { level: 0 }]])),
  });
}

/** XML that compresses like a bomb: `mib` MiB of the same paragraph. */
function repetitiveXml(mib: number): Uint8Array {
  const para = '<w:p><w:r><w:t>AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA</w:t></w:r></w:p>';
  return strToU8(
    `<?xml version="1.0"?><w:body>${para.repeat(Math.ceil((mib * MiB) / para.length))}</w:body>`,
  );
}

describe('a DOCX that inflates past what a draft needs is refused before LibreOffice loads it', () => {
  it('accepts a draft with a picture that does not compress', () => {
    expect(() =>
      checkDocxInflated(draftWith({}, { 'word/media/image1.jpeg': randomBytes(2 * MiB) })),
    ).not.toThrow();
  });

  it('refuses XML past 32 MiB, even when padding keeps the package under the ratio', () => {
    // 40 MiB of XML beside 600 KB of incompressible bytes: about 70× overall.
    const docx = draftWith(
      { 'word/header1.xml': repetitiveXml(40) },
      { 'word/media/p.bin': randomBytes(600 * 1024) },
    );
    const error = failure(() => checkDocxInflated(docx));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('32 MiB');
  });

  it('refuses a package that inflates past 100 times its size, whatever its parts hold', () => {
    const docx = draftWith({ 'word/media/blank.bin': new Uint8Array(16 * MiB) });
    const error = failure(() => checkDocxInflated(docx));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('100×');
  });
});
