import { VanthuError } from '@vanthu/shared/errors/index';
import { type PdfDict, type PdfName, type PdfReader, type PdfRef, PdfString } from '../reader/index.js';
import { WritableDict, type WritableObject, name, text } from '../writer/serialize.js';
import type { DocMdpPermission } from './options.js';

/**
 * Modification detection and prevention on the signing side (ISO 32000-2 §12.8.2.2 DocMDP,
 * §12.8.2.4 FieldMDP): the signature reference dictionaries (Table 256) and their transform
 * parameters (Tables 257, 258), and the field lock dictionary (Table 236). /DigestMethod is left out:
 * it is deprecated in PDF 2.0 and PAdES does not use it.
 */

export { DOC_MDP_PERMISSIONS, type DocMdpPermission } from './options.js';

export type LockAction = 'All' | 'Include' | 'Exclude';

/** Which fields become read-only once a signature field is signed. */
export interface FieldLock {
  action: LockAction;
  /** Fully qualified field names (Include/Exclude); empty for All. */
  fields: string[];
}

/** The signature reference dictionary of a certification signature (the first signature only). */
export function docMdpReference(p: DocMdpPermission): WritableDict {
  return WritableDict.of({
    Type: name('SigRef'),
    TransformMethod: name('DocMDP'),
    TransformParams: WritableDict.of({ Type: name('TransformParams'), P: p, V: name('1.2') }),
  });
}

/**
 * The signature reference dictionary of a field that carries /Lock. /Data, required for FieldMDP
 * (Table 256), names the document catalog: the analysis covers the whole form.
 */
export function fieldMdpReference(lock: FieldLock, catalog: PdfRef): WritableDict {
  return WritableDict.of({
    Type: name('SigRef'),
    TransformMethod: name('FieldMDP'),
    TransformParams: WritableDict.of({
      Type: name('TransformParams'),
      ...lockEntries(lock),
      V: name('1.2'),
    }),
    Data: catalog,
  });
}

/** The field's /Lock dictionary (stored as an indirect object, as Table 233 requires). */
export function lockDictionary(lock: FieldLock): WritableDict {
  return WritableDict.of({ Type: name('SigFieldLock'), ...lockEntries(lock) });
}

function lockEntries(lock: FieldLock): { Action: PdfName; Fields?: WritableObject } {
  return lock.action === 'All'
    ? { Action: name('All') }
    : { Action: name(lock.action), Fields: lock.fields.map((f) => text(f)) };
}

/**
 * The lock of the field being signed: the one it already carries (a form prepared in another tool),
 * extended by the fields this update adds — Include gains them, All and Exclude already cover fields
 * they do not name — or, on a new field, a lock over the added fields alone. `write`: a new /Lock
 * object is needed (an unchanged prepared lock stays where it is).
 */
export function lockFor(
  reader: PdfReader,
  field: PdfDict | undefined,
  added: string[],
): (FieldLock & { write: boolean }) | undefined {
  const existing = field ? readLock(reader, reader.dict(field.get('Lock'))) : undefined;
  if (!existing) return added.length > 0 ? { action: 'Include', fields: added, write: true } : undefined;
  const missing = existing.action === 'Include' ? added.filter((f) => !existing.fields.includes(f)) : [];
  return { ...existing, fields: [...existing.fields, ...missing], write: missing.length > 0 };
}

function readLock(reader: PdfReader, d: PdfDict | undefined): FieldLock | undefined {
  if (!d) return undefined;
  const action = d.name('Action');
  // An unreadable action locks everything: a prepared lock is never weakened by reading it.
  if (action !== 'Include' && action !== 'Exclude') return { action: 'All', fields: [] };
  const list = reader.resolve(d.get('Fields'));
  const fields = Array.isArray(list)
    ? list.map((f) => reader.resolve(f)).flatMap((f) => (f instanceof PdfString ? [f.text()] : []))
    : [];
  return { action, fields };
}

/** A certification signature must be the first signature of the document (§12.8.2.2.1). */
export function assertCertifiable(reader: PdfReader): void {
  const signed = reader.signatureFields().filter((f) => f.value);
  if (signed.length > 0) {
    throw new VanthuError(
      'PDF_CERTIFY_NOT_FIRST',
      `${signed.length} signature(s) already present (${signed.map((f) => f.name).join(', ')})`,
    );
  }
}

/** The DocMDP permission a certified document grants, or undefined when it is not certified. */
export function certificationLevel(reader: PdfReader): DocMdpPermission | undefined {
  const perms = reader.dict(reader.catalog.get('Perms'));
  const mdp = reader.dict(perms?.get('DocMDP'));
  if (!mdp) return undefined;
  const refs = reader.resolve(mdp.get('Reference'));
  for (const item of Array.isArray(refs) ? refs : []) {
    const d = reader.dict(item);
    if (d?.name('TransformMethod') !== 'DocMDP') continue;
    const p = reader.resolve(reader.dict(d.get('TransformParams'))?.get('P')) ?? 2;
    // Only 1–3 are defined (Table 257); anything else is read as the strictest.
    return p === 2 || p === 3 ? p : 1;
  }
  // /Perms names a signature without a DocMDP reference: no P stated, so the default (Table 257).
  return 2;
}
