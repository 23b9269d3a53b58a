import { toVanthuError } from '@vanthu/shared/errors/index';
import type { BookKindName, RegistryPrefillResult } from '@vanthu/shared/protocol/index';
import { useEffect, useMemo, useState } from 'react';
import browser from 'webextension-polyfill';
import type { DaemonClient } from '../../background/daemon/client.js';
import { errorLine } from '../../i18n/errors.js';
import { type LoadedDocument, useDocuments } from '../signing/documents.js';
import { chosenDocumentUrl } from './chosen-document.js';

export interface PrefillView {
  document: LoadedDocument | undefined;
  prefill: RegistryPrefillResult | undefined;
  /** Why the document or its values could not be read (one line vi — en). */
  problem: string | undefined;
  loading: boolean;
}

/** The chosen portal document (followed as the clerk picks another), fetched and pre-filled by the daemon. */
export function usePrefill(client: DaemonClient, kind: BookKindName): PrefillView {
  const [url, setUrl] = useState<string | null>();
  useEffect(() => {
    const load = () => void chosenDocumentUrl().then((u) => setUrl(u ?? null));
    load();
    const onStorage = (_: unknown, area: string) => area === 'session' && load();
    browser.storage.onChanged.addListener(onStorage);
    window.addEventListener('hashchange', load);
    return () => {
      browser.storage.onChanged.removeListener(onStorage);
      window.removeEventListener('hashchange', load);
    };
  }, []);
  const urls = useMemo(() => (url ? [url] : []), [url]);
  const { docs, error } = useDocuments(urls);
  const document = url ? docs.find((d) => d.url === url) : undefined;
  const [prefill, setPrefill] = useState<RegistryPrefillResult>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setPrefill(undefined);
    setProblem(undefined);
    if (!document) return;
    let live = true;
    client
      .request(
        'registry.prefill',
        { kind, document: { bytes: document.bytes.length, sha256: document.sha256 } },
        { document: document.bytes },
      )
      .then(
        ({ result }) => live && setPrefill(result),
        (e: unknown) => live && setProblem(errorLine(toVanthuError(e))),
      );
    return () => {
      live = false;
    };
  }, [client, kind, document]);
  return {
    document,
    prefill,
    problem: error ? `Không tải được văn bản: ${error} — The document could not be loaded` : problem,
    loading:
      url === undefined || (url !== null && !document && !error) || (!!document && !prefill && !problem),
  };
}
