import { afterEach, describe, expect, it } from 'vitest';
import { setUiLanguage } from '../../../extension/src/i18n/language.js';
import {
  chainWarningLine,
  chainWarningReminder,
  issuerName,
} from '../../../extension/src/ui/signing/chain-warning.js';
import { duplicatesOf } from '../../../extension/src/ui/signing/duplicates.js';
import { levelErrorLine } from '../../../extension/src/ui/signing/levels.js';

// What the signing window says about an incomplete chain, a level it could not reach and the
// entry a sealed file would duplicate: one language at a time, naming what the clerk must know.

afterEach(() => setUiLanguage('vi'));

const issuer = 'CN=vanthu Demo Issuing CA, O=vanthu demo, C=VN';

describe('incomplete chain warning', () => {
  it('names the missing issuer by its common name, in Vietnamese or English only', () => {
    expect(issuerName(issuer)).toBe('vanthu Demo Issuing CA');
    expect(issuerName('O=Không có CN, C=VN')).toBe('O=Không có CN, C=VN');
    const vi = chainWarningLine(issuer);
    expect(vi).toContain('không tìm thấy chứng thư của bên cấp "vanthu Demo Issuing CA"');
    expect(vi).toContain('Vẫn ký được');
    expect(vi).not.toMatch(/issuer|recipient/);
    expect(chainWarningReminder(issuer)).toMatch(/^Lưu ý trước khi nhập PIN: .*"vanthu Demo Issuing CA"/);
    setUiLanguage('en');
    const en = chainWarningLine(issuer);
    expect(en).toContain('the issuer "vanthu Demo Issuing CA"');
    expect(en).not.toMatch(/chứng thư/);
  });
});

describe('level errors', () => {
  const unavailable = {
    code: 'REVOCATION_UNAVAILABLE',
    details: { certificate: 'CN=Lê Thị Thu, O=UBND tỉnh Thử, C=VN', serialNumber: '0a' },
  };

  it('at B-LT and B-LTA a missing revocation answer names the certificate the daemon named', () => {
    expect(levelErrorLine(unavailable, 'B-LT', 'Trần Văn Minh')).toContain(
      'Không ký được ở mức B-LT: không lấy được dữ liệu kiểm tra thu hồi (OCSP hoặc CRL) của chứng thư "Lê Thị Thu"',
    );
    expect(levelErrorLine(unavailable, 'B-LTA')).toContain('mức B-LTA');
  });

  it("without a certificate in the answer (nothing fetched at all) it names the signer's", () => {
    expect(levelErrorLine({ code: 'REVOCATION_UNAVAILABLE' }, 'B-LT', 'Trần Văn Minh')).toContain(
      'của chứng thư "Trần Văn Minh"',
    );
  });

  it('other levels and other errors keep the catalogue line', () => {
    expect(levelErrorLine(unavailable, 'B-T', 'Trần Văn Minh')).toBeUndefined();
    expect(levelErrorLine({ code: 'PIN_INCORRECT' }, 'B-LT', 'Trần Văn Minh')).toBeUndefined();
  });
});

describe('duplicate entries', () => {
  it('an outgoing entry: its book, số/ký hiệu and the document date', () => {
    const error = {
      code: 'REGISTRY_DUPLICATE',
      details: {
        duplicates: [
          {
            id: 'e1',
            kind: 'outgoing',
            series: '',
            number: 12,
            registeredAt: '2026-12-07T09:00:00+07:00',
            fields: { CodeNumber: '12', CodeNotation: 'QĐ-UBND', IssuedDate: '2026-12-07' },
          },
        ],
      },
    };
    expect(duplicatesOf(error)).toEqual([
      { id: 'e1', book: 'Sổ văn bản đi (Sổ chung)', number: '12/QĐ-UBND', date: '07/12/2026' },
    ]);
    setUiLanguage('en');
    expect(duplicatesOf(error)[0]?.book).toBe('Outgoing book (general book)');
  });

  it('an entry of a named series and an incoming one without a date field use the series and the registration time', () => {
    const [series, incoming] = duplicatesOf({
      code: 'REGISTRY_DUPLICATE',
      details: {
        duplicates: [
          {
            id: 'a',
            kind: 'outgoing',
            series: 'VBQPPL',
            number: 3,
            fields: { CodeNumber: '03', CodeNotation: 'NQ-HĐND' },
          },
          {
            id: 'b',
            kind: 'incoming',
            series: '',
            number: 5,
            registeredAt: '2026-12-07T02:05:09Z',
            fields: {},
          },
        ],
      },
    });
    expect(series?.book).toBe('Sổ văn bản đi (VBQPPL)');
    expect(incoming).toEqual({
      id: 'b',
      book: 'Sổ văn bản đến',
      number: 'số đến 5',
      date: '07/12/2026 09:05:09 (GMT+7)',
    });
  });

  it('another error names no entry', () => {
    expect(duplicatesOf({ code: 'REGISTRY_CODE_TAKEN', details: { duplicates: [{ id: 'x' }] } })).toEqual([]);
  });
});
