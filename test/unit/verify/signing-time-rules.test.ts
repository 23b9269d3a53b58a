import { describe, expect, it } from 'vitest';
import { parsePdfDate, signingTimeWarning } from '../../../daemon/src/verify/signing-time.js';

/** standards.md §7: PDF date strings (ISO 32000-1 §7.9.4) and the +7 h signingTime quirk. */

const iso = (s: string | undefined): string | undefined => parsePdfDate(s)?.toISOString();

describe('parsePdfDate', () => {
  it('nothing to parse is no date', () => {
    expect(parsePdfDate(undefined)).toBeUndefined();
    expect(parsePdfDate('')).toBeUndefined();
    expect(parsePdfDate('D:')).toBeUndefined();
    expect(parsePdfDate('D:26')).toBeUndefined();
  });

  it('the date starts the string: a year further in is not read', () => {
    expect(parsePdfDate('signed 20261124')).toBeUndefined();
    expect(parsePdfDate('x D:20261124')).toBeUndefined();
  });

  it('reads the D: prefix as optional and ignores surrounding blanks', () => {
    expect(iso('20261124100000Z')).toBe('2026-11-24T10:00:00.000Z');
    expect(iso("  D:20261124100000+07'00'  ")).toBe('2026-11-24T03:00:00.000Z');
  });

  it('each missing part takes its earliest value (month and day 1, time 00:00:00)', () => {
    expect(iso('D:2026')).toBe('2026-01-01T00:00:00.000Z');
    expect(iso('D:202611')).toBe('2026-11-01T00:00:00.000Z');
    expect(iso('D:20261124')).toBe('2026-11-24T00:00:00.000Z');
    expect(iso('D:2026112410')).toBe('2026-11-24T10:00:00.000Z');
    expect(iso('D:202611241030')).toBe('2026-11-24T10:30:00.000Z');
    expect(iso('D:20261124103045')).toBe('2026-11-24T10:30:45.000Z');
  });

  it('a positive offset is subtracted, a negative one added, hours and minutes both', () => {
    expect(iso("D:20261124100000+07'00'")).toBe('2026-11-24T03:00:00.000Z');
    expect(iso("D:20261124100000+05'30'")).toBe('2026-11-24T04:30:00.000Z');
    expect(iso("D:20261124100000-05'30'")).toBe('2026-11-24T15:30:00.000Z');
    expect(iso("D:20261124100000-00'45'")).toBe('2026-11-24T10:45:00.000Z');
  });

  it('the apostrophes and the offset minutes are optional', () => {
    expect(iso('D:20261124100000+07')).toBe('2026-11-24T03:00:00.000Z');
    expect(iso('D:20261124100000+0730')).toBe('2026-11-24T02:30:00.000Z');
    expect(iso("D:20261124100000+07'")).toBe('2026-11-24T03:00:00.000Z');
    expect(iso('D:20261124100000+')).toBe('2026-11-24T10:00:00.000Z');
  });

  it('Z (either case) is UTC, even with an offset after it', () => {
    expect(iso('D:20261124100000z')).toBe('2026-11-24T10:00:00.000Z');
    expect(iso("D:20261124100000Z07'00'")).toBe('2026-11-24T10:00:00.000Z');
  });

  it('a date without a zone is read as UTC', () => {
    expect(iso('D:20261124100000')).toBe('2026-11-24T10:00:00.000Z');
    expect(iso("D:20261124100000 07'00'")).toBe('2026-11-24T10:00:00.000Z');
  });
});

describe('signingTimeWarning', () => {
  const gen = new Date('2026-11-24T03:00:00Z');
  const at = (s: number) => new Date(gen.getTime() + s * 1000);

  it('7 h ahead of a timestamp is the quirk, with the lead in seconds', () => {
    expect(signingTimeWarning(at(25_200), gen, true)).toBe(
      'signingTime is 25200 s ahead of the timestamp genTime: local time written as UTC (+7 h quirk); the raw value is reported',
    );
    expect(signingTimeWarning(at(25_200.4), gen, true)).toMatch(/^signingTime is 25200 s ahead/);
  });

  it('the quirk window is 7 h ± 1 h, both ends included', () => {
    expect(signingTimeWarning(at(25_200 + 3_600), gen, true)).toMatch(
      /^signingTime is 28800 s ahead.*\+7 h quirk/,
    );
    expect(signingTimeWarning(at(25_200 - 3_600), gen, true)).toMatch(
      /^signingTime is 21600 s ahead.*\+7 h quirk/,
    );
    expect(signingTimeWarning(at(25_200 + 3_601), gen, true)).toBe(
      'signingTime is 28801 s after the timestamp genTime',
    );
    expect(signingTimeWarning(at(25_200 - 3_601), gen, true)).toBe(
      'signingTime is 21599 s after the timestamp genTime',
    );
  });

  it('7 h behind is not the quirk', () => {
    expect(signingTimeWarning(at(-25_200), gen, true)).toBeUndefined();
    expect(signingTimeWarning(at(-25_200), gen, false)).toBeUndefined();
  });

  it('against the validation time (no timestamp): the quirk only, in its own words', () => {
    expect(signingTimeWarning(at(25_200), gen, false)).toBe(
      'signingTime is about 7 h ahead of the validation time: local time written as UTC (+7 h quirk)',
    );
    expect(signingTimeWarning(at(3_600), gen, false)).toBeUndefined();
  });

  it('a lead over 60 s on a timestamp is reported; 60 s or less is clock drift', () => {
    expect(signingTimeWarning(at(60), gen, true)).toBeUndefined();
    expect(signingTimeWarning(at(61), gen, true)).toBe('signingTime is 61 s after the timestamp genTime');
    expect(signingTimeWarning(at(0), gen, true)).toBeUndefined();
  });
});
