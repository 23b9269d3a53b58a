import {
  PdfDict,
  PdfName,
  type PdfObject,
  type PdfReader,
  PdfRef,
  PdfStream,
  PdfString,
} from '../pdf/reader/index.js';

/**
 * What a document's signatures say about later changes, read as the document stood at one revision:
 * the certification (DocMDP, ISO 32000-2 §12.8.2.2) and the field locks (FieldMDP, §12.8.2.4).
 * Reading only; deciding whether a later revision respects them is the change analysis' job.
 */

export type DocMdpLevel = 1 | 2 | 3;
export type LockAction = 'All' | 'Include' | 'Exclude';

export interface Certification {
  /** 1 no changes; 2 form filling, signing; 3 also annotations. */
  p: DocMdpLevel;
  /** Fully qualified name of the certifying signature field ('' when no field holds it). */
  field: string;
  /** The certification signature dictionary (/Perms /DocMDP); undefined when it is not a reference. */
  sigRef: PdfRef | undefined;
  /** Deviations from §12.8.2.2 found while reading (the level above already accounts for them). */
  problems: string[];
}

export interface FieldLock {
  /** The signed field whose signature carries the FieldMDP reference. */
  field: string;
  action: LockAction;
  /** Fully qualified names of the fields Include/Exclude names; empty for All. */
  fields: string[];
  problems: string[];
}

const MAX_DEPTH = 32;
const MAX_FIELDS = 100_000;

/** The certification of the document at `revision`, or undefined when it has none. */
export function readCertification(reader: PdfReader, revision: number): Certification | undefined {
  const at = atRevision(reader, revision);
  const perms = at.dict(at.catalog()?.get('Perms'));
  const sigRaw = perms?.get('DocMDP');
  if (sigRaw === undefined) return undefined;
  const problems: string[] = [];
  // Table 260: /DocMDP "shall be an indirect reference" to the signature dictionary.
  if (!(sigRaw instanceof PdfRef)) {
    problems.push('/Perms /DocMDP is not an indirect reference to a signature dictionary');
    return { p: 1, field: '', sigRef: undefined, problems };
  }
  const sig = at.dict(sigRaw);
  const refs = sig ? at.resolve(sig.get('Reference')) : undefined;
  // Stryker disable next-line ArrayDeclaration: an entry that is no dictionary is skipped, so any stand-in list finds no DocMDP
  const docMdp = (Array.isArray(refs) ? refs : [])
    .map((r) => at.dict(r))
    .find((d) => d?.name('TransformMethod') === 'DocMDP');
  let p: DocMdpLevel;
  if (!sig) {
    problems.push('/Perms /DocMDP names no signature dictionary');
    p = 1;
  } else if (!docMdp) {
    problems.push('the certification signature has no DocMDP signature reference; P read as 2');
    p = 2;
  } else {
    const raw = at.resolve(at.dict(docMdp.get('TransformParams'))?.get('P'));
    // Table 257: "P (Optional) … Valid values shall be: 1 … 2 … 3 … Default value: 2." An absent P is
    // therefore 2. The standard gives no reading for any other value; one is read as 1, the
    // strictest, so a malformed certification never grants changes its author did not state.
    if (raw === undefined) p = 2;
    else if (raw === 1 || raw === 2 || raw === 3) p = raw;
    else {
      problems.push(`DocMDP P is ${describe(raw)}, not 1, 2 or 3; read as 1 (no changes)`);
      p = 1;
    }
  }
  const signed = signedFields(at);
  const holder = signed.find((f) => f.valueRef?.equals(sigRaw));
  if (!holder) problems.push('no signature field holds the certification signature');
  else {
    // §12.8.2.2.1: the certification "shall be the first signed field in the document".
    const earlier = signed.filter((f) => f !== holder && contentsAt(at, f) < contentsAt(at, holder));
    if (earlier.length > 0)
      problems.push(`signed before the certification: ${earlier.map((f) => f.name).join(', ')}`);
  }
  return { p, field: holder?.name ?? '', sigRef: sigRaw, problems };
}

/** The FieldMDP locks of the signatures present at `revision`, in field order. */
export function readFieldLocks(reader: PdfReader, revision: number): FieldLock[] {
  const at = atRevision(reader, revision);
  const out: FieldLock[] = [];
  for (const f of signedFields(at)) {
    const refs = at.resolve(f.value.get('Reference'));
    // Stryker disable next-line ArrayDeclaration: an entry that is no dictionary is skipped, so any stand-in list locks nothing
    for (const r of Array.isArray(refs) ? refs : []) {
      const d = at.dict(r);
      if (d?.name('TransformMethod') !== 'FieldMDP') continue;
      out.push({ field: f.name, ...readTransform(at, at.dict(d.get('TransformParams'))) });
    }
  }
  return out;
}

/** Table 258: /Action All | Include | Exclude, /Fields (text strings) for Include and Exclude. */
function readTransform(at: RevisionView, params: PdfDict | undefined): Omit<FieldLock, 'field'> {
  const problems: string[] = [];
  const action = params?.name('Action');
  if (action !== 'All' && action !== 'Include' && action !== 'Exclude') {
    // /Action is required; without a readable one every field is taken as locked.
    problems.push(`FieldMDP /Action is ${action ? `/${action}` : 'missing'}; read as /All`);
    return { action: 'All', fields: [], problems };
  }
  if (action === 'All') return { action, fields: [], problems };
  // Stryker disable next-line OptionalChaining: params is defined here (without it /Action is missing and the function returned)
  const list = at.resolve(params?.get('Fields'));
  if (!Array.isArray(list)) problems.push(`FieldMDP /${action} without a /Fields array`);
  const fields: string[] = [];
  for (const item of Array.isArray(list) ? list : []) {
    const v = at.resolve(item);
    if (v instanceof PdfString) fields.push(v.text());
    else problems.push(`FieldMDP /Fields holds ${describe(v)}, not a field name`);
  }
  return { action, fields, problems };
}

interface SignedField {
  name: string;
  value: PdfDict;
  valueRef: PdfRef | undefined;
}

/** Terminal signature fields whose /V is a signature dictionary, as of the view's revision. */
function signedFields(at: RevisionView): SignedField[] {
  const out: SignedField[] = [];
  const seen = new Set<string>();
  let count = 0;
  const walk = (node: PdfObject, prefix: string, ft: string | undefined, depth: number): void => {
    if (depth > MAX_DEPTH || ++count > MAX_FIELDS) return;
    if (node instanceof PdfRef) {
      if (seen.has(node.key)) return;
      seen.add(node.key);
    }
    const d = at.dict(node);
    if (!d) return;
    const t = at.resolve(d.get('T'));
    const name = t instanceof PdfString ? (prefix ? `${prefix}.${t.text()}` : t.text()) : prefix;
    const type = d.name('FT') ?? ft;
    const kids = at.resolve(d.get('Kids'));
    const fieldKids = Array.isArray(kids) ? kids.filter((k) => at.dict(k)?.has('T') === true) : [];
    if (fieldKids.length > 0) {
      for (const k of fieldKids) walk(k, name, type, depth + 1);
      return;
    }
    if (type !== 'Sig') return;
    const vRaw = d.get('V');
    const value = at.dict(vRaw);
    if (value?.has('ByteRange'))
      out.push({ name, value, valueRef: vRaw instanceof PdfRef ? vRaw : undefined });
  };
  const fields = at.resolve(at.dict(at.catalog()?.get('AcroForm'))?.get('Fields'));
  // Stryker disable next-line ArrayDeclaration: a root entry that is no dictionary is skipped, so any stand-in list finds no field
  for (const f of Array.isArray(fields) ? fields : []) walk(f, '', undefined, 0);
  return out;
}

/** Where a signature's /Contents starts (the end of its first byte range): its place in the file. */
function contentsAt(at: RevisionView, f: SignedField): number {
  const br = at.resolve(f.value.get('ByteRange'));
  const v = Array.isArray(br) ? at.resolve(br[1]) : undefined;
  return typeof v === 'number' ? v : Number.POSITIVE_INFINITY;
}

interface RevisionView {
  resolve(o: PdfObject | undefined): PdfObject | undefined;
  dict(o: PdfObject | undefined): PdfDict | undefined;
  catalog(): PdfDict | undefined;
}

function atRevision(reader: PdfReader, revision: number): RevisionView {
  const resolve = (o: PdfObject | undefined): PdfObject | undefined => reader.resolveAt(o, revision);
  const dict = (o: PdfObject | undefined): PdfDict | undefined => {
    const v = resolve(o);
    return v instanceof PdfDict ? v : v instanceof PdfStream ? v.dict : undefined;
  };
  const trailer = reader.revisions[revision]?.trailer;
  return { resolve, dict, catalog: () => dict(trailer?.get('Root')) };
}

function describe(v: PdfObject | undefined): string {
  if (v === undefined || v === null) return 'null';
  if (v instanceof PdfName) return `/${v.value}`;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof PdfString) return `(${v.text()})`;
  return Array.isArray(v) ? 'an array' : 'an object';
}
