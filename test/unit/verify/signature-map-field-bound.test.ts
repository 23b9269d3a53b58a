import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../../daemon/src/pdf/reader/index.js';
import { signatureMap } from '../../../daemon/src/verify/signature-map.js';
import { appendRevision, sigDict, signedPdf, widget } from '../../support/pdf-change-builder.js';

/**
 * The signature map stops walking /AcroForm /Fields once more than 100 000 field objects were
 * read, so a hostile form cannot make it walk without end. The objects before the bound are
 * references to numbers the file never writes: each counts as read, and costs no parsing.
 */
describe('the signature map, on a form with too many fields', () => {
  it('reads a field after 100 000 field objects, and none after 100 001', () => {
    const fillers = Array.from({ length: 100_000 }, (_, i) => `${1000 + i} 0 R`).join(' ');
    const bytes = appendRevision(signedPdf(), {
      9: `[${fillers} 20 0 R 30 0 R]`,
      20: widget({ ft: 'Sig', t: 'Trong', v: '21 0 R' }),
      21: sigDict(),
      30: widget({ ft: 'Sig', t: 'Ngoai', v: '31 0 R' }),
      31: sigDict(),
    });
    const map = signatureMap(PdfReader.fromBuffer(bytes), 2);
    expect(map.fields.map((f) => f.name)).toEqual(['Trong']);
    expect(map.reachable.has('30 0')).toBe(false);
  });
});
