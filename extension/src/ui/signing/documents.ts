import { useEffect, useState } from 'react';
import { sha256Hex } from '../../background/daemon/proof.js';
import { documentName } from '../../net/document-name.js';
import { say } from '../../i18n/language.js';

export interface LoadedDocument {
  readonly url: string;
  /** File name shown to the user and used for the signed copy. */
  readonly name: string;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly sha256: string;
}

async function load(url: string): Promise<LoadedDocument> {
  const res = await fetch(url, { credentials: 'include' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  // A portal whose session expired answers with its login page: never hash or sign that.
  if (String.fromCharCode(...bytes.subarray(0, 5)) !== '%PDF-') {
    throw new Error(
      say(
        'tệp không phải PDF (phiên đăng nhập cổng có thể đã hết hạn)',
        'the file is not a PDF (the portal session may have expired)',
      ),
    );
  }
  // A download handler (DownloadFile.ashx?fid=3) names the file in Content-Disposition only.
  const name = documentName(res.headers.get('content-disposition'), url);
  return { url, name, bytes, sha256: await sha256Hex(bytes) };
}

/** Fetches the documents the background forwarded, with the portal session, and hashes each. */
export function useDocuments(urls: readonly string[]) {
  const [docs, setDocs] = useState<LoadedDocument[]>([]);
  const [error, setError] = useState<string>();
  useEffect(() => {
    void Promise.all(urls.map(load)).then(setDocs, (e: unknown) =>
      setError(e instanceof Error ? e.message : String(e)),
    );
  }, [urls]);
  return { docs, error };
}
