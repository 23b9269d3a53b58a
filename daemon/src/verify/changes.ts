import { VanthuError } from '@vanthu/shared/errors/index';
import { PdfDict, type PdfObject, PdfRef, type PdfReader, PdfStream } from '../pdf/reader/index.js';
import {
  dictAtRev,
  fieldType,
  isSignatureField,
  isStampField,
  qualifiedFieldName,
  valueHolder,
} from './field-kinds.js';
import { GraphBudgetExceeded, GraphComparer } from './graph-equal.js';
import { type PageAt, type Raise, comparePages } from './page-diff.js';
import { type Certification, readCertification, readFieldLocks } from './mdp.js';
import { changedKeys, pdfEqual } from './pdf-equal.js';
import { type RevisionSignatures, madeFieldOf, revisionSignatures } from './signature-map.js';

export type Modification = 'NONE' | 'SIGNATURES_AND_FORMS' | 'ANNOTATIONS' | 'OTHER';

export interface ChangePolicy {
  /** Accept new annotations of other kinds (comments, highlights) after signing. Default false. */
  allowAnnotations?: boolean;
}

export interface ChangeReport {
  level: Modification;
  /** One line per finding, e.g. "revision 3: object 5 (page) changed /Contents". */
  findings: string[];
  /** 1-based pages whose content, resources or annotations changed in a way that is not allowed. */
  pages: number[];
  /**
   * The analysis stopped at a limit or at damaged structure before any disallowed change was found:
   * `level` is OTHER (never "unchanged"), but nothing is known to have changed.
   */
  incomplete: boolean;
}

const RANK: Record<Modification, number> = { NONE: 0, SIGNATURES_AND_FORMS: 1, ANNOTATIONS: 2, OTHER: 3 };
const MAX_OBJECTS_CHECKED = 200_000;
/** Object comparisons across all revisions; beyond this the file is not called unchanged. */
const MAX_GRAPH_STEPS = 2_000_000;

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
  /** Indirect /Resources dictionaries of pages and page-tree nodes, and their category dictionaries. */
  resources: Set<number>;
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
  let incomplete = false;
  const findings: string[] = [];
  const pages = new Set<number>();
  const raise = (to: Modification, line: string, page?: number, _validation?: boolean): undefined => {
    // Stryker disable next-line EqualityOperator: an equal rank is the same level, so >= assigns what is already there
    if (RANK[to] > RANK[level]) level = to;
    // Stryker disable next-line StringLiteral: no caller gives a page with an allowed change, so this comparison never decides
    if (page !== undefined && to !== 'SIGNATURES_AND_FORMS' && pages.size < 1000) pages.add(page);
    if (to !== 'SIGNATURES_AND_FORMS' && findings.length < 50 && !findings.includes(line))
      findings.push(line);
  };
  const stop = (line: string): void => {
    incomplete = level !== 'OTHER';
    raise('OTHER', line);
  };
  const cmp = new GraphComparer(reader, MAX_GRAPH_STEPS);
  const walked = new Map<number, PageAt[]>();
  let checked = 0;
  // The certification in force when this signature was made bounds every later revision.
  const cert = readCertification(reader, signedRevision);
  const certified = certifiedRaise(raise, cert);
  for (let r = signedRevision + 1; r < reader.revisions.length; r++) {
    try {
      if (!analyseRevision(reader, cmp, walked, r, certified, () => ++checked > MAX_OBJECTS_CHECKED)) {
        stop('too many changed objects to analyse');
        break;
      }
    } catch (e) {
      // Limits and damaged structure end the analysis; a document that cannot be compared is not unchanged.
      // Stryker disable next-line ConditionalExpression: only a programming error (neither a limit nor a VanthuError) is rethrown, and no input raises one
      if (!(e instanceof GraphBudgetExceeded || e instanceof VanthuError)) throw e;
      stop(`revision ${r}: changes cannot be analysed (${e.message})`);
      break;
    }
  }
  // Objects of a later revision found only by scanning: viewers rebuild the whole xref instead
  // (the last definition in the file wins), so what they show cannot be established here.
  if (reader.repaired) {
    for (let r = signedRevision + 1; r < reader.revisions.length; r++) {
      const listed = reader.revisions[r]!.entries;
      const wrong = reader.misplacedAt(r).filter((num) => listed.has(num));
      if (wrong.length > 0) {
        stop(
          `revision ${r}: its cross-reference entries point at wrong objects (${wrong.slice(0, 5).join(', ')})`,
        );
        break;
      }
    }
  }
  return { level, findings, pages: [...pages].sort((a, b) => a - b), incomplete };
}

/**
 * DocMDP (ISO 32000-2 §12.8.2.2, Table 257): P=1 allows no change but validation data and document
 * timestamps (PAdES), P=2 form filling and signing, P=3 also annotations. Annotations on a P=1 or
 * P=2 document are therefore OTHER, whatever the annotation policy; P=3 leaves them to the policy
 * (Evil Annotation attacks: a comment that covers text is still refused unless comments are allowed).
 */
function certifiedRaise(
  raise: RevisionContext['raise'],
  cert: Certification | undefined,
): RevisionContext['raise'] {
  if (!cert || cert.p === 3) return raise;
  return (to, line, page, validation) => {
    if (to === 'ANNOTATIONS')
      return raise(
        'OTHER',
        `${line}, on a document certified with P=${cert.p} (no annotations allowed)`,
        page,
      );
    if (to === 'SIGNATURES_AND_FORMS' && cert.p === 1 && !validation)
      return raise('OTHER', `${line}: the document is certified with P=1 (no changes allowed)`, page);
    return raise(to, line, page, validation);
  };
}

/** One revision against the one before it; false when the object budget ran out. */
function analyseRevision(
  reader: PdfReader,
  cmp: GraphComparer,
  walked: Map<number, PageAt[]>,
  r: number,
  raise: RevisionContext['raise'],
  overBudget: () => boolean,
): boolean {
  const rev = reader.revisions[r]!;
  const marks = landmarks(reader, r - 1);
  const addedInRevision = new Set<number>();
  // Stryker disable next-line ArrayDeclaration: an entry that is no object number resolves to nothing on both sides and compares equal
  const changed: number[] = [];
  for (const [num, entry] of rev.entries) {
    if (overBudget()) return false;
    const before = reader.entry(num, r - 1);
    const existed = before !== undefined && before.type !== 'free';
    if (entry.type === 'free') {
      if (existed) raise('OTHER', `revision ${r}: object ${num} deleted`);
      continue;
    }
    if (existed) changed.push(num);
    else addedInRevision.add(num);
  }
  // Members of a rewritten object stream change without their own xref entry: check them too.
  for (const num of [...changed]) {
    for (const member of rewrittenMembers(reader, num, r)) {
      if (overBudget()) return false;
      changed.push(member);
    }
  }
  const sigs = revisionSignatures(reader, r);
  const ctx: RevisionContext = { reader, r, marks, added: addedInRevision, raise, cmp, sigs };
  for (const [, owners] of sigs.now.owners) {
    if (owners.length > 1)
      raise(
        'OTHER',
        `revision ${r}: one signature is the value of ${owners.map((f) => `"${f.name}"`).join(' and ')}`,
      );
  }
  const oldRoot = reader.revisions[r - 1]!.trailer.get('Root');
  const newRoot = rev.trailer.get('Root');
  if (!(oldRoot instanceof PdfRef && newRoot instanceof PdfRef && oldRoot.equals(newRoot)))
    checkReplacedCatalog(ctx, cmp, oldRoot, newRoot);
  for (const num of changed) checkChangedObject(ctx, num);
  comparePages(reader, cmp, r, sigs, raise, walked);
  return true;
}

/** Objects held, before or after, by object stream `num` that revision `r` rewrote in place. */
function rewrittenMembers(reader: PdfReader, num: number, r: number): number[] {
  const members = new Set([...reader.objStmMembers(num, r - 1), ...reader.objStmMembers(num, r)]);
  // Stryker disable next-line ArrayDeclaration: an entry that is no object number resolves to nothing on both sides and compares equal
  const out: number[] = [];
  for (const m of members) {
    // Stryker disable next-line ConditionalExpression: a member with its own entry is checked twice, and its findings are not repeated
    if (reader.revisions[r]!.entries.has(m)) continue;
    const e = reader.entry(m, r);
    // Stryker disable next-line ConditionalExpression,LogicalOperator,OptionalChaining: a member without its own entry that this stream does not hold resolves alike before and after, so checking it finds nothing
    if (e?.type === 'compressed' && e.stream === num) out.push(m);
  }
  return out;
}

/** Our updates keep the catalog's number; a new /Root is a new document structure. */
function checkReplacedCatalog(
  ctx: RevisionContext,
  cmp: GraphComparer,
  oldRoot: PdfObject | undefined,
  newRoot: PdfObject | undefined,
): undefined {
  const { reader, r } = ctx;
  const label = newRoot instanceof PdfRef ? `object ${newRoot.num}` : 'a direct object';
  const oldCat = dictAtRev(reader, oldRoot, r - 1) ?? new PdfDict();
  const newCat = dictAtRev(reader, newRoot, r) ?? new PdfDict();
  const keys = cmp.changedKeys(oldCat, r - 1, newCat, r, ['DSS', 'Metadata', 'Version']);
  const what = keys.length > 0 ? `: /${keys.join(' /')} differ` : '';
  return ctx.raise('OTHER', `revision ${r}: the catalog was replaced by ${label}${what}`);
}

interface RevisionContext {
  reader: PdfReader;
  r: number;
  marks: Landmarks;
  added: Set<number>;
  raise: Raise;
  cmp: GraphComparer;
  /** The signatures as this revision stands, and those it made. */
  sigs: RevisionSignatures;
}

function refOf(reader: PdfReader, num: number, revision: number): PdfRef {
  const e = reader.entry(num, revision);
  // Stryker disable next-line OptionalChaining: every caller asks for a number that has an entry at that revision
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
  const resources = new Set<number>();
  const seen = new Set<string>();
  const walk = (node: PdfObject | undefined, depth: number): void => {
    if (depth > 64 || seen.size > 1_000_000) return;
    // Stryker disable next-line ConditionalExpression,BlockStatement: the depth bound ends loops; the set only saves walking a node twice
    if (node instanceof PdfRef) {
      // Stryker disable next-line ConditionalExpression: the depth bound ends loops; the set only saves walking a node twice
      if (seen.has(node.key)) return;
      seen.add(node.key);
    }
    const d = dictAt(node);
    if (!d) return;
    const a = d.get('Annots');
    if (a instanceof PdfRef) annots.add(a.num);
    const res = d.get('Resources');
    if (res instanceof PdfRef) resources.add(res.num);
    // Stryker disable next-line ArrayDeclaration: a stand-in entry is no reference, so it adds nothing
    for (const category of dictAt(res)?.entries.values() ?? []) {
      // Stryker disable next-line ConditionalExpression: a direct category has no number, and adding undefined names no object
      if (category instanceof PdfRef) resources.add(category.num);
    }
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
    resources,
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
  // Structure and metadata around new fields, and validation data: what even P=1 allows.
  const allowed = (): undefined => ctx.raise('SIGNATURES_AND_FORMS', where, undefined, true);
  if (num === marks.info || num === marks.metadata || num === marks.dss) return allowed();
  const oldDict = oldObj instanceof PdfDict ? oldObj : undefined;
  const newDict = newObj instanceof PdfDict ? newObj : undefined;
  if (num === marks.catalog && oldDict && newDict) {
    // /Version: a signing update upgrades a PDF 1.0–1.3 catalog (the header is never rewritten).
    // /Extensions declares extension levels (Adobe and DSS raise it with validation data).
    const keys = changedKeys(reader, oldDict, newDict, 0, [
      'AcroForm',
      'DSS',
      'Extensions',
      'Metadata',
      'Version',
    ]);
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
  // Page resources are judged by content, page by page, where added names can be told from
  // changed ones and checked against the content (resource-additions.ts).
  if (marks.resources.has(num) && oldDict) return ctx.raise('SIGNATURES_AND_FORMS', where);
  if (oldDict && newDict && oldDict.name('Type') === 'Page') {
    const keys = changedKeys(reader, oldDict, newDict, 0, ['Annots', 'Resources']);
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
    return checkSignatureFieldFill(ctx, where, num, oldDict, newDict);
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
  // A default appearance may be set where there was none (another tool's new field brings it).
  const free = ['Fields', 'SigFlags', 'NeedAppearances', 'DR', ...(oldDict.has('DA') ? [] : ['DA'])];
  const keys = changedKeys(reader, oldDict, next, 0, free);
  if (keys.length > 0) return ctx.raise('OTHER', `${where}: AcroForm /${keys.join(' /')} changed`);
  // Shadow attacks: viewers told to regenerate appearances, or given other fonts to do it with,
  // would show field values the signer never saw. Clearing the flag is what our updates do.
  if (
    reader.resolveAt(next.get('NeedAppearances'), r) === true &&
    reader.resolveAt(oldDict.get('NeedAppearances'), r - 1) !== true
  )
    return ctx.raise('OTHER', `${where}: AcroForm /NeedAppearances set after signing`);
  const dr = changedResources(ctx, oldDict.get('DR'), next.get('DR'));
  if (dr) return ctx.raise('OTHER', `${where}: AcroForm /DR ${dr} changed after signing`);
  const oldF = reader.resolveAt(oldDict.get('Fields'), r - 1);
  const newF = reader.resolveAt(next.get('Fields'), r);
  if (
    !(oldDict.get('Fields') instanceof PdfRef) ||
    !pdfEqual(reader, oldDict.get('Fields'), next.get('Fields'))
  )
    checkAppend(ctx, where, Array.isArray(oldF) ? oldF : [], Array.isArray(newF) ? newF : [], 'field');
  ctx.raise('SIGNATURES_AND_FORMS', where, undefined, true);
}

/**
 * The form's default resources may only gain entries (our fields bring their fonts); the name of
 * the first replaced or removed entry otherwise.
 */
function changedResources(
  ctx: RevisionContext,
  oldRaw: PdfObject | undefined,
  newRaw: PdfObject | undefined,
): string | undefined {
  const { reader, r } = ctx;
  const old = dictAtRev(reader, oldRaw, r - 1);
  if (!old) return undefined;
  const next = dictAtRev(reader, newRaw, r);
  if (!next) return '(removed)';
  for (const [key, value] of old.entries) {
    const o = dictAtRev(reader, value, r - 1);
    const n = dictAtRev(reader, next.get(key), r);
    // By content: a tool that writes the resource dictionary anew keeps what each name draws.
    if (!o || !n) {
      if (!ctx.cmp.equal(value, r - 1, next.get(key), r)) return `/${key}`;
      continue;
    }
    for (const [sub, v] of o.entries) if (!ctx.cmp.equal(v, r - 1, n.get(sub), r)) return `/${key} /${sub}`;
  }
  return undefined;
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
    // Stryker disable next-line ConditionalExpression,EqualityOperator: past the end old[i] is undefined, which equals no array entry
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
    if (isSignatureField(reader, d, r)) checkAddedSignatureField(ctx, where, item, label);
    else if (isStampField(reader, d, r) && ctx.sigs.addsSeal) ctx.raise('SIGNATURES_AND_FORMS', where);
    else if (kind === 'annotation' && d.name('Subtype') !== 'Widget') {
      ctx.raise('ANNOTATIONS', `${where}: /${d.name('Subtype') ?? '?'} annotation ${label} added`);
    } else ctx.raise('OTHER', `${where}: form field ${label} (${fieldType(reader, d, r) ?? 'no /FT'}) added`);
  }
}

/**
 * An appended signature field or widget: empty (its visibility is judged page by page), or
 * holding a signature this revision made; never one that shows an earlier signature.
 */
function checkAddedSignatureField(
  ctx: RevisionContext,
  where: string,
  item: PdfObject,
  label: string,
): undefined {
  const holder = valueHolder(ctx.reader, item, ctx.r);
  if (!holder) return ctx.raise('SIGNATURES_AND_FORMS', where);
  const made = item instanceof PdfRef ? madeFieldOf(ctx.sigs, item.key) : undefined;
  if (made) return ctx.raise('SIGNATURES_AND_FORMS', where, undefined, made.docTimestamp);
  ctx.raise('OTHER', `${where}: signature field ${label} added with a value this revision did not sign`);
}

/**
 * A signature field or widget that existed before revision `r`. Once signed, nothing about it may
 * change. An empty one may gain its value and appearance (/V /AP /AS /F /Rect /P /MK /DA) only in
 * the revision that signs it: the signature must be one this revision made (signature-map.ts).
 */
function checkSignatureFieldFill(
  ctx: RevisionContext,
  where: string,
  num: number,
  old: PdfDict,
  next: PdfDict,
): undefined {
  const { reader, r } = ctx;
  const ref = refOf(reader, num, r);
  // Fully qualified, as FieldMDP /Fields names fields.
  const name = qualifiedFieldName(reader, next, r);
  const page = pageOf(reader, next, r);
  if (valueHolder(reader, ref, r - 1) !== undefined)
    return ctx.raise('OTHER', `${where}: signed field "${name}" changed after signing`, page);
  const fillable = ['V', 'AP', 'AS', 'F', 'Rect', 'P', 'MK', 'DA'];
  const keys = changedKeys(reader, old, next, 0, fillable);
  if (keys.length > 0)
    return ctx.raise('OTHER', `${where}: signature field "${name}" /${keys.join(' /')} changed`, page);
  if (!madeFieldOf(ctx.sigs, ref.key))
    return ctx.raise('OTHER', `${where}: empty signature field "${name}" changed without being signed`, page);
  const lock = lockedBy(reader, r - 1, name);
  if (lock !== undefined)
    return ctx.raise(
      'OTHER',
      `${where}: field "${name}" is locked by the signature of "${lock}" (FieldMDP)`,
      page,
    );
  ctx.raise('SIGNATURES_AND_FORMS', where);
}

/**
 * The signed field whose FieldMDP lock (ISO 32000-2 §12.8.2.4) covers field `name` at `revision`:
 * /All, /Include naming it, or /Exclude not naming it. The field asked about is empty at
 * `revision`, so a lock held under the same name is another field's: it binds this one too.
 */
function lockedBy(reader: PdfReader, revision: number, name: string): string | undefined {
  for (const lock of readFieldLocks(reader, revision)) {
    const named = lock.fields.includes(name);
    if (
      lock.action === 'All' ||
      (lock.action === 'Include' && named) ||
      (lock.action === 'Exclude' && !named)
    )
      return lock.field;
  }
  return undefined;
}

/** 1-based page of a widget from its /P, when that is a page of the document. */
function pageOf(reader: PdfReader, widget: PdfDict, r: number): number | undefined {
  const p = widget.get('P');
  if (!(p instanceof PdfRef) || r !== reader.revisions.length - 1) return undefined;
  const index = reader.pageIndexOf(p);
  return index === undefined ? undefined : index + 1;
}
