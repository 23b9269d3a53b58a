import { describe, expect, it } from 'vitest';
import { DerFault, readTlv } from '../../../daemon/src/cms/der.js';
import {
  expectSequence,
  generalizedTime,
  oidString,
  only,
  smallInteger,
  utcTime,
  whole,
  x509Time,
} from '../../../daemon/src/cms/der-values.js';

// The DER value readers shared by the certificate and OCSP readers, one rule per test.

const tlv = (tag: number, body: number[] | Buffer): Uint8Array =>
  Uint8Array.from([tag, Buffer.from(body).length, ...Buffer.from(body)]);
const at0 = (bytes: Uint8Array) => ({ bytes, t: readTlv(bytes, 0) });
const oid = (body: number[]) => {
  const { bytes, t } = at0(tlv(0x06, body));
  return oidString(bytes, t);
};
const gt = (text: string) => {
  const { bytes, t } = at0(tlv(0x18, Buffer.from(text, 'latin1')));
  return generalizedTime(bytes, t);
};
const ut = (text: string) => {
  const { bytes, t } = at0(tlv(0x17, Buffer.from(text, 'latin1')));
  return utcTime(bytes, t);
};
const int = (body: number[]) => {
  const { bytes, t } = at0(tlv(0x02, body));
  return smallInteger(bytes, t, 'n');
};

describe('OBJECT IDENTIFIER', () => {
  it('reads arcs, the first two from one number (2.x above 39 included)', () => {
    expect(oid([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b])).toBe('1.2.840.113549.1.1.11');
    expect(oid([0x55, 0x1d, 0x0e])).toBe('2.5.29.14');
    expect(oid([0x81, 0x03])).toBe('2.51');
    expect(oid([0x27])).toBe('0.39');
  });

  it('refuses an empty one, one ending inside an arc, and an arc past 2^53', () => {
    expect(() => oid([])).toThrow('malformed OBJECT IDENTIFIER');
    expect(() => oid([0x2a, 0x86])).toThrow('malformed OBJECT IDENTIFIER');
    // Arcs up to (2^53 − 1) / 128, that is 2^46 − 1, read; one more does not.
    expect(oid([0x2a, 0x8f, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f])).toBe(`1.2.${2 ** 46 - 1}`);
    expect(() => oid([0x2a, 0x90, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00])).toThrow(
      'OBJECT IDENTIFIER arc too large',
    );
  });
});

describe('times', () => {
  it('GeneralizedTime in UTC, with a fraction of up to nine digits', () => {
    expect(gt('20261207221500Z').toISOString()).toBe('2026-12-07T22:15:00.000Z');
    expect(gt('20261207221500.5Z').toISOString()).toBe('2026-12-07T22:15:00.500Z');
    expect(gt('20261207221500.123456789Z').toISOString()).toBe('2026-12-07T22:15:00.123Z');
    for (const bad of [
      '20261207221500',
      'x20261207221500Z',
      '20261207221500Zx',
      '20261207221500.Z',
      '20261207221500.1234567890Z',
      '202612072215Z',
    ])
      expect(() => gt(bad), bad).toThrow(/^malformed GeneralizedTime/);
  });

  it('UTCTime: 00–49 are 20xx, 50–99 are 19xx; nothing else around it', () => {
    expect(ut('491231235959Z').getUTCFullYear()).toBe(2049);
    expect(ut('500101000000Z').getUTCFullYear()).toBe(1950);
    for (const bad of ['2612072215Z', 'x261207221500Z', '261207221500Zx', '261207221500+0700'])
      expect(() => ut(bad), bad).toThrow(/^malformed UTCTime/);
  });

  it('refuses a date or a time of day out of range', () => {
    for (const bad of [
      '20261307000000Z',
      '20260230000000Z',
      '20261232000000Z',
      '20261207240000Z',
      '20261207990000Z',
      '20261207106000Z',
      '20261207105960Z',
      '20261207235960Z',
    ])
      expect(() => gt(bad), bad).toThrow(/^time out of range/);
    expect(() => ut('261301000000Z')).toThrow(/^time out of range/);
    expect(gt('20240229235959Z').toISOString()).toBe('2024-02-29T23:59:59.000Z');
  });

  it('a message quotes at most 32 characters of a malformed time', () => {
    const long = `${'9'.repeat(40)}Z`;
    expect(() => gt(long)).toThrow(`malformed GeneralizedTime "${'9'.repeat(32)}"`);
    expect(() => ut(long)).toThrow(`malformed UTCTime "${'9'.repeat(32)}"`);
  });

  it('a certificate time is one or the other, nothing else', () => {
    const { bytes, t } = at0(tlv(0x04, [0x31]));
    expect(() => x509Time(bytes, t)).toThrow(/neither UTCTime nor GeneralizedTime/);
  });
});

describe('small integers and containers', () => {
  it('a non-negative INTEGER of one to four bytes', () => {
    expect(int([0])).toBe(0);
    expect(int([0x7f, 0xff, 0xff, 0xff])).toBe(0x7fffffff);
    expect(() => int([])).toThrow('n: not a small non-negative integer');
    expect(() => int([1, 2, 3, 4, 5])).toThrow(/not a small/);
    expect(() => int([0x80])).toThrow(/not a small/);
  });

  it('whole: one element and nothing after it', () => {
    expect(() => whole(Uint8Array.from([0x30, 0x00, 0x00]))).toThrow('bytes after the DER element');
    expect(() => whole(Uint8Array.from([0x30, 0x80, 0x00, 0x00]))).toThrow(/indefinite length/);
  });

  it('only: an explicit tag holds exactly one element', () => {
    const two = Uint8Array.from([0xa0, 0x04, 0x05, 0x00, 0x05, 0x00]);
    expect(() => only(two, readTlv(two, 0), 'x')).toThrow('x: [0] must hold one element');
    const none = Uint8Array.from([0xa1, 0x00]);
    expect(() => only(none, readTlv(none, 0), 'y')).toThrow('y: [1] must hold one element');
  });

  it('expectSequence names the structure and the kind it wanted', () => {
    const set = Uint8Array.from([0x31, 0x00]);
    expect(() => expectSequence(set, readTlv(set, 0), 'Thing')).toThrow('Thing is not a SEQUENCE');
    const seq = Uint8Array.from([0x30, 0x00]);
    expect(() => expectSequence(seq, readTlv(seq, 0), 'Rdn', 0x31)).toThrow('Rdn is not a SET');
    expect(() => expectSequence(seq, readTlv(seq, 0), 'Rdn', 0x31)).toThrow(DerFault);
  });
});
