import { rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderPdf, SEED } from '../portal/documents.js';
import type { REGISTRATION_CHOICES, REGISTRATION_INPUTS } from './pages.js';

/** How a row's download link is written (see pages.ts). */
export type LinkStyle = 'window-open' | 'data-fid' | 'postback-data' | 'postback';

/** A document of the WebForms portal: a numeric file id, and a Vietnamese file name only the handler tells. */
export interface WebFormsDocument {
  readonly fid: number;
  readonly number: string;
  readonly subject: string;
  readonly linkStyle: LinkStyle;
  fileName: string;
  versions: number;
}

/** What the registration form posted, by the portal's own field names (select values, not texts). */
export type WebFormsRegistration = Partial<
  Record<keyof typeof REGISTRATION_CHOICES | keyof typeof REGISTRATION_INPUTS | 'txtTrichYeu', string>
>;

const NAMES = [
  'Dự thảo Quyết định ban hành Quy chế công tác văn thư.pdf',
  'Dự thảo Quyết định phê duyệt kế hoạch chuyển đổi số năm 2027.pdf',
  'Quyết định 215-QĐ-UBND thành lập Tổ công tác cải cách thủ tục hành chính.pdf',
  'Quyết định 87-QĐ-UBND giao chỉ tiêu kế hoạch năm 2027.pdf',
];
const STYLES: readonly LinkStyle[] = ['window-open', 'data-fid', 'postback-data', 'postback'];

export interface WebFormsStore {
  list(): WebFormsDocument[];
  get(fid: number): WebFormsDocument | undefined;
  pdfPath(fid: number): string;
  /** Replaces a document's file by an uploaded one (written aside, then renamed over the old one). */
  replace(fid: number, fileName: string, bytes: Buffer): Promise<void>;
  registration(fid: number): WebFormsRegistration | undefined;
  register(fid: number, values: WebFormsRegistration): void;
}

/** The demo portal's seed documents (same PDFs), each with a link style of its own, rendered into `dir`. */
export async function createStore(dir: string): Promise<WebFormsStore> {
  const docs = new Map<number, WebFormsDocument>();
  const registrations = new Map<number, WebFormsRegistration>();
  const pdfPath = (fid: number) => join(dir, `${fid}.pdf`);
  for (const [i, seed] of SEED.entries()) {
    const fid = i + 1;
    await writeFile(pdfPath(fid), await renderPdf(seed));
    docs.set(fid, {
      fid,
      number: seed.so_van_ban ? `${seed.so_van_ban}/${seed.ky_hieu}` : `…/${seed.ky_hieu}`,
      subject: seed.trich_yeu,
      linkStyle: STYLES[i % STYLES.length] as LinkStyle,
      fileName: NAMES[i] ?? `Văn bản ${fid}.pdf`,
      versions: 1,
    });
  }
  return {
    list: () => [...docs.values()],
    get: (fid) => docs.get(fid),
    pdfPath,
    async replace(fid, fileName, bytes) {
      const doc = docs.get(fid);
      if (!doc) throw new Error(`no document ${fid}`);
      const tmp = `${pdfPath(fid)}.${process.pid}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, pdfPath(fid));
      doc.fileName = fileName;
      doc.versions++;
    },
    registration: (fid) => registrations.get(fid),
    register: (fid, values) => void registrations.set(fid, values),
  };
}
