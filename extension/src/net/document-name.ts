import { contentDispositionFilename } from './content-disposition.js';

const MAX_NAME = 180;

/** A file name safe to show and to save: no directories, no control characters, ending in .pdf. */
export function safePdfName(name: string): string | undefined {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .normalize('NFC')
    .trim()
    .replace(/^\.+/, '');
  if (base === '' || /^\.?pdf$/i.test(base)) return undefined;
  const stem = base
    .replace(/\.pdf$/i, '')
    .slice(0, MAX_NAME)
    .trim();
  return stem ? `${stem}.pdf` : undefined;
}

/**
 * The name of a document fetched from a portal: the server's Content-Disposition name, else the URL's
 * last path segment when it names a PDF, else the link's text, else "van-ban.pdf" — never the name of
 * a download handler such as "DownloadFile.ashx".
 */
export function documentName(contentDisposition: string | null, url: string, linkText?: string): string {
  const fromHeader = contentDispositionFilename(contentDisposition);
  const header = fromHeader === undefined ? undefined : safePdfName(fromHeader);
  if (header) return header;
  let segment = '';
  try {
    segment = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    segment = '';
  }
  const fromPath = /\.pdf$/i.test(segment) ? safePdfName(segment) : undefined;
  if (fromPath) return fromPath;
  const fromText = linkText ? safePdfName(linkText.replace(/\s+/g, ' ')) : undefined;
  return fromText ?? 'van-ban.pdf';
}
