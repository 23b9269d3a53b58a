import type { Attachment, EdocHeader } from '../../../daemon/src/exchange/edxml/types.js';

export const PDF_BYTES = new Uint8Array(Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));

/** A complete document header from `from` to `to`, numbered `n`. */
export function sampleHeader(from: string, to: string[], n = 1, extra: Partial<EdocHeader> = {}): EdocHeader {
  return {
    from: { organId: from, organName: `Cơ quan ${from}` },
    to: to.map((organId) => ({ organId })),
    documentId: `${from},2026/11/24,${n}/UBND-VP`,
    codeNumber: String(n),
    codeNotation: 'UBND-VP',
    place: 'Cần Thơ',
    promulgationDate: '2026/11/24',
    documentType: { type: 1, typeName: 'Công văn' },
    subject: `V/v phối hợp số ${n}`,
    toPlaces: ['Như trên'],
    priority: 0,
    responseFor: [],
    bussiness: { bussinessDocType: 0 },
    traces: [],
    ...extra,
  };
}

export function sampleAttachment(id = 'vb1'): Attachment {
  return { contentId: id, name: `${id}.pdf`, contentType: 'application/pdf', data: PDF_BYTES };
}
