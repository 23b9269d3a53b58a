import { toVanthuError } from '@vanthu/shared/errors/index';
import type { BookKindName, RegistryPrefillResult } from '@vanthu/shared/protocol/index';
import { useEffect, useMemo, useState } from 'react';
import browser from 'webextension-polyfill';
import type { DaemonClient } from '../../background/daemon/client.js';
import { errorLine } from '../../i18n/errors.js';
import { say } from '../../i18n/language.js';
import { type LoadedDocument, useDocuments } from '../signing/documents.js';
import { type ArrivalChoice, arrivalFromHash, mainOf, prefillArrival } from './arrival.js';
import { chosenDocumentUrl } from './chosen-document.js';

export interface PrefillView {
  document: LoadedDocument | undefined;
  prefill: RegistryPrefillResult | undefined;
  /** Why the document or its values could not be read (one line vi — en). */
  problem: string | undefined;
  loading: boolean;
  /** The inbox arrival being registered (#arrival=…), with the main document the values came from. */
  arrival: ArrivalChoice | undefined;
  /** Reads the values again from another file of the arrival's package. */
  chooseMain(index: number): void;
}

/**
 * The chosen portal document (followed as the clerk picks another), fetched and pre-filled by the
 * daemon; or an inbox arrival, which the daemon reads from its own package.
 */
export function usePrefill(client: DaemonClient, kind: BookKindName): PrefillView {
  const [url, setUrl] = useState<string | null>();
  const [arrivalId, setArrivalId] = useState<number>();
  const [mainAttachment, setMainAttachment] = useState<number>();
  useEffect(() => {
    const load = () => {
      // Only the incoming book registers arrivals.
      const arrival = kind === 'incoming' ? arrivalFromHash(location.hash) : undefined;
      setArrivalId(arrival);
      if (arrival !== undefined) setUrl(null);
      else void chosenDocumentUrl().then((u) => setUrl(u ?? null));
    };
    load();
    const onStorage = (_: unknown, area: string) => area === 'session' && load();
    browser.storage.onChanged.addListener(onStorage);
    window.addEventListener('hashchange', load);
    return () => {
      browser.storage.onChanged.removeListener(onStorage);
      window.removeEventListener('hashchange', load);
    };
  }, [kind]);
  // Another arrival starts from the daemon's pick of its main document.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset whenever the arrival changes
  useEffect(() => setMainAttachment(undefined), [arrivalId]);
  const urls = useMemo(() => (url ? [url] : []), [url]);
  const { docs, error } = useDocuments(urls);
  const document = url ? docs.find((d) => d.url === url) : undefined;
  const [prefill, setPrefill] = useState<RegistryPrefillResult>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    setPrefill(undefined);
    setProblem(undefined);
    if (!document && arrivalId === undefined) return;
    let live = true;
    const answer =
      arrivalId !== undefined
        ? prefillArrival(client, kind, { id: arrivalId, mainAttachment })
        : document &&
          client
            .request(
              'registry.prefill',
              { kind, document: { bytes: document.bytes.length, sha256: document.sha256 } },
              { document: document.bytes },
            )
            .then(({ result }) => result);
    answer?.then(
      (result) => live && setPrefill(result),
      (e: unknown) => live && setProblem(errorLine(toVanthuError(e))),
    );
    return () => {
      live = false;
    };
  }, [client, kind, document, arrivalId, mainAttachment]);
  const waiting = (!!document || arrivalId !== undefined) && !prefill && !problem;
  return {
    document,
    prefill,
    problem: error ? say(`Không tải được văn bản: ${error}`, `Cannot load the document: ${error}`) : problem,
    loading: url === undefined || (url !== null && !document && !error) || waiting,
    arrival: arrivalId !== undefined ? { id: arrivalId, mainAttachment: mainOf(prefill) } : undefined,
    chooseMain: setMainAttachment,
  };
}
