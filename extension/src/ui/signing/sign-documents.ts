import type { SignPayload, SignResult } from '@vanthu/shared/protocol/index';
import type { DaemonClient } from '../../background/daemon/client.js';
import type { LoadedDocument } from './documents.js';
import { say } from '../../i18n/language.js';

export type SigningFlow = 'sign' | 'numberSeal';

export interface SigningChoices {
  readonly flow: SigningFlow;
  readonly keyUri: string;
  /** The PIN as typed; used for this batch only, never stored. */
  readonly pin: string;
  /** PNG, standard base64: the blue signature (sign) or the red seal (numberSeal). */
  readonly image: string;
  /** Placement in PDF points, when the user moved the rectangle (otherwise the daemon finds the block). */
  readonly placement?: { readonly page: number; readonly rect: [number, number, number, number] };
  /** numberSeal: the registry.reserve entry; the daemon stamps its number and date on page 1. */
  readonly reservationId?: string;
  /** PAdES level ("Nâng cao"); above B-B the daemon timestamps with the office TSA. */
  readonly level?: NonNullable<SignPayload['level']>;
  /** Seconds the daemon may keep the token logged in for a consented batch (hello.pinPolicy). */
  readonly batchWindowSeconds: number;
}

export interface SignedDocument {
  readonly doc: LoadedDocument;
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly result: SignResult;
}

/** The sign request for one document of the batch (index i). */
export function signPayload(
  doc: LoadedDocument,
  choices: SigningChoices,
  i: number,
  count: number,
): SignPayload {
  const batch = count > 1;
  // With an admin batch window the PIN goes with the first request only; the daemon keeps the session.
  const sendPin = !batch || choices.batchWindowSeconds === 0 || i === 0;
  return {
    document: { bytes: doc.bytes.length, sha256: doc.sha256 },
    key: choices.keyUri,
    role: choices.flow === 'sign' ? 'approver' : 'seal',
    image: choices.image,
    ...(sendPin ? { pin: choices.pin } : {}),
    ...(choices.placement ? { page: choices.placement.page, rect: choices.placement.rect } : {}),
    ...(choices.flow === 'numberSeal' && choices.reservationId
      ? { reservationId: choices.reservationId }
      : {}),
    ...(choices.level ? { level: choices.level } : {}),
    ...(batch ? { batch: { consent: true as const } } : {}),
  };
}

/**
 * Signs the consented documents one after another over the window's own socket; stops at the first
 * error (a wrong PIN must not be retried by itself on the next document and lock the token).
 */
export async function signDocuments(
  client: DaemonClient,
  docs: readonly LoadedDocument[],
  choices: SigningChoices,
  onProgress: (text: string) => void,
  signal?: AbortSignal,
): Promise<SignedDocument[]> {
  const signed: SignedDocument[] = [];
  for (const [i, doc] of docs.entries()) {
    onProgress(`${say('Đang ký', 'Signing')} ${i + 1}/${docs.length}: ${doc.name}`);
    const answer = await client.request('sign', signPayload(doc, choices, i, docs.length), {
      document: doc.bytes,
      ...(signal ? { signal } : {}),
      onProgress: (p) =>
        onProgress(
          `${doc.name}: ${p.stage}${p.total ? ` ${Math.round(((p.done ?? 0) / p.total) * 100)}%` : ''}`,
        ),
    });
    if (!answer.document) throw new Error('the daemon returned no document');
    signed.push({ doc, bytes: answer.document, result: answer.result });
  }
  return signed;
}
