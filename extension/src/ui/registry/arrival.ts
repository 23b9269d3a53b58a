import type { BookKindName, RegistryPrefillResult } from '@vanthu/shared/protocol/index';
import type { DaemonClient } from '../../background/daemon/client.js';

/** An inbox arrival being registered, and the file of its package chosen as the main document. */
export interface ArrivalChoice {
  id: number;
  /** Index in the package; undefined until the daemon's pick is known. */
  mainAttachment: number | undefined;
}

/** The side-panel address that opens the Văn bản đến form for inbox arrival `id`. */
export const arrivalHash = (id: number): string => `tab=incoming&arrival=${id}`;

/**
 * Points the side panel at the form for arrival `id`: the shell and the form follow the address, which
 * may already name it (the clerk went back to the inbox through the tab bar), hence the event.
 */
export function openArrival(id: number): void {
  const hash = arrivalHash(id);
  if (location.hash === `#${hash}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** The arrival named in a side-panel address (#…&arrival=42), if any. */
export function arrivalFromHash(hash: string): number | undefined {
  const raw = new URLSearchParams(hash.replace(/^#/, '')).get('arrival');
  const id = raw && /^[1-9]\d{0,15}$/.test(raw) ? Number(raw) : undefined;
  return id !== undefined && Number.isSafeInteger(id) ? id : undefined;
}

/** Values and files of an arrival, read by the daemon from its package (no upload). */
export async function prefillArrival(
  client: DaemonClient,
  kind: BookKindName,
  arrival: ArrivalChoice,
): Promise<RegistryPrefillResult> {
  const { result } = await client.request('registry.prefill', {
    kind,
    arrivalId: arrival.id,
    ...(arrival.mainAttachment !== undefined ? { mainAttachment: arrival.mainAttachment } : {}),
  });
  return result;
}

/** The file the daemon read the values from (its default pick, or the one asked for). */
export const mainOf = (prefill: RegistryPrefillResult | undefined): number | undefined =>
  prefill?.arrivalFiles?.find((f) => f.main)?.index;
