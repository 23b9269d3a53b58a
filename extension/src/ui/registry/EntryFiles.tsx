import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { say } from '../../i18n/language.js';
import { formatSize } from './attachments.js';

const pagesText = (pages: number | undefined) =>
  pages === undefined ? '' : say(` · ${pages} trang`, ` · ${pages} pages`);

/** The files kept with a registered entry: the document, then its phụ lục in order. */
export function EntryFiles({ entry }: { entry: RegistryEntry }) {
  if (!entry.file && !entry.attachments) return null;
  return (
    <ul data-testid="entry-files" style={{ fontSize: 12, paddingLeft: 16, margin: '4px 0' }}>
      {entry.file && (
        <li>
          {say('Tệp văn bản:', 'Document file:')} {entry.file.name}
          {pagesText(entry.file.pages)} · {formatSize(entry.file.size)}
        </li>
      )}
      {entry.attachments?.map((a) => (
        <li key={a.seq} data-attachment={a.name}>
          {say(`Phụ lục ${a.seq}:`, `Appendix ${a.seq}:`)} {a.name}
          {pagesText(a.pages)} · {formatSize(a.size)}
          {a.description ? ` — ${a.description}` : ''}
        </li>
      ))}
    </ul>
  );
}
