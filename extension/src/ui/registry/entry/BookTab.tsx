import type { BookKindName } from '@vanthu/shared/protocol/index';
import { useEffect, useState } from 'react';
import { RegisterPanel } from '../RegisterPanel.js';
import { entryFromHash } from './entry-hash.js';
import { EntryView } from './EntryView.js';
import { RecentEntries } from './RecentEntries.js';

/** Văn bản đến / đi: the registration form and the book's recent entries, or one entry the address names. */
export function BookTab({ kind }: { kind: BookKindName }) {
  const [entry, setEntry] = useState(() => entryFromHash(location.hash));
  useEffect(() => {
    const onHash = () => setEntry(entryFromHash(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  if (entry) return <EntryView key={entry} kind={kind} id={entry} />;
  return (
    <>
      <RegisterPanel kind={kind} />
      <RecentEntries kind={kind} />
    </>
  );
}
