import { VanthuError } from '@vanthu/shared/errors/index';
import { parseEdxml } from '../exchange/edxml/parse.js';
import type { EdocHeader } from '../exchange/edxml/types.js';
import {
  type ArrivalContents,
  arrivalContents,
  type StoredAttachment,
} from '../exchange/inbox/arrival-contents.js';
import type { InboxStore } from '../exchange/inbox/store.js';
import type { AttachmentInput } from '../registry/entries.js';
import type { Office } from './office.js';

/** An inbox arrival's package: its header, the main document and the files that go with it. */
export interface ArrivalFiles {
  header: EdocHeader;
  /** The main document (the clerk's pick, else the first PDF), when the package has one. */
  main: { index: number; name: string; bytes: Uint8Array } | undefined;
  /** Every other attachment, in the package's order: kept with the entry as phụ lục. */
  others: AttachmentInput[];
  /** All attachments as registry.prefill lists them. */
  list: {
    index: number;
    name: string;
    contentType: string;
    size: number;
    description?: string;
    main: boolean;
  }[];
}

/**
 * Header and files of arrival `arrivalId` as intake stored them. An arrival recorded before intake
 * kept them has its package read this one time, and what it holds is stored for every later call.
 */
function storedContents(inbox: InboxStore, arrivalId: number): Omit<ArrivalContents, 'bytes'> {
  const stored = inbox.contents(arrivalId);
  if (stored) return stored;
  const xml = inbox.xml(arrivalId);
  if (!xml) throw new VanthuError('QUEUE_NOT_FOUND', `arrival ${arrivalId}`);
  const parsed = parseEdxml(xml);
  if (parsed.kind !== 'edoc')
    throw new VanthuError('EDXML_INVALID', `arrival ${arrivalId} is not a document`);
  const contents = arrivalContents(parsed.header, parsed.attachments);
  inbox.saveContents(arrivalId, contents);
  return contents;
}

/** Splits arrival `arrivalId`'s stored attachments into main document and phụ lục (no package parsing). */
export function arrivalFiles(office: Office, arrivalId: number, mainAttachment?: number): ArrivalFiles {
  const inbox = office.exchange().service.inbox;
  const { header, attachments: files } = storedContents(inbox, arrivalId);
  if (mainAttachment !== undefined && mainAttachment >= files.length)
    throw new VanthuError(
      'INVALID_INPUT',
      `mainAttachment ${mainAttachment}: arrival ${arrivalId} has ${files.length} attachment(s)`,
    );
  const mainIndex = mainAttachment ?? files.findIndex((a) => a.contentType === 'application/pdf');
  const main = files[mainIndex];
  return {
    header,
    main: main
      ? { index: mainIndex, name: main.name, bytes: inbox.attachmentBytes(arrivalId, main) }
      : undefined,
    others: files.flatMap((a, i) =>
      i === mainIndex ? [] : [toAttachmentInput(a, i, inbox.attachmentBytes(arrivalId, a))],
    ),
    list: files.map((a, index) => ({
      index,
      name: a.name,
      contentType: a.contentType,
      size: a.size,
      ...(a.description ? { description: a.description } : {}),
      main: index === mainIndex,
    })),
  };
}

function toAttachmentInput(a: StoredAttachment, index: number, bytes: Uint8Array): AttachmentInput {
  // The registry needs a name; a package may leave it empty.
  const name = a.name.trim() || `tep-dinh-kem-${index + 1}`;
  return { name, bytes, ...(a.description ? { description: a.description } : {}) };
}
