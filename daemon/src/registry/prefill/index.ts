import { CATALOGUES, type FieldObject, type FieldValue, validateFields } from '@vanthu/shared/domain/index';
import { toVanthuError } from '@vanthu/shared/errors/index';
import type { PrefillSource, RegistryPrefillResult, VerifyResult } from '@vanthu/shared/protocol/index';
import { createHash } from 'node:crypto';
import type { EdocHeader } from '../../exchange/edxml/types.js';
import { PdfReader } from '../../pdf/reader/index.js';
import { extractLines } from '../../pdf/text/extract.js';
import type { BookKind } from '../types.js';
import { fieldsFromEdxml } from './edxml-fields.js';
import { fieldsFromSignatures } from './signature-fields.js';
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

async function readPdf(pdf: Uint8Array, notes: string[]): Promise<FieldObject> {
  let reader: PdfReader;
  try {
    reader = PdfReader.fromBuffer(pdf);
  } catch (error) {
    notes.push(`the document is not a readable PDF: ${toVanthuError(error).message}`);
    return {};
  }
  try {
    if (reader.pageCount === 0) return {};
    const lines = (await extractLines(reader, 0)).map((l) => l.text);
    const text = fieldsFromText(lines);
    const notation = typeof text['CodeNotation'] === 'string' ? text['CodeNotation'] : undefined;
    return { ...text, ...fieldsFromStamps(reader, notation) };
  } catch (error) {
    notes.push(`the first page's text could not be read: ${toVanthuError(error).message}`);
    return {};
  } finally {
    reader.close();
  }
}

/**
 * Values proposed for a registration form: from the signatures, then the PDF text, then the edXML
 * header (each later source wins where both say something). Only fields the clerk may fill in this
 * book are kept, and a value the catalogue would refuse is dropped with a note.
 */
export async function prefillRegistration(input: PrefillInput): Promise<RegistryPrefillResult> {
  const notes: string[] = [];
  const layers: Array<[PrefillSource, FieldObject]> = [];
  let signatures: RegistryPrefillResult['signatures'] = [];
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
      layers.push(['signature', fieldsFromSignatures(report.signatures)]);
    } catch (error) {
      notes.push(`signatures could not be verified: ${toVanthuError(error).message}`);
    }
  }
  if (input.pdf) layers.push(['text', await readPdf(input.pdf, notes)]);
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
