import { contentDispositionFilename } from './content-disposition.js';

const MAX_NAME = 180;

/** A file name safe to show and to save: no directories, no control characters, at most 180 characters. */
export function safeFileName(name: string): string | undefined {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .normalize('NFC')
    .trim()
    .replace(/^\.+/, '');
  if (base === '' || /^\.?pdf$/i.test(base)) return undefined;
  if (base.length <= MAX_NAME) return base;
  // Too long: shorten the stem and keep the extension the server gave.
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 10 ? base.slice(dot) : '';
  return `${base.slice(0, MAX_NAME - extension.length).trim()}${extension}`;
}

/** A name we make up (from a link's text): safe, and ending in .pdf. */
function madePdfName(text: string): string | undefined {
  const safe = safeFileName(text);
  const stem = safe?.replace(/\.pdf$/i, '').trim();
  return stem ? `${stem.slice(0, MAX_NAME)}.pdf` : undefined;
}

/**
 * The name of a document fetched from a portal: the server's Content-Disposition name as given (no
 * extension added: "vb_102.dat" stays so), else the URL's last path segment when it names a PDF, else
 * the link's text with ".pdf", else "van-ban.pdf" — never the name of a download handler such as
 * "DownloadFile.ashx".
 */
export function documentName(contentDisposition: string | null, url: string, linkText?: string): string {
  const fromHeader = contentDispositionFilename(contentDisposition);
  const header = fromHeader === undefined ? undefined : safeFileName(fromHeader);
  if (header) return header;
  let segment = '';
  try {
    segment = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    segment = '';
  }
  const fromPath = /\.pdf$/i.test(segment) ? safeFileName(segment) : undefined;
  if (fromPath) return fromPath;
  const fromText = linkText ? madePdfName(linkText.replace(/\s+/g, ' ')) : undefined;
  return fromText ?? 'van-ban.pdf';
}
