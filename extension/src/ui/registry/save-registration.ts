import type { FieldObject } from '@vanthu/shared/domain/index';
import type { BookKindName, RegistryEntry } from '@vanthu/shared/protocol/index';
import browser from 'webextension-polyfill';
import type { DaemonClient } from '../../background/daemon/client.js';
import type { FillRequest } from '../../messaging/messages.js';
import type { LoadedDocument } from '../signing/documents.js';
import type { ArrivalChoice } from './arrival.js';
import { type PendingAttachment, attachmentRefs } from './attachments.js';
import { portalTabOf } from './chosen-document.js';
import { portalValues } from './form-values.js';
import { fillPortalTab } from './portal-fill.js';

export interface SaveInput {
  kind: BookKindName;
  fields: FieldObject;
  document: LoadedDocument | undefined;
  documentId: string | undefined;
  allowDuplicate: boolean;
  /** Phụ lục files, uploaded after the document in the same request. */
  attachments: readonly PendingAttachment[];
  /** An inbox arrival: the daemon takes the document and its phụ lục from the package, nothing is uploaded. */
  arrival?: ArrivalChoice | undefined;
}

export interface Saved {
  entry: RegistryEntry;
  /** Portal form fields written (tags); undefined when no portal tab or no mapping answered. */
  filled: string[] | undefined;
  /** Mapped fields with a value the portal form could not take (missing field, no matching option). */
  notFilled: string[];
}

/** Registers through the daemon (which assigns the number), then fills the portal's own form. */
export async function saveRegistration(client: DaemonClient, input: SaveInput): Promise<Saved> {
  const { arrival } = input;
  if (arrival) {
    const { result } = await client.request('registry.register', {
      kind: input.kind,
      fields: input.fields,
      arrivalId: arrival.id,
      ...(arrival.mainAttachment !== undefined ? { mainAttachment: arrival.mainAttachment } : {}),
      ...(input.documentId ? { documentId: input.documentId } : {}),
      ...(input.allowDuplicate ? { allowDuplicate: true } : {}),
    });
    return { entry: result.entry, filled: undefined, notFilled: [] };
  }
  const doc = input.document;
  const { result } = await client.request(
    'registry.register',
    {
      kind: input.kind,
      fields: input.fields,
      ...(doc ? { document: { bytes: doc.bytes.length, sha256: doc.sha256 }, fileName: doc.name } : {}),
      ...(input.documentId ? { documentId: input.documentId } : {}),
      ...(input.allowDuplicate ? { allowDuplicate: true } : {}),
      ...(input.attachments.length > 0 ? { attachments: attachmentRefs(input.attachments) } : {}),
    },
    {
      ...(doc ? { document: doc.bytes } : {}),
      attachments: input.attachments.map((a) => a.bytes),
    },
  );
  const entry = result.entry;
  let filled: string[] | undefined;
  // Without a document, the portal form open next to the side panel.
  const tabId = await (doc ? portalTabOf(doc.url) : activeTab()).catch(() => undefined);
  let notFilled: string[] = [];
  if (tabId !== undefined) {
    const message: FillRequest = {
      type: 'registration.fill',
      values: portalValues(entry.fields as FieldObject),
    };
    const reply = await fillPortalTab(tabId, message);
    filled = reply?.filled;
    notFilled = reply?.notFilled ?? [];
  }
  return { entry, filled, notFilled };
}

async function activeTab(): Promise<number | undefined> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}
