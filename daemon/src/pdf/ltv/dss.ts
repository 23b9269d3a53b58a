import { createHash } from 'node:crypto';
import { PdfDict, type PdfObject, PdfRef, PdfStream, type PdfReader } from '../reader/index.js';
import { WritableDict, type WritableObject, name } from '../writer/serialize.js';
import { IncrementalUpdate } from '../writer/update.js';
import type { SignatureMaterial } from './material.js';

/** The /VRI key of a signature: uppercase hex SHA-1 of its /Contents bytes (ETSI EN 319 142-1 §5.4.2.2). */
export function vriKey(contents: Uint8Array): string {
  return createHash('sha1').update(contents).digest('hex').toUpperCase();
}

/** The /VRI keys the document's security store already holds. */
export function vriKeys(reader: PdfReader): Set<string> {
  const dss = reader.dict(reader.catalog.get('DSS'));
  const vri = reader.dict(dss?.get('VRI'));
  return new Set([...(vri?.entries.keys() ?? [])].map((k) => k.toUpperCase()));
}

type Kind = 'Certs' | 'OCSPs' | 'CRLs';
const VRI_NAME: Record<Kind, string> = { Certs: 'Cert', OCSPs: 'OCSP', CRLs: 'CRL' };

/**
 * One incremental update that adds `entries` to the document security store: each DER blob once
 * as a stream in /DSS /Certs, /OCSPs or /CRLs (kept with what an earlier /DSS holds), and a /VRI
 * entry per signature naming the streams it needs. The catalog gains /DSS and, when absent, the
 * ESIC extension (PAdES, ETSI EN 319 142-1 §5.4.1). Returns undefined when the store already holds
 * everything (no update is needed).
 */
export function buildDssUpdate(reader: PdfReader, entries: readonly SignatureMaterial[]): Buffer | undefined {
  const catalog = reader.catalog;
  const dssRaw = catalog.get('DSS');
  const dss = reader.dict(dssRaw);
  const update = new IncrementalUpdate(reader, reader.source.read(reader.size - 1, 1));
  const repaired = reader.repairedTable();
  if (repaired) update.listAllObjects(repaired);
  let added = false;
  const lists = {} as Record<Kind, { refs: WritableObject[]; byHash: Map<string, PdfRef> }>;
  for (const kind of ['Certs', 'OCSPs', 'CRLs'] as const) {
    const existing = reader.resolve(dss?.get(kind));
    const refs: WritableObject[] = Array.isArray(existing) ? [...existing] : [];
    const byHash = new Map<string, PdfRef>();
    for (const r of refs) {
      const s = r instanceof PdfRef ? reader.resolve(r) : undefined;
      if (r instanceof PdfRef && s instanceof PdfStream) byHash.set(sha256(reader.streamData(s)), r);
    }
    lists[kind] = { refs, byHash };
  }
  const refOf = (kind: Kind, der: Uint8Array): PdfRef => {
    const list = lists[kind];
    const h = sha256(der);
    let ref = list.byHash.get(h);
    if (!ref) {
      ref = update.add(WritableDict.of({ Length: der.length }), der);
      list.byHash.set(h, ref);
      list.refs.push(ref);
      added = true;
    }
    return ref;
  };
  const oldVri = reader.dict(dss?.get('VRI'));
  const vri = oldVri ? WritableDict.from(oldVri) : new WritableDict();
  for (const e of entries) {
    const key = vriKey(e.contents);
    const entry = WritableDict.of({ Type: name('VRI') });
    for (const [kind, blobs] of [
      ['Certs', e.certs],
      ['OCSPs', e.ocsps],
      ['CRLs', e.crls],
    ] as const) {
      if (blobs.length > 0)
        entry.set(
          VRI_NAME[kind],
          blobs.map((d) => refOf(kind, d)),
        );
    }
    if (!sameVri(reader, oldVri?.get(key), entry)) added = true;
    vri.set(key, entry);
  }
  if (!added) return undefined;
  const next = (dss ? WritableDict.from(dss) : new WritableDict()).set('Type', name('DSS'));
  for (const kind of ['Certs', 'OCSPs', 'CRLs'] as const)
    if (lists[kind].refs.length > 0) next.set(kind, lists[kind].refs);
  next.set('VRI', vri);
  const nextCatalog = WritableDict.from(catalog);
  if (dssRaw instanceof PdfRef) update.put(dssRaw, next);
  else nextCatalog.set('DSS', update.add(next));
  if (!reader.dict(catalog.get('Extensions'))?.has('ESIC')) {
    const ext = reader.dict(catalog.get('Extensions'));
    nextCatalog.set(
      'Extensions',
      (ext ? WritableDict.from(ext) : new WritableDict()).set(
        'ESIC',
        WritableDict.of({ BaseVersion: name('1.7'), ExtensionLevel: 1 }),
      ),
    );
  }
  update.put(reader.catalogRef, nextCatalog);
  return update.build(reader.size).bytes;
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Whether an existing /VRI entry already names exactly the references of `entry`. */
function sameVri(reader: PdfReader, old: PdfObject | undefined, entry: WritableDict): boolean {
  const d = reader.dict(old);
  if (!(d instanceof PdfDict)) return false;
  for (const k of ['Cert', 'OCSP', 'CRL']) {
    const a = reader.resolve(d.get(k));
    const b = entry.entries.get(k);
    const keys = (v: unknown): string =>
      Array.isArray(v) ? v.map((r) => (r instanceof PdfRef ? r.key : '?')).join(',') : '';
    if (keys(a) !== keys(b)) return false;
  }
  return true;
}
