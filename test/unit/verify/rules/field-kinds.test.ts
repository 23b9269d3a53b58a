import { describe, expect, it } from 'vitest';
import { PdfDict, PdfReader, PdfRef } from '../../../../daemon/src/pdf/reader/index.js';
import {
  fieldName,
  fieldType,
  isInvisibleWidget,
  isSignatureDict,
  isSignedField,
  isStampField,
  qualifiedFieldName,
  valueHolder,
} from '../../../../daemon/src/verify/field-kinds.js';
import { basePdf } from '../../../support/pdf-change-builder.js';

/** field-kinds.ts: what a field is, read through /Parent, and which widgets nobody sees. */

/** A one-revision document holding `objects`; returns the reader and a lookup of dictionaries. */
function doc(objects: Record<number, string>) {
  const r = PdfReader.fromBuffer(basePdf(objects));
  const d = (num: number): PdfDict => {
    const v = r.resolveAt(new PdfRef(num, 0), 0);
    if (!(v instanceof PdfDict)) throw new Error(`object ${num} is not a dictionary`);
    return v;
  };
  return { r, d };
}

describe('fieldType', () => {
  it('is inherited through every level of /Parent', () => {
    const { r, d } = doc({
      20: '<< /FT /Sig /T (a) >>',
      21: '<< /Parent 20 0 R /T (b) >>',
      22: '<< /Parent 21 0 R /T (c) >>',
      23: '<< /Parent 22 0 R >>',
    });
    expect(fieldType(r, d(23), 0)).toBe('Sig');
    expect(fieldType(r, d(21), 0)).toBe('Sig');
    expect(fieldName(r, d(23), 0)).toBe('c');
    expect(qualifiedFieldName(r, d(23), 0)).toBe('a.b.c');
    expect(qualifiedFieldName(r, d(20), 0)).toBe('a');
  });

  it('the nearest /FT wins, a non-name /FT is none, and a loop ends', () => {
    const { r, d } = doc({
      20: '<< /FT /Sig >>',
      21: '<< /Parent 20 0 R /FT /Tx >>',
      22: '<< /FT (Sig) >>',
      23: '<< /Parent 24 0 R >>',
      24: '<< /Parent 23 0 R >>',
    });
    expect(fieldType(r, d(21), 0)).toBe('Tx');
    expect(fieldType(r, d(22), 0)).toBeUndefined();
    expect(fieldType(r, d(23), 0)).toBeUndefined();
    expect(fieldName(r, d(23), 0)).toBe('(unnamed)');
    expect(qualifiedFieldName(r, d(23), 0)).toBe('(unnamed)');
  });
});

describe('isSignatureDict', () => {
  const { r, d } = doc({
    20: '<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>',
    21: '<< /Type /DocTimeStamp /ByteRange [0 1 2 3] /Contents <00> >>',
    22: '<< /ByteRange [0 1 2 3] /Contents <00> >>',
    23: '<< /Type /Annot /ByteRange [0 1 2 3] /Contents <00> >>',
    24: '<< /Type /Sig /Contents <00> >>',
    25: '<< /Type /Sig /ByteRange [0 1 2 3] /Contents 5 >>',
    26: '<< /Type /Sig /ByteRange 26 /Contents <00> >>',
    27: '<< /Type /Sig /ByteRange 28 0 R /Contents 29 0 R >>',
    28: '[0 1 2 3]',
    29: '<00>',
  });

  it('is a dictionary with a /ByteRange array and a string /Contents, typed /Sig or /DocTimeStamp if typed', () => {
    expect([20, 21, 22, 27].map((n) => isSignatureDict(r, d(n), 0))).toEqual([true, true, true, true]);
    expect([23, 24, 25, 26].map((n) => isSignatureDict(r, d(n), 0))).toEqual([false, false, false, false]);
    expect(isSignatureDict(r, undefined, 0)).toBe(false);
  });

  it('a signed field is one whose own or inherited /V is such a dictionary', () => {
    const fields = doc({
      20: '<< /Type /Sig /ByteRange [0 1 2 3] /Contents <00> >>',
      21: '<< /FT /Sig /V 20 0 R >>',
      22: '<< /Parent 21 0 R >>',
      23: '<< /FT /Sig /V << /Type /Sig /Contents <00> >> >>',
    });
    expect(isSignedField(fields.r, fields.d(21), 0)).toBe(true);
    expect(isSignedField(fields.r, fields.d(22), 0)).toBe(true);
    expect(isSignedField(fields.r, fields.d(23), 0)).toBe(false);
  });
});

describe('valueHolder', () => {
  it('is the nearest object with a /V, with its key', () => {
    const { r } = doc({
      20: '<< /V 30 0 R >>',
      21: '<< /Parent 20 0 R >>',
      22: '<< /Parent 21 0 R /V 31 0 R >>',
      23: '<< /Parent 24 0 R >>',
      24: '<< /Parent 23 0 R >>',
      25: '<< /Parent 21 0 R >>',
      26: '<< /Parent 25 0 R >>',
    });
    expect(valueHolder(r, new PdfRef(21, 0), 0)).toEqual({ key: '20 0', value: new PdfRef(30, 0) });
    expect(valueHolder(r, new PdfRef(26, 0), 0)).toEqual({ key: '20 0', value: new PdfRef(30, 0) });
    expect(valueHolder(r, new PdfRef(22, 0), 0)).toEqual({ key: '22 0', value: new PdfRef(31, 0) });
    expect(valueHolder(r, new PdfDict(new Map([['V', 1]])), 0)).toEqual({ key: undefined, value: 1 });
    expect(valueHolder(r, new PdfRef(23, 0), 0)).toBeUndefined();
    expect(valueHolder(r, new PdfRef(99, 0), 0)).toBeUndefined();
  });
});

describe('isStampField', () => {
  const { r, d } = doc({
    20: '<< /FT /Tx /T (SoVanBan) /Ff 1 >>',
    21: '<< /FT /Tx /T (SoVanBan) >>',
    22: '<< /FT /Tx /T (SoVanBan) /Ff 4097 >>',
    23: '<< /FT /Tx /T (SoVanBan) /Ff 2 >>',
    24: '<< /FT /Tx /T (NgayBanHanh.Thang) /Ff 1 >>',
    25: '<< /Parent 30 0 R /Ff 1 >>',
    30: '<< /FT /Tx /T (NgayBanHanh_2.Nam) >>',
    26: '<< /FT /Tx /T (SoVanBanKhac) /Ff 1 >>',
    27: '<< /FT /Sig /T (SoVanBan) /Ff 1 >>',
    28: '<< /FT /Tx /T (SoVanBan_2) /Ff 1 >>',
    29: '<< /FT /Tx /T (GhiChu) /Ff 1 >>',
  });

  it('is a read-only text field named as our seal step names them', () => {
    expect([20, 22, 24, 25, 28].map((n) => isStampField(r, d(n), 0))).toEqual([true, true, true, true, true]);
  });

  it('is not one without the read-only flag, of another type or name', () => {
    expect([21, 23, 26, 27, 29].map((n) => isStampField(r, d(n), 0))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('isInvisibleWidget', () => {
  const { r, d } = doc({
    20: '<< /F 2 /Rect [0 0 100 100] >>',
    21: '<< /F 32 /Rect [0 0 100 100] >>',
    22: '<< /F 4 /Rect [0 0 100 100] >>',
    23: '<< /Rect [10 10 10 50] >>',
    24: '<< /Rect [10 10 50 10] >>',
    25: '<< /Rect [10 10 11 11] >>',
    26: '<< /Rect [10 10 (a) 10] >>',
    27: '<< /Rect [10 10 10] >>',
    28: '<< >>',
    29: '<< /F 1 /Rect 30 0 R >>',
    30: '[5 5 5 9]',
  });

  it('is hidden or no-view, or has a zero-width or zero-height rectangle', () => {
    expect([20, 21, 23, 24, 29].map((n) => isInvisibleWidget(r, d(n), 0))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
  });

  it('a small one, or one without a readable rectangle, is visible', () => {
    expect([22, 25, 26, 27, 28].map((n) => isInvisibleWidget(r, d(n), 0))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(isInvisibleWidget(r, new PdfDict(), 0)).toBe(false);
  });
});

describe('the /Parent chain is read 32 objects deep', () => {
  /** Field 100 with 32 ancestors 101…132; the last one holds `top`. */
  function chain(top: string) {
    const objects: Record<number, string> = {};
    for (let n = 100; n < 132; n++) objects[n] = `<< /Parent ${n + 1} 0 R >>`;
    objects[132] = `<< ${top} >>`;
    objects[131] = '<< /Parent 132 0 R /T (b) >>';
    objects[100] = '<< /Parent 101 0 R /T (a) >>';
    return doc(objects);
  }

  it('an attribute 32 levels up is not inherited', () => {
    const { r, d } = chain('/FT /Sig /T (top) /V 5 0 R');
    expect(fieldType(r, d(100), 0)).toBeUndefined();
    expect(fieldType(r, d(101), 0)).toBe('Sig');
    expect(valueHolder(r, new PdfRef(100, 0), 0)).toBeUndefined();
    expect(valueHolder(r, new PdfRef(101, 0), 0)?.key).toBe('132 0');
    expect(qualifiedFieldName(r, d(100), 0)).toBe('b.a');
  });
});
