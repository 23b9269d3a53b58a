import { VanthuError } from '@vanthu/shared/errors/index';
import { parseEdxml } from '../exchange/edxml/parse.js';
import type { Attachment, EdocHeader } from '../exchange/edxml/types.js';
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

/** Reads arrival `arrivalId` from the inbox and splits its attachments into main document and phụ lục. */
export function arrivalFiles(office: Office, arrivalId: number, mainAttachment?: number): ArrivalFiles {
  const xml = office.exchange().service.inbox.xml(arrivalId);
  if (!xml) throw new VanthuError('QUEUE_NOT_FOUND', `arrival ${arrivalId}`);
  const parsed = parseEdxml(xml);
  if (parsed.kind !== 'edoc')
    throw new VanthuError('EDXML_INVALID', `arrival ${arrivalId} is not a document`);
  const files = parsed.attachments;
  if (mainAttachment !== undefined && mainAttachment >= files.length)
    throw new VanthuError(
      'INVALID_INPUT',
      `mainAttachment ${mainAttachment}: arrival ${arrivalId} has ${files.length} attachment(s)`,
    );
  const mainIndex = mainAttachment ?? files.findIndex((a) => a.contentType === 'application/pdf');
  const main = files[mainIndex];
  return {
    header: parsed.header,
    main: main ? { index: mainIndex, name: main.name, bytes: main.data } : undefined,
    others: files.flatMap((a, i) => (i === mainIndex ? [] : [toAttachmentInput(a, i)])),
    list: files.map((a, index) => ({
      index,
      name: a.name,
      contentType: a.contentType,
      size: a.data.length,
      ...(a.description ? { description: a.description } : {}),
      main: index === mainIndex,
    })),
  };
}

function toAttachmentInput(a: Attachment, index: number): AttachmentInput {
  // The registry needs a name; a package may leave it empty.
  const name = a.name.trim() || `tep-dinh-kem-${index + 1}`;
  return { name, bytes: a.data, ...(a.description ? { description: a.description } : {}) };
}
