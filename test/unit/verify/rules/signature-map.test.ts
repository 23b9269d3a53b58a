import { describe, expect, it } from 'vitest';
import { PdfReader } from '../../../../daemon/src/pdf/reader/index.js';
import {
  fieldRole,
  madeFieldOf,
  revisionSignatures,
  signatureMap,
} from '../../../../daemon/src/verify/signature-map.js';
import {
  type Objects,
  appendRevision,
  changesOf,
  sigDict,
  signedPdf,
  widget,
} from '../../../support/pdf-change-builder.js';

/**
 * Which signatures a revision holds and which it made (signature-map.ts): each rule below is one
 * test, read from the map itself, since the change analysis builds on it.
 */

/** Revision 2 lists `fields` in /Fields and writes `objects`. */
function rev2(fields: string, objects: Objects) {
  return PdfReader.fromBuffer(appendRevision(signedPdf(), { 9: `[10 0 R ${fields}]`, ...objects }));
}

/** The signature field "KyMoi" (20) made in revision 2 with the signature dictionary `sig`. */
function signedWith(sig: string) {
  return rev2('20 0 R', { 20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R' }), 21: sig });
}

const byteRangeEnd = (br: string) =>
  signatureMap(signedWith(sigDict('', br)), 2).fields.find((f) => f.name === 'KyMoi')?.byteRangeEnd;

describe('the signature map', () => {
  it('names a field by its ancestors, and a widget without /T by its field', () => {
    const reader = rev2('20 0 R', {
      20: '<< /T (Khoi) /Kids [21 0 R] >>',
      21: '<< /T (CoQuan) /FT /Sig /Parent 20 0 R /Kids [22 0 R] >>',
      22: widget({ parent: '21 0 R', v: '23 0 R', rect: '[0 0 10 10]' }),
      23: sigDict(),
    });
    expect(signatureMap(reader, 2).fields.map((f) => f.name)).toContain('Khoi.CoQuan');
  });

  it("counts as a field's widgets its kids without /T, direct or not, never a named kid", () => {
    const reader = rev2('20 0 R', {
      20: `<< /T (KyMoi) /FT /Sig /V 23 0 R /Kids [21 0 R 22 0 R ${widget({ parent: '20 0 R' })}] >>`,
      21: widget({ parent: '20 0 R' }),
      22: '<< /T (Con) /Parent 20 0 R >>',
      23: sigDict(),
    });
    const field = signatureMap(reader, 2).fields.find((f) => f.name === 'KyMoi');
    expect(field?.widgets).toEqual(new Set(['21 0']));
  });

  it('finds a signature 32 levels below /Fields, not 33', () => {
    const nested = (levels: number): Objects => {
      const objects: Objects = {};
      for (let i = 0; i < levels; i++) objects[100 + i] = `<< /T (N${i}) /Kids [${101 + i} 0 R] >>`;
      objects[100 + levels] = widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R' });
      objects[21] = sigDict();
      return objects;
    };
    expect(revisionSignatures(rev2('100 0 R', nested(32)), 2).made).toHaveLength(1);
    expect(revisionSignatures(rev2('100 0 R', nested(33)), 2).made).toHaveLength(0);
  });

  it('walks a field whose /Kids loop back to it once, so its signature has one owner', () => {
    const bytes = appendRevision(signedPdf(), {
      7: '[10 0 R 20 0 R]',
      9: '[10 0 R 20 0 R]',
      20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R', extra: '/Kids [20 0 R]' }),
      21: sigDict(),
    });
    expect(revisionSignatures(PdfReader.fromBuffer(bytes), 2).made.map((f) => f.name)).toEqual(['KyMoi']);
    expect(changesOf(bytes).findings.join('\n')).not.toContain('one signature is the value of');
  });

  it('keeps two direct fields apart, and two direct signatures of fields named alike', () => {
    const direct = (t: string) => widget({ ft: 'Sig', t, v: sigDict() });
    const reader = PdfReader.fromBuffer(basePdfWithFields(`${direct('Mot')} ${direct('Hai')}`));
    expect(signatureMap(reader, 1).fields.map((f) => f.name)).toEqual(['Mot', 'Hai']);
    const alike = rev2('20 0 R 30 0 R', { 20: direct('KyMoi'), 30: direct('KyMoi') });
    expect(revisionSignatures(alike, 2).made).toHaveLength(2);
    const inline = appendRevision(signedPdf(), { 6: `<< /Fields [10 0 R ${direct('KyMoi')}] >>` });
    expect(revisionSignatures(PdfReader.fromBuffer(inline), 2).made.map((f) => f.name)).toEqual(['KyMoi']);
  });

  it('a direct signature value is made when its field had no /V before, not when it had one', () => {
    const fresh = rev2('20 0 R', { 20: widget({ ft: 'Sig', t: 'KyMoi', v: sigDict() }) });
    expect(revisionSignatures(fresh, 2).made.map((f) => f.name)).toEqual(['KyMoi']);
    const refilled = PdfReader.fromBuffer(
      appendRevision(
        signedPdf({}, { 9: '[10 0 R 20 0 R]', 20: widget({ ft: 'Sig', t: 'KyMoi', v: sigDict() }) }),
        {
          20: widget({ ft: 'Sig', t: 'KyMoi', v: sigDict('/M (D:20261207)') }),
        },
      ),
    );
    expect(revisionSignatures(refilled, 2).made).toEqual([]);
  });

  it('marks a document timestamp by its /Type or by its /SubFilter alone', () => {
    const stamp = (extra: string) =>
      signatureMap(signedWith(sigDict(extra)), 2).fields.find((f) => f.name === 'KyMoi')?.docTimestamp;
    expect(stamp('')).toBe(false);
    expect(stamp('/Type /DocTimeStamp')).toBe(true);
    const rfc3161 = signedWith(
      '<< /Type /Sig /SubFilter /ETSI.RFC3161 /ByteRange [0 1 2 @@@@@@@@@@] /Contents <0000> >>',
    );
    expect(signatureMap(rfc3161, 2).fields.find((f) => f.name === 'KyMoi')?.docTimestamp).toBe(true);
  });

  it('reads the end of a /ByteRange only from pairs of numbers', () => {
    expect(byteRangeEnd('[0 10 20 5]')).toBe(25);
    expect(byteRangeEnd('[20 5 0 10]')).toBe(25);
    expect(byteRangeEnd('[]')).toBeUndefined();
    expect(byteRangeEnd('7')).toBeUndefined();
    expect(byteRangeEnd('[0 (a) 20 5]')).toBeUndefined();
    expect(byteRangeEnd('[(a) 10 20 5]')).toBeUndefined();
  });
});

describe('a signature made in a revision', () => {
  it('needs a /ByteRange that can be read', () => {
    expect(revisionSignatures(signedWith(sigDict('', '[0 1 2]')), 2).made).toEqual([]);
  });

  it('may reuse an object number freed before it', () => {
    const freed = appendRevision(signedPdf({}, { 21: '<< /Nothing true >>' }), { 21: null });
    const bytes = appendRevision(freed, {
      9: '[10 0 R 20 0 R]',
      20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R' }),
      21: sigDict(),
    });
    expect(revisionSignatures(PdfReader.fromBuffer(bytes), 3).made.map((f) => f.name)).toEqual(['KyMoi']);
  });

  it('ends at its revision, not past it, and only blanks may follow it inside the revision', () => {
    const signed = appendRevision(signedPdf(), {
      9: '[10 0 R 20 0 R]',
      20: widget({ ft: 'Sig', t: 'KyMoi', v: '21 0 R' }),
      21: sigDict(),
    });
    const end = PdfReader.fromBuffer(signed).revisions[2]!.endOffset;
    const at = (signedEnd: number) => {
      const bytes = Buffer.from(signed);
      const field = bytes.lastIndexOf(`[0 1 2 ${String(end - 2).padStart(10, '0')}]`);
      bytes.write(String(signedEnd - 2).padStart(10, '0'), field + 7, 'latin1');
      // A later revision follows, so bytes past this revision's end are there to be read.
      const later = appendRevision(bytes, { 30: '<< /Later true >>' });
      return revisionSignatures(PdfReader.fromBuffer(later), 2).made.length;
    };
    expect(at(end)).toBe(1);
    expect(at(end + 1)).toBe(0);
    expect(at(end - 1)).toBe(1);
    // Without %%EOF the last revision ends at the end of the file, so a blank may be what follows.
    const blank = Buffer.from(signed);
    blank.write('%%EOX ', blank.length - 6, 'latin1');
    blank.write(
      String(end - 3).padStart(10, '0'),
      blank.lastIndexOf(`[0 1 2 ${String(end - 2).padStart(10, '0')}]`) + 7,
      'latin1',
    );
    expect(revisionSignatures(PdfReader.fromBuffer(blank), 2).made).toHaveLength(1);
  });

  it('by the field CoQuan (or CoQuan_2) is a seal signature; another role is not', () => {
    expect(fieldRole('CoQuan')).toBe('seal');
    expect(fieldRole('CoQuan_2')).toBe('seal');
    expect(fieldRole('X_CoQuan_')).toBeUndefined();
    expect(revisionSignatures(signedWith(sigDict()), 2).addsSeal).toBe(false);
    const seal = rev2('20 0 R', { 20: widget({ ft: 'Sig', t: 'CoQuan', v: '21 0 R' }), 21: sigDict() });
    expect(revisionSignatures(seal, 2).addsSeal).toBe(true);
  });

  it('is found by its field or its widget, and by no other object', () => {
    const sigs = revisionSignatures(signedWith(sigDict()), 2);
    expect(madeFieldOf(sigs, '20 0')?.name).toBe('KyMoi');
    expect(madeFieldOf(sigs, '10 0')).toBeUndefined();
  });
});

/** The base document with `fields` written directly in its /Fields array. */
function basePdfWithFields(fields: string) {
  return signedPdf({ 6: `<< /Fields [${fields}] >>` }, { 9: '[]' });
}
