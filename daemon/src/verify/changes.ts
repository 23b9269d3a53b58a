import {
  PdfDict,
  type PdfObject,
  PdfRef,
  type PdfReader,
  PdfStream,
  PdfString,
} from '../pdf/reader/index.js';
import { changedKeys, pdfEqual } from './pdf-equal.js';

export type Modification = 'NONE' | 'SIGNATURES_AND_FORMS' | 'ANNOTATIONS' | 'OTHER';

export interface ChangePolicy {
  /** Accept new annotations of other kinds (comments, highlights) after signing. Default false. */
  allowAnnotations?: boolean;
}

export interface ChangeReport {
  level: Modification;
  /** One line per finding, e.g. "revision 3: object 5 (page) changed /Contents". */
  findings: string[];
}

const RANK: Record<Modification, number> = { NONE: 0, SIGNATURES_AND_FORMS: 1, ANNOTATIONS: 2, OTHER: 3 };
/** Read-only text fields our seal step adds for the document number and date (sign/roles.ts). */
const STAMP_FIELD = /^(SoVanBan|NgayBanHanh)(\.|_|$)/;
const MAX_OBJECTS_CHECKED = 200_000;

/** What each object number meant at the previous revision: the roles that make a change allowed. */
interface Landmarks {
  catalog: number | undefined;
  info: number | undefined;
  acroForm: number | undefined;
  fields: number | undefined;
  dss: number | undefined;
  metadata: number | undefined;
  /** Indirect /Annots arrays of pages. */
  annots: Set<number>;
}

/**
 * Every revision after `signedRevision`, object by object against the revision before it. Allowed:
 * new or filled signature fields with their widgets and appearance streams, /Annots and /Fields
 * appends, the read-only number/date fields of the seal step, DSS/VRI, document timestamps,
 * metadata and the Info dictionary. Anything else — page content, resources, page tree, other
 * annotations unless the policy allows them, deleted objects — is OTHER.
 */
export function analyseChanges(reader: PdfReader, signedRevision: number): ChangeReport {
  let level: Modification = 'NONE';
  const findings: string[] = [];
  const raise = (to: Modification, line: string): undefined => {
    if (RANK[to] > RANK[level]) level = to;
    if (to !== 'SIGNATURES_AND_FORMS' && findings.length < 50) findings.push(line);
  };
  let checked = 0;
  for (let r = signedRevision + 1; r < reader.revisions.length; r++) {
    const rev = reader.revisions[r]!;
    const marks = landmarks(reader, r - 1);
    const addedInRevision = new Set<number>();
    const changed: number[] = [];
    for (const [num, entry] of rev.entries) {
      if (++checked > MAX_OBJECTS_CHECKED) {
        raise('OTHER', 'too many changed objects to analyse');
        return { level, findings };
      }
      const before = reader.entry(num, r - 1);
      const existed = before !== undefined && before.type !== 'free';
      if (entry.type === 'free') {
        if (existed) raise('OTHER', `revision ${r}: object ${num} deleted`);
        continue;
      }
      if (existed) changed.push(num);
      else addedInRevision.add(num);
    }
    const ctx: RevisionContext = { reader, r, marks, added: addedInRevision, raise };
    for (const num of changed) checkChangedObject(ctx, num);
  }
  return { level, findings };
}

interface RevisionContext {
  reader: PdfReader;
  r: number;
  marks: Landmarks;
  added: Set<number>;
  raise(to: Modification, line: string): undefined;
}

function refOf(reader: PdfReader, num: number, revision: number): PdfRef {
  const e = reader.entry(num, revision);
  return new PdfRef(num, e?.type === 'offset' ? e.gen : 0);
}

function landmarks(reader: PdfReader, revision: number): Landmarks {
  const trailer = reader.revisions[revision]!.trailer;
  const num = (o: PdfObject | undefined): number | undefined => (o instanceof PdfRef ? o.num : undefined);
  const dictAt = (o: PdfObject | undefined): PdfDict | undefined => {
    const v = reader.resolveAt(o, revision);
    return v instanceof PdfDict ? v : v instanceof PdfStream ? v.dict : undefined;
  };
  const catalog = dictAt(trailer.get('Root'));
  const acro = dictAt(catalog?.get('AcroForm'));
  const annots = new Set<number>();
  const seen = new Set<string>();
  const walk = (node: PdfObject | undefined, depth: number): void => {
    if (depth > 64 || seen.size > 1_000_000) return;
    if (node instanceof PdfRef) {
      if (seen.has(node.key)) return;
      seen.add(node.key);
    }
    const d = dictAt(node);
    if (!d) return;
    const a = d.get('Annots');
    if (a instanceof PdfRef) annots.add(a.num);
    const kids = reader.resolveAt(d.get('Kids'), revision);
    if (Array.isArray(kids)) for (const k of kids) walk(k, depth + 1);
  };
  walk(catalog?.get('Pages'), 0);
  return {
    catalog: num(trailer.get('Root')),
    info: num(trailer.get('Info')),
    acroForm: num(catalog?.get('AcroForm')),
    fields: num(acro?.get('Fields')),
    dss: num(catalog?.get('DSS')),
    metadata: num(catalog?.get('Metadata')),
    annots,
  };
}

function describe(obj: PdfObject | undefined): string {
  const d = obj instanceof PdfStream ? obj.dict : obj instanceof PdfDict ? obj : undefined;
  if (Array.isArray(obj)) return 'array';
  const type = d?.name('Type') ?? d?.name('Subtype') ?? d?.name('FT');
  return type
    ? `/${type}${obj instanceof PdfStream ? ' stream' : ''}`
    : obj instanceof PdfStream
      ? 'stream'
      : 'object';
}

function checkChangedObject(ctx: RevisionContext, num: number): undefined {
  const { reader, r, marks } = ctx;
  const oldObj = reader.resolveAt(refOf(reader, num, r - 1), r - 1);
  const newObj = reader.resolveAt(refOf(reader, num, r), r);
  if (
    newObj instanceof PdfStream &&
    (newObj.dict.name('Type') === 'XRef' || newObj.dict.name('Type') === 'ObjStm')
  )
    return;
  if (pdfEqual(reader, oldObj, newObj)) return;
  const where = `revision ${r}: object ${num} (${describe(oldObj)})`;
  const allowed = (): undefined => ctx.raise('SIGNATURES_AND_FORMS', where);
  if (num === marks.info || num === marks.metadata || num === marks.dss) return allowed();
  const oldDict = oldObj instanceof PdfDict ? oldObj : undefined;
  const newDict = newObj instanceof PdfDict ? newObj : undefined;
  if (num === marks.catalog && oldDict && newDict) {
    // /Version: a signing update upgrades a PDF 1.0–1.3 catalog (the header is never rewritten).
    const keys = changedKeys(reader, oldDict, newDict, 0, ['AcroForm', 'DSS', 'Metadata', 'Version']);
    if (keys.length > 0) return ctx.raise('OTHER', `${where}: catalog /${keys.join(' /')} changed`);
    // A direct or newly referenced AcroForm is checked here; an indirect one changed in place below.
    if (!pdfEqual(reader, oldDict.get('AcroForm'), newDict.get('AcroForm'))) {
      const acro = reader.resolveAt(newDict.get('AcroForm'), r);
      if (!(acro instanceof PdfDict)) return ctx.raise('OTHER', `${where}: catalog /AcroForm removed`);
      checkAcroForm(ctx, where, oldDict.get('AcroForm'), acro);
    }
    return allowed();
  }
  if (num === marks.acroForm && oldDict && newDict) return checkAcroForm(ctx, where, oldDict, newDict);
  if (num === marks.fields && Array.isArray(oldObj) && Array.isArray(newObj))
    return checkAppend(ctx, where, oldObj, newObj, 'field');
  if (marks.annots.has(num) && Array.isArray(oldObj) && Array.isArray(newObj))
    return checkAppend(ctx, where, oldObj, newObj, 'annotation');
  if (oldDict && newDict && oldDict.name('Type') === 'Page') {
    const keys = changedKeys(reader, oldDict, newDict, 0, ['Annots']);
    if (keys.length > 0) return ctx.raise('OTHER', `${where}: page /${keys.join(' /')} changed`);
    const oldA = reader.resolveAt(oldDict.get('Annots'), r - 1);
    const newA = reader.resolveAt(newDict.get('Annots'), r);
    return checkAppend(
      ctx,
      where,
      Array.isArray(oldA) ? oldA : [],
      Array.isArray(newA) ? newA : [],
      'annotation',
    );
  }
  if (oldDict && newDict && isSignatureField(reader, oldDict, r - 1))
    return checkSignatureFieldFill(ctx, where, oldDict, newDict);
  ctx.raise('OTHER', `${where} changed`);
}

function checkAcroForm(
  ctx: RevisionContext,
  where: string,
  oldRaw: PdfObject | undefined,
  next: PdfDict,
): undefined {
  const { reader, r } = ctx;
  const old = reader.resolveAt(oldRaw, r - 1);
  const oldDict = old instanceof PdfDict ? old : new PdfDict();
  const keys = changedKeys(reader, oldDict, next, 0, ['Fields', 'SigFlags', 'NeedAppearances', 'DR']);
  if (keys.length > 0) return ctx.raise('OTHER', `${where}: AcroForm /${keys.join(' /')} changed`);
  const oldF = reader.resolveAt(oldDict.get('Fields'), r - 1);
  const newF = reader.resolveAt(next.get('Fields'), r);
  if (
    !(oldDict.get('Fields') instanceof PdfRef) ||
    !pdfEqual(reader, oldDict.get('Fields'), next.get('Fields'))
  )
    checkAppend(ctx, where, Array.isArray(oldF) ? oldF : [], Array.isArray(newF) ? newF : [], 'field');
  ctx.raise('SIGNATURES_AND_FORMS', where);
}

/** Old entries kept (in order), new entries only signature fields/widgets or our stamp fields. */
function checkAppend(
  ctx: RevisionContext,
  where: string,
  old: PdfObject[],
  next: PdfObject[],
  kind: 'field' | 'annotation',
): undefined {
  const { reader, r } = ctx;
  let i = 0;
  const extra: PdfObject[] = [];
  for (const item of next) {
    if (i < old.length && pdfEqual(reader, old[i], item)) i++;
    else extra.push(item);
  }
  if (i < old.length) return ctx.raise('OTHER', `${where}: existing ${kind}s removed or reordered`);
  for (const item of extra) {
    const d = dictAtRev(reader, item, r);
    const label = item instanceof PdfRef ? `object ${item.num}` : 'direct object';
    if (!d) {
      ctx.raise('OTHER', `${where}: added ${kind} ${label} is not a dictionary`);
      continue;
    }
    if (
      item instanceof PdfRef &&
      !ctx.added.has(item.num) &&
      kind === 'annotation' &&
      !isSignatureField(reader, d, r)
    ) {
      ctx.raise('OTHER', `${where}: an existing object ${item.num} was attached as an annotation`);
      continue;
    }
    if (isSignatureField(reader, d, r)) ctx.raise('SIGNATURES_AND_FORMS', where);
    else if (isStampField(reader, d, r) && revisionAddsSignature(ctx))
      ctx.raise('SIGNATURES_AND_FORMS', where);
    else if (kind === 'annotation' && d.name('Subtype') !== 'Widget') {
      ctx.raise('ANNOTATIONS', `${where}: /${d.name('Subtype') ?? '?'} annotation ${label} added`);
    } else ctx.raise('OTHER', `${where}: form field ${label} (${fieldType(reader, d, r) ?? 'no /FT'}) added`);
  }
}

function checkSignatureFieldFill(
  ctx: RevisionContext,
  where: string,
  old: PdfDict,
  next: PdfDict,
): undefined {
  const { reader } = ctx;
  if (old.has('V') && !pdfEqual(reader, old.get('V'), next.get('V')))
    return ctx.raise('OTHER', `${where}: the value of a signed field was replaced`);
  const keys = changedKeys(reader, old, next, 0, ['V', 'AP', 'AS', 'F', 'Rect', 'P', 'MK']);
  if (keys.length > 0) return ctx.raise('OTHER', `${where}: signature field /${keys.join(' /')} changed`);
  ctx.raise('SIGNATURES_AND_FORMS', where);
}

function dictAtRev(reader: PdfReader, o: PdfObject | undefined, revision: number): PdfDict | undefined {
  const v = reader.resolveAt(o, revision);
  return v instanceof PdfDict ? v : undefined;
}

/** /FT, inherited through /Parent (bounded). */
function fieldType(reader: PdfReader, d: PdfDict, revision: number): string | undefined {
  let cur: PdfDict | undefined = d;
  for (let i = 0; cur && i < 32; i++) {
    const ft = cur.name('FT');
    if (ft) return ft;
    cur = dictAtRev(reader, cur.get('Parent'), revision);
  }
  return undefined;
}

function isSignatureField(reader: PdfReader, d: PdfDict, revision: number): boolean {
  return fieldType(reader, d, revision) === 'Sig';
}

function isStampField(reader: PdfReader, d: PdfDict, revision: number): boolean {
  if (fieldType(reader, d, revision) !== 'Tx') return false;
  const ff = d.number('Ff') ?? 0;
  const t = reader.resolveAt(d.get('T'), revision);
  return (ff & 1) === 1 && t instanceof PdfString && STAMP_FIELD.test(t.text());
}

/** Stamp fields are accepted only in an update that also adds a signature (the seal step). */
function revisionAddsSignature(ctx: RevisionContext): boolean {
  for (const num of ctx.added) {
    const v = ctx.reader.resolveAt(refOf(ctx.reader, num, ctx.r), ctx.r);
    if (v instanceof PdfDict && (v.name('Type') === 'Sig' || v.has('ByteRange'))) return true;
  }
  return false;
}
