import { readFile } from 'node:fs/promises';
import { PDFDocument, type PDFFont, rgb } from 'pdf-lib';
import * as fontkit from 'fontkit';
import { docxDraft } from '../docx-draft.js';

export type Box = 'den' | 'di' | 'du-thao';

/** A document as the demo portal stores it, with the portal's own (legacy) field names. */
export interface PortalDocument {
  id: string;
  box: Box;
  loai_van_ban: string;
  so_van_ban: string;
  ky_hieu: string;
  ngay_van_ban: string;
  trich_yeu: string;
  co_quan_ban_hanh: string;
  so_den: string;
  ngay_den: string;
  nguoi_ky: string;
  versions: number;
}

export const SEED: readonly Omit<PortalDocument, 'versions'>[] = [
  {
    id: 'dt-001',
    box: 'du-thao',
    loai_van_ban: 'Quyết định',
    so_van_ban: '',
    ky_hieu: 'QĐ-UBND',
    ngay_van_ban: '',
    trich_yeu: 'Về việc ban hành Quy chế công tác văn thư của Ủy ban nhân dân thành phố Cần Thơ',
    co_quan_ban_hanh: 'Ủy ban nhân dân thành phố Cần Thơ',
    so_den: '',
    ngay_den: '',
    nguoi_ky: 'Trần Văn Hùng',
  },
  {
    id: 'dt-002',
    box: 'du-thao',
    loai_van_ban: 'Quyết định',
    so_van_ban: '',
    ky_hieu: 'QĐ-UBND',
    ngay_van_ban: '',
    trich_yeu: 'Về việc phê duyệt kế hoạch chuyển đổi số năm 2027',
    co_quan_ban_hanh: 'Ủy ban nhân dân thành phố Cần Thơ',
    so_den: '',
    ngay_den: '',
    nguoi_ky: 'Trần Văn Hùng',
  },
  {
    id: 'di-001',
    box: 'di',
    loai_van_ban: 'Quyết định',
    so_van_ban: '215',
    ky_hieu: 'QĐ-UBND',
    ngay_van_ban: '2026-11-02',
    trich_yeu: 'Về việc thành lập Tổ công tác cải cách thủ tục hành chính',
    co_quan_ban_hanh: 'Ủy ban nhân dân thành phố Cần Thơ',
    so_den: '',
    ngay_den: '',
    nguoi_ky: 'Trần Văn Hùng',
  },
  {
    id: 'den-001',
    box: 'den',
    loai_van_ban: 'Quyết định',
    so_van_ban: '87',
    ky_hieu: 'QĐ-UBND',
    ngay_van_ban: '2026-10-28',
    trich_yeu: 'Về việc giao chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2027',
    co_quan_ban_hanh: 'Ủy ban nhân dân thành phố Cần Thơ',
    so_den: '',
    ngay_den: '',
    nguoi_ky: 'Nguyễn Thị Lan',
  },
];

const FONT = new URL('../../../daemon/assets/fonts/LiberationSerif-Regular.ttf', import.meta.url);

function centered(
  page: ReturnType<PDFDocument['addPage']>,
  font: PDFFont,
  text: string,
  cx: number,
  y: number,
  size: number,
) {
  page.drawText(text, { x: cx - font.widthOfTextAtSize(text, size) / 2, y, size, font, color: rgb(0, 0, 0) });
}

function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A draft as the drafting officer wrote it in Word, before it is converted to PDF (Điều 9.5). */
export function renderDocx(doc: Omit<PortalDocument, 'versions'>): Uint8Array {
  return docxDraft([
    doc.co_quan_ban_hanh.toUpperCase(),
    doc.loai_van_ban.toUpperCase(),
    doc.trich_yeu,
    'Điều 1. Ban hành kèm theo Quyết định này nội dung nêu trên.',
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
  ]);
}

/**
 * A realistic NĐ30 layout: issuing body and national motto, blank number and date for the clerk
 * ("Số:     /QĐ-UBND", "Cần Thơ, ngày   tháng   năm"), the body, and the signature block with a name.
 */
export async function renderPdf(doc: Omit<PortalDocument, 'versions'>): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // pdf-lib accepts the fontkit package itself (create + layout); embed the full font (no subsetting).
  pdf.registerFontkit(fontkit as unknown as Parameters<PDFDocument['registerFontkit']>[0]);
  const font = await pdf.embedFont(await readFile(FONT), { subset: false });
  pdf.setTitle(`${doc.loai_van_ban} ${doc.trich_yeu}`);
  const page = pdf.addPage([595.28, 841.89]);
  centered(page, font, 'ỦY BAN NHÂN DÂN', 150, 790, 12);
  centered(page, font, 'THÀNH PHỐ CẦN THƠ', 150, 775, 12);
  centered(page, font, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 410, 790, 12);
  centered(page, font, 'Độc lập - Tự do - Hạnh phúc', 410, 775, 12);
  const number = doc.so_van_ban ? `Số: ${doc.so_van_ban}/${doc.ky_hieu}` : `Số:        /${doc.ky_hieu}`;
  centered(page, font, number, 150, 745, 12);
  const [y, m, d] = doc.ngay_van_ban ? doc.ngay_van_ban.split('-') : ['     ', '     ', '     '];
  centered(page, font, `Cần Thơ, ngày ${d} tháng ${m} năm ${y}`, 410, 745, 12);
  centered(page, font, doc.loai_van_ban.toUpperCase(), 297, 700, 14);
  let line = 680;
  for (const l of wrap(font, doc.trich_yeu, 13, 420)) {
    centered(page, font, l, 297, line, 13);
    line -= 17;
  }
  line -= 20;
  const body = [
    'CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ',
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;',
    'Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;',
    'Theo đề nghị của Chánh Văn phòng Ủy ban nhân dân thành phố.',
    'QUYẾT ĐỊNH:',
    `Điều 1. ${doc.trich_yeu}.`,
    'Điều 2. Quyết định này có hiệu lực kể từ ngày ký.',
    'Điều 3. Chánh Văn phòng Ủy ban nhân dân thành phố, Thủ trưởng các sở, ban, ngành và các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này.',
  ];
  for (const paragraph of body) {
    for (const l of wrap(font, paragraph, 13, 480)) {
      page.drawText(l, { x: 60, y: line, size: 13, font });
      line -= 18;
    }
    line -= 6;
  }
  centered(page, font, 'TM. ỦY BAN NHÂN DÂN', 420, 260, 12);
  centered(page, font, 'CHỦ TỊCH', 420, 245, 12);
  centered(page, font, doc.nguoi_ky, 420, 160, 13);
  page.drawText('Nơi nhận:', { x: 60, y: 260, size: 11, font });
  page.drawText('- Như Điều 3;', { x: 60, y: 246, size: 10, font });
  page.drawText('- Lưu: VT.', { x: 60, y: 233, size: 10, font });
  return pdf.save({ useObjectStreams: false });
}
