import { VanthuError } from '@vanthu/shared/errors/index';
import { contentDispositionFilename } from '../../net/content-disposition.js';
import { safeFileName } from '../../net/document-name.js';

export interface LoadedDraft {
  /** The DOCX file name, as the portal gives it. */
  readonly name: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** The draft's name: the server's Content-Disposition name, else the URL's last segment, else "du-thao.docx". */
function draftName(contentDisposition: string | null, url: string): string {
  const fromHeader = contentDispositionFilename(contentDisposition);
  if (fromHeader !== undefined) {
    const safe = safeFileName(fromHeader);
    if (safe) return safe;
  }
  let segment = '';
  try {
    segment = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    segment = '';
  }
  return safeFileName(segment) ?? 'du-thao.docx';
}

/** "du-thao.docx" → "du-thao.pdf": the PDF keeps the draft's name. */
export function pdfNameOf(docxName: string): string {
  return `${docxName.replace(/\.docx?$/i, '') || 'du-thao'}.pdf`;
}

/**
 * Fetches the DOCX draft with the portal session. A portal whose session expired answers with its login
 * page: that is refused here, before the daemon sees it (the daemon checks the bytes again).
 */
export async function loadDraft(url: string): Promise<LoadedDraft> {
  const res = await fetch(url, { credentials: 'include' });
  if (!res.ok) throw new VanthuError('INVALID_INPUT', `HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (!ZIP.every((b, i) => bytes[i] === b))
    throw new VanthuError('INVALID_INPUT', 'not a DOCX file (the portal session may have expired)');
  return { name: draftName(res.headers.get('content-disposition'), url), bytes };
}
