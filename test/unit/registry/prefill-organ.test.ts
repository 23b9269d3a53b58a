import { PDFDocument, rgb } from 'pdf-lib';
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { VerifyResult } from '@vanthu/shared/protocol/index';
import type { TextLine } from '../../../daemon/src/pdf/text/extract.js';
import { organFromHeader } from '../../../daemon/src/registry/prefill/header-organ.js';
import { prefillRegistration } from '../../../daemon/src/registry/prefill/index.js';

/** A text line from column pieces [text, x], each character 6 pt wide (as groupLines keeps them). */
function line(y: number, ...pieces: [string, number][]): TextLine {
  const chars = pieces.flatMap(([text, x]) =>
    [...text].map((ch, i) => ({ ch, x0: x + i * 6, x1: x + i * 6 + 6 })),
  );
  return {
    y,
    size: 12,
    x0: chars[0]?.x0 ?? 0,
    x1: chars.at(-1)?.x1 ?? 0,
    text: pieces.map(([t]) => t).join(''),
    chars,
  };
}

const QH = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const TN = 'Độc lập - Tự do - Hạnh phúc';

describe('issuing organisation from the header', () => {
  it('one line: the organisation itself', () => {
    expect(
      organFromHeader([
        line(790, ['BỘ NỘI VỤ', 90], [QH, 300]),
        line(775, [TN, 330]),
        line(745, ['Số: 12/BNV-VP', 80], ['Hà Nội, ngày 01 tháng 12 năm 2026', 320]),
      ]),
    ).toEqual({ issuer: 'BỘ NỘI VỤ' });
  });

  it('two lines: the lower is the issuer, the upper its governing body', () => {
    expect(
      organFromHeader([
        line(790, ['UBND THÀNH PHỐ CẦN THƠ', 60], [QH, 300]),
        line(775, ['SỞ NỘI VỤ', 100], [TN, 330]),
        line(770, ['_______', 110]),
        line(745, ['Số: 15/SNV-VP', 80], ['Cần Thơ, ngày 07 tháng 12 năm 2026', 320]),
        line(700, ['QUYẾT ĐỊNH', 250]),
      ]),
    ).toEqual({ issuer: 'SỞ NỘI VỤ', governing: 'UBND THÀNH PHỐ CẦN THƠ' });
  });

  it('a name wrapped over two lines with its locality is one issuer', () => {
    expect(
      organFromHeader([
        line(790, ['ỦY BAN NHÂN DÂN', 100], [QH, 300]),
        line(775, ['THÀNH PHỐ CẦN THƠ', 95], [TN, 330]),
        line(745, ['Số: 87/QĐ-UBND', 80], ['Cần Thơ, ngày 28 tháng 10 năm 2026', 320]),
      ]),
    ).toEqual({ issuer: 'ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ' });
  });

  it('nothing above the number, or a body in lower case: no organisation', () => {
    expect(organFromHeader([line(745, ['Số: 87/QĐ-UBND', 80])])).toBeUndefined();
    expect(organFromHeader([line(790, ['Kính gửi các đơn vị', 80])])).toBeUndefined();
  });
});

const FONT = readFileSync(
  new URL('../../../daemon/assets/fonts/LiberationSerif-Regular.ttf', import.meta.url),
);

/** A first page with a two-line header at the top left, as NĐ 30 Phụ lục I lays it out. */
async function headerPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await pdf.embedFont(FONT, { subset: false });
  const page = pdf.addPage([595.28, 841.89]);
  const put = (text: string, x: number, y: number) =>
    page.drawText(text, { x, y, size: 12, font, color: rgb(0, 0, 0) });
  put('UBND THÀNH PHỐ CẦN THƠ', 70, 790);
  put('SỞ NỘI VỤ', 110, 775);
  put(QH, 300, 790);
  put(TN, 340, 775);
  put('Số: 15/SNV-VP', 95, 745);
  put('Cần Thơ, ngày 07 tháng 12 năm 2026', 330, 745);
  put('V/v triển khai văn bản điện tử', 70, 725);
  return pdf.save({ useObjectStreams: false });
}

const signature = (role: 'approver' | 'seal', signer: { commonName?: string; organization?: string }) =>
  ({
    field: role === 'seal' ? 'CoQuan' : 'CaNhan',
    role,
    integrity: true,
    signingTime: '2026-12-07T02:00:00Z',
    signer,
  }) as unknown as VerifyResult['signatures'][number];
const verifying = (signatures: VerifyResult['signatures']) => async () =>
  ({ signatures }) as unknown as VerifyResult;

describe('Cơ quan ban hành in the registration prefill', () => {
  it('an unsealed document: the header issuer, before the approver certificate', async () => {
    const pdf = await headerPdf();
    const plain = await prefillRegistration({ kind: 'incoming', pdf });
    expect(plain.fields['OrganName']).toBe('SỞ NỘI VỤ');
    expect(plain.sources['OrganName']).toBe('text');
    const approved = await prefillRegistration({
      kind: 'incoming',
      pdf,
      verify: verifying([signature('approver', { commonName: 'Nguyễn Thị Lan', organization: 'Sở X' })]),
    });
    expect(approved.fields['OrganName']).toBe('SỞ NỘI VỤ');
  }, 60_000);

  it('a sealed document: the seal certificate (O, else CN) wins over the header', async () => {
    const pdf = await headerPdf();
    const sealed = await prefillRegistration({
      kind: 'incoming',
      pdf,
      verify: verifying([
        signature('approver', { commonName: 'Nguyễn Thị Lan' }),
        signature('seal', { commonName: 'SNV', organization: 'Sở Nội vụ thành phố Cần Thơ' }),
      ]),
    });
    expect(sealed.fields['OrganName']).toBe('Sở Nội vụ thành phố Cần Thơ');
    expect(sealed.sources['OrganName']).toBe('signature');
    const byName = await prefillRegistration({
      kind: 'incoming',
      pdf,
      verify: verifying([signature('seal', { commonName: 'Sở Nội vụ thành phố Cần Thơ' })]),
    });
    expect(byName.fields['OrganName']).toBe('Sở Nội vụ thành phố Cần Thơ');
  }, 60_000);

  it('no header and no seal: the approver certificate organisation', async () => {
    const result = await prefillRegistration({
      kind: 'incoming',
      pdf: new TextEncoder().encode('not a pdf'),
      verify: verifying([signature('approver', { commonName: 'Nguyễn Thị Lan', organization: 'Sở X' })]),
    });
    expect(result.fields['OrganName']).toBe('Sở X');
  }, 60_000);
});
