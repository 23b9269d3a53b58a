import { describe, expect, it } from 'vitest';
import {
  SIGN_WARNING_TEXTS,
  type SignWarning,
  type SignWarningCode,
  signWarningText,
} from '../../../daemon/src/pdf/sign/warnings.js';
import { chainWarningText } from '../../../daemon/src/trust/signing-key.js';
import { ENGLISH } from '../../support/screen-checks.js';

/** One warning of every code (the type makes a missing code a compile error). */
const SAMPLES: { [C in SignWarningCode]: Extract<SignWarning, { code: C }> } = {
  XREF_REPAIRED: { code: 'XREF_REPAIRED' },
  PDF_VERSION_RAISED: { code: 'PDF_VERSION_RAISED', from: '1.3', to: '1.7' },
  CERTIFIED_NEW_FIELDS: { code: 'CERTIFIED_NEW_FIELDS', permission: 2 },
  SIGNATURE_IMAGE_NOT_BLUE: { code: 'SIGNATURE_IMAGE_NOT_BLUE' },
  SEAL_IMAGE_NOT_RED: { code: 'SEAL_IMAGE_NOT_RED' },
  SEAL_TEXT_LEFT_OUT: { code: 'SEAL_TEXT_LEFT_OUT' },
  NOTATION_DIFFERS: { code: 'NOTATION_DIFFERS', printed: 'QĐ-UBND', given: 'TB-UBND' },
  TOP_RIGHT_TEXT_MAY_COVER: { code: 'TOP_RIGHT_TEXT_MAY_COVER' },
  RECEIPT_IN_TOP_MARGIN: { code: 'RECEIPT_IN_TOP_MARGIN' },
  RECEIPT_IN_LEFT_MARGIN: { code: 'RECEIPT_IN_LEFT_MARGIN' },
};

/** Letters only Vietnamese writes (an English text must have none, parameters aside). */
const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵđ]/i;
/** What a user cannot look up, and two languages glued together. */
const NOT_FOR_USERS = /\bSeed\b|\s\/\s|DocMDP|\bP=\d/;

/** The text with its parameters taken out, so a Vietnamese name in an English text does not count. */
function withoutParameters(text: string, warning: SignWarning): string {
  let out = text;
  for (const [key, value] of Object.entries(warning))
    if (key !== 'code') out = out.split(String(value)).join('');
  return out;
}

const cases = Object.values(SAMPLES);

describe('sign warning catalogue', () => {
  it('has a Vietnamese and an English text for every code, and no other', () => {
    expect(Object.keys(SIGN_WARNING_TEXTS).sort()).toEqual(Object.keys(SAMPLES).sort());
    for (const w of cases) {
      expect(signWarningText(w, 'vi'), w.code).not.toBe('');
      expect(signWarningText(w, 'en'), w.code).not.toBe('');
      expect(signWarningText(w, 'vi'), w.code).not.toBe(signWarningText(w, 'en'));
    }
  });

  it.each(cases)('$code: the Vietnamese text has no English word, the English no Vietnamese', (w) => {
    const vi = signWarningText(w, 'vi');
    const en = signWarningText(w, 'en');
    expect(vi).toMatch(VIETNAMESE);
    expect(withoutParameters(vi, w)).not.toMatch(ENGLISH);
    expect(withoutParameters(en, w)).not.toMatch(VIETNAMESE);
    for (const text of [vi, en]) expect(text).not.toMatch(NOT_FOR_USERS);
  });

  it('every parameter appears in both languages', () => {
    for (const w of cases)
      for (const [key, value] of Object.entries(w)) {
        if (key === 'code') continue;
        expect(signWarningText(w, 'vi'), `${w.code}.${key}`).toContain(String(value));
        expect(signWarningText(w, 'en'), `${w.code}.${key}`).toContain(String(value));
      }
  });

  it('the PDF version warning names the regulation, not an internal reference', () => {
    const vi = signWarningText(SAMPLES.PDF_VERSION_RAISED, 'vi');
    expect(vi).toContain('Tệp PDF 1.3 được nâng lên PDF 1.7');
    expect(vi).toContain('Quyết định 1637/QĐ-UBND');
  });
});

describe('incomplete chain warning', () => {
  const issuer = 'C=VN, O=Ban Cơ yếu Chính phủ, CN=CA phục vụ các cơ quan Nhà nước';
  it('is one language at a time, naming the missing issuer', () => {
    const vi = chainWarningText(issuer, 'vi');
    const en = chainWarningText(issuer, 'en');
    expect(vi).toContain(issuer);
    expect(en).toContain(issuer);
    expect(vi.replace(issuer, '')).not.toMatch(ENGLISH);
    expect(en.replace(issuer, '')).not.toMatch(VIETNAMESE);
    for (const text of [vi, en]) expect(text).not.toMatch(NOT_FOR_USERS);
  });
});
