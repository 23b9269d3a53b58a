import { type Hash, createHash } from 'node:crypto';
import { link, open, rename, rm, stat } from 'node:fs/promises';
import { VanthuError } from '@vanthu/shared/errors/index';
import { NODE_HASH } from '../../cms/algorithms.js';
import { estimateCmsSize } from '../../cms/estimate.js';
import { type SubFilter, buildSignedData } from '../../cms/signed-data.js';
import { SubsetFont } from '../fonts/type0.js';
import { PdfReader } from '../reader/index.js';
import { type TextLine, extractLines } from '../text/extract.js';
import { Raw, WritableDict, name, text } from '../writer/serialize.js';
import { IncrementalUpdate } from '../writer/update.js';
import { FormEditor } from './form.js';
import { emptyFieldForRole } from './empty-field.js';
import { assertSignable } from './guards.js';
import { type InputStage, changedWhileSigning, openInputStage } from './input-stage.js';
import {
  DOC_MDP_PERMISSIONS,
  assertCertifiable,
  certificationLevel,
  docMdpReference,
  fieldMdpReference,
  lockDictionary,
  lockFor,
} from './mdp.js';
import { ROLE_FIELD, type SignPdfOptions, type SignResult } from './options.js';
import {
  type RoleContext,
  type RolePlan,
  planApprover,
  planReceipt,
  planSeal,
  planTopRight,
} from './roles.js';
import { type IntactSignature, assertStillIntact, intactSignatures } from './self-check.js';
import { pdfDate } from './time.js';
import { versionUpgrade } from './version.js';
import type { SignWarning } from './warnings.js';
import { readX509 } from '../../trust/x509-fields.js';

const BYTE_RANGE_WIDTH = 60;
/**
 * A file whose xref entries point at the wrong objects is still signed: IN's bytes stay as they
 * are, objects are found by scanning (as qpdf, poppler and pdf.js do) and the update's xref lists
 * them all. A file whose xref chain cannot be read at all is refused (PDF_MALFORMED): then not
 * even the revisions, and so the earlier signatures' extent, are known.
 */
export const SIGNING_OPEN = { relocate: true } as const;
const MAX_ATTEMPTS = 3;

/**
 * Where the input bytes come from: memory (API) or a file (CLI; never loaded whole), staged (copied
 * and hashed) from the start. A buffer may come with a SHA-256 state over exactly its bytes (the
 * daemon hashes uploads as they arrive), which then replaces the engine's own pass over IN when the
 * signature hash is SHA-256.
 */
type Input = { kind: 'buffer'; bytes: Uint8Array; sha256?: Hash } | { kind: 'file'; stage: InputStage };

interface Prepared {
  update: Buffer;
  contents: { offset: number; length: number };
  result: Omit<SignResult, 'cmsBytes'>;
}

/** Signs `input` and returns IN's bytes followed by exactly one incremental update. */
export async function signPdf(input: Uint8Array, options: SignPdfOptions): Promise<Buffer> {
  const { update } = await signCore({ kind: 'buffer', bytes: input }, options);
  return Buffer.concat([input, update!]);
}

/** Like signPdf, with the result details. */
export async function signPdfDetailed(
  input: Uint8Array,
  options: SignPdfOptions,
): Promise<{ output: Buffer; result: SignResult }> {
  const r = await signCore({ kind: 'buffer', bytes: input }, options);
  return { output: Buffer.concat([input, r.update!]), result: r.result };
}

/**
 * Like signPdfDetailed, for callers that can send IN and the update without joining them: returns
 * only the update (the signed PDF is IN followed by it). `inputSha256`, when given, is a SHA-256
 * state over exactly IN's bytes; it is copied, never consumed, so the caller can go on to derive
 * the output's SHA-256 from it.
 */
export async function signPdfUpdate(
  input: Uint8Array,
  options: SignPdfOptions,
  inputSha256?: Hash,
): Promise<{ update: Buffer; result: SignResult }> {
  const r = await signCore(
    { kind: 'buffer', bytes: input, ...(inputSha256 ? { sha256: inputSha256 } : {}) },
    options,
  );
  return { update: r.update!, result: r.result };
}

/**
 * Signs the file `inPath` into `outPath`: the input is copied by the OS, the update appended, and
 * the result renamed into place (temp file in the same directory). IN is never modified.
 */
export async function signPdfFile(
  inPath: string,
  outPath: string,
  options: SignPdfOptions & { force?: boolean },
): Promise<SignResult> {
  const stage = await openInputStage(inPath, outPath, {
    ...(options.force ? { force: true } : {}),
    algorithm: NODE_HASH[options.hash ?? 'SHA-256'],
  });
  try {
    return await signStagedFile(stage, options);
  } finally {
    await stage.discard();
  }
}

/**
 * Like signPdfFile, for a caller that opened the input stage itself (openInputStage), so that IN
 * is copied and hashed while it opens the key. The caller discards the stage when done.
 */
export async function signStagedFile(stage: InputStage, options: SignPdfOptions): Promise<SignResult> {
  if (stage.algorithm !== NODE_HASH[options.hash ?? 'SHA-256']) {
    throw new VanthuError('USAGE', `the input was hashed with ${stage.algorithm}, not the signature's hash`);
  }
  const { result } = await signCore({ kind: 'file', stage }, options);
  return result;
}

async function signCore(
  input: Input,
  opts: SignPdfOptions,
): Promise<{ update?: Buffer; result: SignResult }> {
  if (opts.level === 'B-LT') {
    throw new VanthuError(
      'NOT_SUPPORTED',
      'PAdES B-LT (DSS with revocation data) is not produced by this version; use --level B-T',
    );
  }
  if ((opts.level === 'B-T' || opts.tsa) && !opts.tsa && !opts.timestamp) {
    throw new VanthuError('USAGE', '--level B-T needs --tsa URL');
  }
  const reader =
    input.kind === 'buffer'
      ? PdfReader.fromBuffer(input.bytes, SIGNING_OPEN)
      : PdfReader.fromFile(input.stage.inPath, SIGNING_OPEN);
  try {
    // The file the reader opened must be the one being copied and hashed since the stage began.
    if (input.kind === 'file') await input.stage.assertUnchanged();
    const subFilter: SubFilter = opts.subFilter ?? 'ETSI.CAdES.detached';
    const hash = opts.hash ?? 'SHA-256';
    const withTs = Boolean(opts.tsa || opts.timestamp);
    const timestamp =
      opts.timestamp ??
      (opts.tsa
        ? async (sig: Uint8Array) => {
            // The RFC 3161 client (its ASN.1 module and the HTTP stack) loads only when a TSA is asked.
            const { requestTimestamp } = await import('../../cms/timestamp.js');
            return requestTimestamp(sig, { url: opts.tsa!, hash });
          }
        : undefined);
    let capacity = opts.placeholderBytes ?? estimateCmsSize(opts.signer, withTs);
    const now = new Date(Math.floor((opts.now ?? new Date()).getTime() / 1000) * 1000);
    // IN is hashed once (a file while the OS copies it, since the stage was opened); each attempt
    // only adds its own update to a copy of that hash state.
    const digestOf =
      input.kind === 'buffer'
        ? bufferDigester(input, NODE_HASH[hash])
        : (parts: readonly Uint8Array[], inSize: number) => stagedDigest(input.stage, parts, inSize);
    assertSignable(reader, opts);
    // What verification accepts today; the output is read back and must leave these as they are.
    const intact = intactSignatures(reader);
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const prepared = await prepare(reader, opts, capacity, now, subFilter);
      const { update, contents } = prepared;
      const inSize = reader.size;
      const rel = contents.offset - inSize;
      const signed = [update.subarray(0, rel), update.subarray(rel + contents.length)];
      const digest = await digestOf(signed, inSize);
      const cms = await buildSignedData({
        signer: opts.signer,
        contentDigest: digest,
        hash,
        ...(opts.scheme ? { scheme: opts.scheme } : {}),
        subFilter,
        signingTime: now,
        ...(timestamp ? { timestamp } : {}),
      });
      const hex = Buffer.from(cms).toString('hex');
      if (hex.length > contents.length - 2) {
        capacity = Math.ceil(cms.length * 1.25) + 1024;
        continue;
      }
      update.write(hex, contents.offset - inSize + 1, 'latin1');
      const result: SignResult = { ...prepared.result, cmsBytes: cms.length };
      if (input.kind === 'buffer') {
        if (intact.length > 0) selfCheck(intact, Buffer.concat([input.bytes, update]));
        return { update, result };
      }
      await finishStaged(input.stage, inSize, update, intact);
      return { result };
    }
    throw new VanthuError(
      'SIGNATURE_TOO_LARGE',
      `CMS larger than ${capacity} bytes after ${MAX_ATTEMPTS} attempts`,
    );
  } finally {
    reader.close();
  }
}

/** Builds the update with a /Contents placeholder of `capacity` bytes and a final /ByteRange. */
async function prepare(
  reader: PdfReader,
  opts: SignPdfOptions,
  capacity: number,
  now: Date,
  subFilter: SubFilter,
): Promise<Prepared> {
  const certified = certificationLevel(reader);
  if (certified === 1) throw new VanthuError('PDF_CERTIFIED_LOCKED');
  if (opts.certify !== undefined) {
    if (!DOC_MDP_PERMISSIONS.includes(opts.certify))
      throw new VanthuError('USAGE', `certification level must be 1, 2 or 3, got ${String(opts.certify)}`);
    if (opts.role !== 'approver')
      throw new VanthuError('USAGE', 'only the approver (the first signature) can certify');
    assertCertifiable(reader);
  }
  const upgradeTo = versionUpgrade(reader);
  const tail = reader.source.read(reader.size - 1, 1);
  const update = new IncrementalUpdate(reader, tail);
  const repaired = reader.repairedTable();
  if (repaired) update.listAllObjects(repaired);
  const font = new SubsetFont(update);
  const warnings: SignWarning[] = [];
  const subject = readX509(opts.signer.certificate).subject;
  const attr = (oid: string): string | undefined => {
    for (const rdn of subject) for (const a of rdn) if (a.type === oid) return a.value;
    return undefined;
  };
  const commonName = attr('2.5.4.3') ?? 'vanthu';
  const organization = (opts.organization ?? attr('2.5.4.10') ?? commonName).normalize('NFC');
  const lineCache = new Map<number, Promise<TextLine[]>>();
  const ctx: RoleContext = {
    reader,
    update,
    font,
    opts,
    now,
    organization,
    warnings,
    lines: (page) => {
      let p = lineCache.get(page);
      if (!p) {
        p = extractLines(reader, page);
        lineCache.set(page, p);
      }
      return p;
    },
  };
  const form = new FormEditor(reader, update);
  if (repaired) {
    warnings.push({ code: 'XREF_REPAIRED' });
  }
  if (upgradeTo) {
    form.setVersion(upgradeTo);
    warnings.push({ code: 'PDF_VERSION_RAISED', from: reader.headerVersion, to: upgradeTo });
  }

  // Existing empty field (--field): its rectangle decides the placement.
  let existing: ReturnType<PdfReader['signatureFields']>[number] | undefined;
  if (opts.field) {
    existing = reader.signatureFields().find((f) => f.name === opts.field);
    if (!existing) throw new VanthuError('PDF_FIELD_NOT_FOUND', opts.field);
    if (existing.value) throw new VanthuError('PDF_FIELD_SIGNED', opts.field);
  } else if (!opts.rect) {
    // A field the document already prepared for this role is signed into, not doubled.
    existing = await emptyFieldForRole(reader, opts.role, ctx.lines, opts.anchor);
  }
  if (existing) {
    const w = existing.widgets[0];
    if (w && w.rect[2] - w.rect[0] > 1 && w.rect[3] - w.rect[1] > 1 && !opts.rect && opts.role !== 'seal') {
      opts = { ...opts, rect: [w.rect[0], w.rect[1], w.rect[2] - w.rect[0], w.rect[3] - w.rect[1]] };
      if (w.pageRef) {
        const idx = reader.pageIndexOf(w.pageRef);
        if (idx !== undefined) opts = { ...opts, page: idx + 1 };
      }
      ctx.opts = opts;
    }
  }

  let plan: RolePlan;
  switch (opts.role) {
    case 'approver':
      plan = await planApprover(ctx);
      break;
    case 'seal':
      plan = await planSeal(ctx);
      break;
    case 'attachment':
    case 'copy':
      plan = await planTopRight(ctx);
      break;
    case 'income':
      plan = await planReceipt(ctx);
      break;
    default:
      throw new VanthuError('USAGE', `unknown role ${String(opts.role)}`);
  }

  // Signature dictionary with placeholders.
  const hexLen = capacity * 2;
  const sig = WritableDict.of({
    Type: name('Sig'),
    Filter: name('Adobe.PPKLite'),
    SubFilter: name(subFilter),
    ByteRange: new Raw(`[0 0 0 0]${' '.repeat(BYTE_RANGE_WIDTH - 9)}`, 'byteRange'),
    Contents: new Raw(`<${'0'.repeat(hexLen)}>`, 'contents'),
    M: text(pdfDate(now)),
    Name: text(commonName),
    Reason: opts.reason ? text(opts.reason) : undefined,
    Location: opts.location ? text(opts.location) : undefined,
    Prop_Build: WritableDict.of({
      App: WritableDict.of({ Name: name('vanthu'), REx: text(`role=${opts.role}`) }),
    }),
  });
  const sigRef = update.add(sig);
  const [x, y, w, h] = plan.rect;
  const rect = [round2(x), round2(y), round2(x + w), round2(y + h)];
  let fieldName: string;
  /** The signature field's dictionary as written; /Lock is set on it once the stamps are named. */
  let sigField: WritableDict;
  if (existing) {
    fieldName = existing.name;
    const widget = existing.widgets[0];
    const fieldDict = WritableDict.from(existing.field).set('V', sigRef);
    sigField = fieldDict;
    const widgetIsField = !widget?.ref || (existing.fieldRef && widget.ref.equals(existing.fieldRef));
    if (widgetIsField) {
      fieldDict
        .set('AP', WritableDict.of({ N: plan.appearance }))
        .set('F', 132)
        .set('Rect', rect);
      fieldDict.set('P', plan.page.ref);
      if (!existing.fieldRef)
        throw new VanthuError('PDF_UNSUPPORTED', 'signature field is not an indirect object');
      update.put(existing.fieldRef, fieldDict);
      if (!widget?.pageRef) form.addWidget(plan.page, existing.fieldRef);
    } else {
      update.put(existing.fieldRef!, fieldDict);
      const wd = reader.dict(widget.ref)!;
      update.put(
        widget.ref!,
        WritableDict.from(wd)
          .set('AP', WritableDict.of({ N: plan.appearance }))
          .set('Rect', rect)
          .set('F', 132),
      );
    }
  } else {
    fieldName = form.uniqueName(ROLE_FIELD[opts.role]);
    sigField = WritableDict.of({
      Type: name('Annot'),
      Subtype: name('Widget'),
      FT: name('Sig'),
      T: text(fieldName),
      V: sigRef,
      F: 132,
      Rect: rect,
      P: plan.page.ref,
      AP: WritableDict.of({ N: plan.appearance }),
    });
    const field = update.add(sigField);
    form.addField(field);
    form.addWidget(plan.page, field);
  }
  form.markSignature();

  const stampedFields: string[] = [];
  const fontName = plan.stamps.length > 0 ? form.addDrFont('VtF1', font.ref) : 'VtF1';
  for (const s of plan.stamps) {
    const [sx, sy, sw, sh] = s.rect;
    const fname = form.uniqueName(s.name);
    const ref = update.add(
      WritableDict.of({
        Type: name('Annot'),
        Subtype: name('Widget'),
        FT: name('Tx'),
        T: text(fname),
        V: text(s.value),
        // The whole number when the field shows only the numeral: a later seal names it (ALREADY_SEALED).
        TU: s.full ? text(s.full) : undefined,
        Ff: 1,
        F: 4,
        DA: text(`/${fontName} ${Math.round(s.size * 10) / 10} Tf 0 g`),
        Rect: [round2(sx), round2(sy), round2(sx + sw), round2(sy + sh)],
        P: s.page.ref,
        AP: WritableDict.of({ N: s.appearance }),
      }),
    );
    form.addField(ref);
    form.addWidget(s.page, ref);
    stampedFields.push(fname);
  }
  // Certification (DocMDP) and the lock over the stamps this signature adds (FieldMDP).
  const references: WritableDict[] = [];
  if (opts.certify !== undefined) {
    references.push(docMdpReference(opts.certify));
    form.setDocMdp(sigRef);
  }
  const lock = lockFor(reader, existing?.field, stampedFields);
  if (lock) {
    if (lock.write) sigField.set('Lock', update.add(lockDictionary(lock)));
    references.push(fieldMdpReference(lock, reader.catalogRef));
  }
  if (references.length > 0) sig.set('Reference', references);
  if (certified !== undefined && stampedFields.length > 0) {
    warnings.push({ code: 'CERTIFIED_NEW_FIELDS', permission: certified });
  }
  if (font.used) font.finish();
  form.commit();

  const built = update.build(reader.size);
  const contents = built.marks.get('contents')!;
  const br = built.marks.get('byteRange')!;
  const total = reader.size + built.bytes.length;
  const a = contents.offset;
  const b = contents.offset + contents.length;
  const brText = `[0 ${a} ${b} ${total - b}]`.padEnd(BYTE_RANGE_WIDTH, ' ');
  if (brText.length !== br.length) throw new VanthuError('INTERNAL', 'ByteRange placeholder overflow');
  built.bytes.write(brText, br.offset - reader.size, 'latin1');
  return {
    update: built.bytes,
    contents,
    result: {
      fieldName,
      role: opts.role,
      page: plan.page.index + 1,
      rect: [round2(x), round2(y), round2(w), round2(h)],
      signingTime: now,
      placeholderBytes: capacity,
      warnings,
      stampedFields,
    },
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Digests of an in-memory IN followed by each attempt's parts: IN is hashed once, here (the first
 * byte range always starts with it), each attempt continuing a copy of that state.
 */
function bufferDigester(
  input: Extract<Input, { kind: 'buffer' }>,
  algorithm: string,
): (parts: readonly Uint8Array[]) => Promise<Uint8Array> {
  const inputHash =
    input.sha256 && algorithm === 'sha256' ? input.sha256.copy() : createHash(algorithm).update(input.bytes);
  return async (parts) => {
    const h = inputHash.copy();
    for (const part of parts) h.update(part);
    return h.digest();
  };
}

/** The staged file's digest; the bytes hashed must be the IN the reader opened, no more, no less. */
async function stagedDigest(
  stage: InputStage,
  parts: readonly Uint8Array[],
  inSize: number,
): Promise<Uint8Array> {
  const { digest, inputBytes } = await stage.digest(parts);
  if (inputBytes !== inSize) throw changedWhileSigning(stage.inPath);
  return digest;
}

/**
 * Renames the finished file over OUT. Without force, OUT was free when signing began, but the PIN
 * prompt came in between: a hard link fails if a file appeared there meanwhile, so it is kept
 * (FILE_EXISTS). File systems without hard links (FAT on a USB stick) get a last check instead.
 */
async function moveIntoPlace(tmp: string, outPath: string, force: boolean): Promise<void> {
  if (force) return rename(tmp, outPath);
  try {
    await link(tmp, outPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new VanthuError('FILE_EXISTS', outPath);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e;
    if (
      await stat(outPath).then(
        () => true,
        () => false,
      )
    )
      throw new VanthuError('FILE_EXISTS', outPath);
    return rename(tmp, outPath);
  }
  await rm(tmp, { force: true });
}

/** Reads the signed output back and checks that it leaves `intact` as verification saw them. */
function selfCheck(intact: readonly IntactSignature[], output: Buffer | string): void {
  const reader =
    typeof output === 'string'
      ? PdfReader.fromFile(output, SIGNING_OPEN)
      : PdfReader.fromBuffer(output, SIGNING_OPEN);
  try {
    assertStillIntact(intact, reader);
  } finally {
    reader.close();
  }
}

/**
 * Appends the update to the staged copy, flushes it to disk, checks it against the earlier
 * signatures and renames it over OUT. A failed check removes the staged file: no output appears.
 */
async function finishStaged(
  stage: InputStage,
  inSize: number,
  update: Buffer,
  intact: readonly IntactSignature[],
): Promise<void> {
  const tmp = await stage.copy;
  try {
    // Hashed and copied by now: IN must still be the file the reader parsed.
    await stage.assertUnchanged();
    const fh = await open(tmp, 'a');
    try {
      await fh.write(update);
      // The copy must be the IN that was hashed: as long, with the update after it.
      if ((await fh.stat()).size !== inSize + update.length) throw changedWhileSigning(stage.inPath);
      await fh.datasync();
    } finally {
      await fh.close();
    }
    if (intact.length > 0) selfCheck(intact, tmp);
    await moveIntoPlace(tmp, stage.outPath, stage.force);
  } catch (e) {
    await rm(tmp, { force: true });
    if (e instanceof VanthuError) throw e;
    throw new VanthuError('IO_ERROR', `${stage.outPath}: ${(e as Error).message}`, undefined, { cause: e });
  }
}
