import { CATALOGUES, type FieldObject, type FieldValue, validateFields } from '@vanthu/shared/domain/index';
import { toVanthuError } from '@vanthu/shared/errors/index';
import type { PrefillSource, RegistryPrefillResult, VerifyResult } from '@vanthu/shared/protocol/index';
import { createHash } from 'node:crypto';
import type { EdocHeader } from '../../exchange/edxml/types.js';
import { PdfReader } from '../../pdf/reader/index.js';
import { extractLines } from '../../pdf/text/extract.js';
import type { BookKind } from '../types.js';
import { fieldsFromEdxml } from './edxml-fields.js';
import { organFromHeader } from './header-organ.js';
import { approverOrganisation, fieldsFromSignatures } from './signature-fields.js';
import { fieldsFromStamps } from './stamped-fields.js';
import { fieldsFromText } from './text-fields.js';

export interface PrefillInput {
  kind: BookKind;
  /** The PDF the clerk chose (or the arrival's attachment). */
  pdf?: Uint8Array;
  /** Header of the edXML package the document came in. */
  header?: EdocHeader;
  /** Checks the PDF's signatures (the daemon's verification engine). */
  verify?: (pdf: Uint8Array) => Promise<VerifyResult>;
}

const isGroup = (v: FieldValue | undefined): v is FieldObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Later sources win; groups (SignerInfo) merge field by field. */
function merge(layers: ReadonlyArray<[PrefillSource, FieldObject]>) {
  const fields: FieldObject = {};
  const sources: Record<string, PrefillSource> = {};
  for (const [source, layer] of layers) {
    for (const [tag, value] of Object.entries(layer)) {
      if (value === undefined || value === '') continue;
      const prev = fields[tag];
      fields[tag] = isGroup(prev) && isGroup(value) ? { ...prev, ...value } : value;
      sources[tag] = source;
    }
  }
  return { fields, sources };
}

/** What the first page says: its fields, and the organisation its header names (a weaker source than a seal). */
async function readPdf(pdf: Uint8Array, notes: string[]): Promise<{ fields: FieldObject; organ?: string }> {
  let reader: PdfReader;
  try {
    reader = PdfReader.fromBuffer(pdf);
  } catch (error) {
    notes.push(`the document is not a readable PDF: ${toVanthuError(error).message}`);
    return { fields: {} };
  }
  try {
    if (reader.pageCount === 0) return { fields: {} };
    const lines = await extractLines(reader, 0);
    const text = fieldsFromText(lines.map((l) => l.text));
    const notation = typeof text['CodeNotation'] === 'string' ? text['CodeNotation'] : undefined;
    const organ = organFromHeader(lines)?.issuer.slice(0, 200);
    return { fields: { ...text, ...fieldsFromStamps(reader, notation) }, ...(organ ? { organ } : {}) };
  } catch (error) {
    notes.push(`the first page's text could not be read: ${toVanthuError(error).message}`);
    return { fields: {} };
  } finally {
    reader.close();
  }
}

/**
 * Values proposed for a registration form: from the signatures, then the PDF text, then the edXML
 * header (each later source wins where both say something; the issuing organisation ranks the seal
 * above the header's name, and that above the approver's certificate). Only fields the clerk may fill in this
 * book are kept, and a value the catalogue would refuse is dropped with a note.
 */
export async function prefillRegistration(input: PrefillInput): Promise<RegistryPrefillResult> {
  const notes: string[] = [];
  const layers: Array<[PrefillSource, FieldObject]> = [];
  let signatures: RegistryPrefillResult['signatures'] = [];
  const page = input.pdf ? await readPdf(input.pdf, notes) : undefined;
  // Cơ quan ban hành: the seal's certificate, else the header's organisation, else the approver's O.
  let approverOrgan: string | undefined;
  if (input.pdf && input.verify) {
    try {
      const report = await input.verify(input.pdf);
      signatures = report.signatures.map((s) => ({
        commonName: s.signer?.commonName ?? null,
        organization: s.signer?.organization ?? null,
        signingTime: s.signingTime,
        role: s.role,
        indication: s.indication,
      }));
      approverOrgan = approverOrganisation(report.signatures);
      layers.push(['signature', fieldsFromSignatures(report.signatures)]);
    } catch (error) {
      notes.push(`signatures could not be verified: ${toVanthuError(error).message}`);
    }
  }
  if (page?.organ) layers.unshift(['text', { OrganName: page.organ }]);
  if (approverOrgan) layers.unshift(['signature', { OrganName: approverOrgan }]);
  if (page) layers.push(['text', page.fields]);
  if (input.header) layers.push(['edxml', fieldsFromEdxml(input.header)]);
  const merged = merge(layers);
  const catalogue = CATALOGUES[input.kind];
  const editable = new Set(catalogue.fields.filter((f) => !f.sys || f.correctable).map((f) => f.tag));
  for (const tag of Object.keys(merged.fields)) {
    if (!editable.has(tag)) {
      delete merged.fields[tag];
      delete merged.sources[tag];
    }
  }
  const { issues } = validateFields(catalogue, merged.fields, { partial: true });
  for (const i of issues) {
    const tag = i.path.split('.')[0] ?? i.path;
    if (merged.fields[tag] === undefined) continue;
    notes.push(`${i.path}: ${i.en} (value left out)`);
    delete merged.fields[tag];
    delete merged.sources[tag];
  }
  return {
    fields: merged.fields,
    sources: merged.sources,
    signatures,
    notes,
    ...(input.pdf ? { sha256: createHash('sha256').update(input.pdf).digest('hex') } : {}),
    ...(input.header ? { documentId: input.header.documentId } : {}),
  };
}
