import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { say } from '../../../i18n/language.js';
import { entryHash } from './entry-hash.js';

/** From a registration just saved to the entry's own page: what the clerk does with it next. */
export function EntryLink({ entry }: { entry: RegistryEntry }) {
  return (
    <p style={{ margin: '4px 0' }}>
      <a href={`#${entryHash(entry.kind, entry.id)}`} data-testid="open-entry">
        {entry.kind === 'incoming'
          ? say('Phân công, xử lý và lập hồ sơ', 'Assign, handle and file')
          : say('Gửi, theo dõi và thu hồi', 'Send, follow and recall')}
      </a>
    </p>
  );
}
