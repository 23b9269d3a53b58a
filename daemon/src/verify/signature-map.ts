import { PdfDict, type PdfObject, PdfRef, type PdfReader, PdfString } from '../pdf/reader/index.js';
import { ROLE_FIELD } from '../pdf/sign/options.js';
import { dictAtRev } from './field-kinds.js';

/** A field reachable from /AcroForm /Fields whose own /V is a signature dictionary. */
export interface SignedField {
  /** Fully qualified name. */
  name: string;
  /** Key of the field object ("num gen"), or undefined for a direct field. */
  fieldKey: string | undefined;
  fieldRef: PdfRef | undefined;
  /** Key identifying the signature dictionary: its reference, or the field's own key when direct. */
  sigKey: string;
  sigRef: PdfRef | undefined;
  byteRangeEnd: number | undefined;
  /** A document timestamp (PAdES B-LTA), not a person's or an organisation's signature. */
  docTimestamp: boolean;
  /** Keys of the widgets of this field (the field itself when it is merged with its widget). */
  widgets: Set<string>;
}

/** The signatures of one revision, read from /AcroForm /Fields as that revision stood. */
export interface SignatureMap {
  revision: number;
  fields: SignedField[];
  /** Signature dictionary key → the fields whose value it is (more than one is a forgery). */
  owners: Map<string, SignedField[]>;
  /** Keys of every widget and field object reachable from /AcroForm /Fields. */
  reachable: Set<string>;
}

const MAX_FIELDS = 100_000;
const MAX_DEPTH = 32;

export function signatureMap(reader: PdfReader, revision: number): SignatureMap {
  const out: SignatureMap = { revision, fields: [], owners: new Map(), reachable: new Set() };
  const catalog = dictAtRev(reader, reader.revisions[revision]!.trailer.get('Root'), revision);
  const form = dictAtRev(reader, catalog?.get('AcroForm'), revision);
  const roots = reader.resolveAt(form?.get('Fields'), revision);
  if (!Array.isArray(roots)) return out;
  const seen = new Set<string>();
  const walk = (node: PdfObject, prefix: string, depth: number): void => {
    if (depth > MAX_DEPTH || seen.size > MAX_FIELDS) return;
    const key = node instanceof PdfRef ? node.key : undefined;
    if (key) {
      if (seen.has(key)) return;
      seen.add(key);
      out.reachable.add(key);
    }
    const d = dictAtRev(reader, node, revision);
    if (!d) return;
    const t = reader.resolveAt(d.get('T'), revision);
    const partial = t instanceof PdfString ? t.text() : undefined;
    const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
    const kids = reader.resolveAt(d.get('Kids'), revision);
    // Stryker disable next-line ArrayDeclaration: a kid that is no dictionary is skipped by the walk and by the widget list
    const kidList = Array.isArray(kids) ? kids : [];
    for (const k of kidList) walk(k, name, depth + 1);
    const v = d.get('V');
    const sig = dictAtRev(reader, v, revision);
    if (!sig?.has('ByteRange')) return;
    const widgets = new Set<string>();
    if (key && d.has('Rect')) widgets.add(key);
    for (const k of kidList) {
      const kd = dictAtRev(reader, k, revision);
      if (k instanceof PdfRef && kd && !kd.has('T')) widgets.add(k.key);
    }
    const field: SignedField = {
      name,
      fieldKey: key,
      fieldRef: node instanceof PdfRef ? node : undefined,
      sigKey: v instanceof PdfRef ? v.key : `direct:${key ?? name}`,
      sigRef: v instanceof PdfRef ? v : undefined,
      byteRangeEnd: byteRangeEnd(reader, sig, revision),
      docTimestamp: sig.name('Type') === 'DocTimeStamp' || sig.name('SubFilter') === 'ETSI.RFC3161',
      widgets,
    };
    out.fields.push(field);
    const list = out.owners.get(field.sigKey) ?? [];
    list.push(field);
    out.owners.set(field.sigKey, list);
  };
  for (const f of roots) walk(f, '', 0);
  return out;
}

function byteRangeEnd(reader: PdfReader, sig: PdfDict, revision: number): number | undefined {
  const br = reader.resolveAt(sig.get('ByteRange'), revision);
  if (!Array.isArray(br) || br.length === 0 || br.length % 2 !== 0) return undefined;
  let end = 0;
  for (let i = 0; i < br.length; i += 2) {
    const s = br[i];
    const l = br[i + 1];
    if (typeof s !== 'number' || typeof l !== 'number') return undefined;
    end = Math.max(end, s + l);
  }
  return end;
}

/**
 * The signatures made in revision `r`: the value of exactly one field reachable from /Fields, a
 * dictionary that did not exist before `r`, whose ByteRange ends where revision `r` ends. Only such
 * a signature is verified in the report for what `r` added, so only it may justify a new appearance.
 */
export function signaturesMadeIn(reader: PdfReader, map: SignatureMap): SignedField[] {
  const r = map.revision;
  const end = reader.revisions[r]!.endOffset;
  return map.fields.filter((f) => {
    if (map.owners.get(f.sigKey)!.length !== 1) return false;
    if (f.byteRangeEnd === undefined || !coversRevisionEnd(reader, f.byteRangeEnd, end)) return false;
    if (f.sigRef) return !existedBefore(reader, f.sigRef.key, r);
    // A direct value: new when the field had none before.
    // Stryker disable next-line ConditionalExpression: a direct field resolves to nothing before, so the next line answers true as well
    if (!f.fieldRef) return true;
    const before = reader.resolveAt(f.fieldRef, r - 1);
    return !(before instanceof PdfDict && before.has('V'));
  });
}

function existedBefore(reader: PdfReader, key: string, r: number): boolean {
  const num = Number(key.split(' ')[0]);
  const e = reader.entry(num, r - 1);
  return e !== undefined && e.type !== 'free';
}

/** The signed bytes end at the revision's end (a writer may leave up to two end-of-line bytes). */
function coversRevisionEnd(reader: PdfReader, byteEnd: number, revisionEnd: number): boolean {
  // Stryker disable next-line ConditionalExpression: an exact end reads no tail bytes, and every() of none is true
  if (byteEnd === revisionEnd) return true;
  if (byteEnd > revisionEnd || revisionEnd - byteEnd > 2) return false;
  const tail = reader.source.read(byteEnd, revisionEnd - byteEnd);
  return tail.every((b) => b === 0x0a || b === 0x0d || b === 0x20);
}

/** The role our signing engine names a field for (CaNhan, CoQuan, …, with _2, _3 suffixes). */
export function fieldRole(name: string): string | undefined {
  for (const [role, prefix] of Object.entries(ROLE_FIELD)) {
    if (name === prefix || name.startsWith(`${prefix}_`)) return role;
  }
  return undefined;
}

/** What revision `r` did to the signatures: the map as it stands, and the signatures it made. */
export interface RevisionSignatures {
  now: SignatureMap;
  made: SignedField[];
  /** A seal signature (field CoQuan…) was made in this revision: our number/date stamps may come. */
  addsSeal: boolean;
}

export function revisionSignatures(reader: PdfReader, r: number): RevisionSignatures {
  const now = signatureMap(reader, r);
  const made = signaturesMadeIn(reader, now);
  return { now, made, addsSeal: made.some((f) => fieldRole(f.name) === 'seal') };
}

/** The signature made in this revision whose field is `key`, or has `key` as a widget. */
export function madeFieldOf(sigs: RevisionSignatures, key: string): SignedField | undefined {
  return sigs.made.find((f) => f.fieldKey === key || f.widgets.has(key));
}
