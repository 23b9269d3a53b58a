import { type PageInfo, PdfRef, type PdfReader } from '../reader/index.js';
import { WritableDict, type WritableObject, name } from '../writer/serialize.js';
import type { IncrementalUpdate } from '../writer/update.js';

/**
 * Collects the form changes of one update — new fields for /AcroForm /Fields, new widgets for each
 * page's /Annots, fonts for /AcroForm /DR — and writes the changed page, array, AcroForm and
 * catalog objects once, at the end.
 */
export class FormEditor {
  private readonly newFields: PdfRef[] = [];
  private readonly annots = new Map<string, { page: PageInfo; refs: PdfRef[] }>();
  private readonly drFonts = new Map<string, PdfRef>();
  private readonly names: Set<string>;
  private signatures = false;
  private version: string | undefined;
  private docMdp: PdfRef | undefined;

  constructor(
    private readonly reader: PdfReader,
    private readonly update: IncrementalUpdate,
  ) {
    this.names = new Set(reader.fields().map((f) => f.name));
  }

  /** `base`, or `base_2`, `base_3`… so that no two fields share a fully qualified name. */
  uniqueName(base: string): string {
    let n = base;
    for (let i = 2; this.names.has(n); i++) n = `${base}_${i}`;
    this.names.add(n);
    return n;
  }

  addField(ref: PdfRef): void {
    this.newFields.push(ref);
  }

  addWidget(page: PageInfo, ref: PdfRef): void {
    const key = page.ref.key;
    const entry = this.annots.get(key) ?? { page, refs: [] };
    entry.refs.push(ref);
    this.annots.set(key, entry);
  }

  /**
   * Registers `ref` in /AcroForm /DR /Font and returns its name: `base` unless an existing entry
   * already uses that name for another object, then `base_2`, `base_3`… An existing entry is never
   * rewritten: earlier signatures cover it, and verification counts a changed /DR as a modification.
   */
  addDrFont(base: string, ref: PdfRef): string {
    const fonts = this.reader.dict(this.reader.dict(this.reader.acroForm?.get('DR'))?.get('Font'));
    let n = base;
    for (let i = 2; ; i++) {
      const held = fonts?.get(n) ?? this.drFonts.get(n);
      if (held === undefined || (held instanceof PdfRef && held.equals(ref))) break;
      n = `${base}_${i}`;
    }
    this.drFonts.set(n, ref);
    return n;
  }

  markSignature(): void {
    this.signatures = true;
  }

  /** Sets the catalog's /Version (an older document upgraded by this update). */
  setVersion(version: string): void {
    this.version = version;
  }

  /** Names the certification signature in the catalog's /Perms (ISO 32000-2 §12.8.4). */
  setDocMdp(signature: PdfRef): void {
    this.docMdp = signature;
  }

  commit(): void {
    const r = this.reader;
    for (const { page, refs } of this.annots.values()) {
      const current = page.dict.get('Annots');
      const existing = r.resolve(current);
      const list: WritableObject[] = Array.isArray(existing) ? [...existing] : [];
      list.push(...refs);
      if (current instanceof PdfRef && Array.isArray(existing)) this.update.put(current, list);
      else this.update.put(page.ref, WritableDict.from(page.dict).set('Annots', list));
    }
    const catalog = r.catalog;
    const acroRaw = catalog.get('AcroForm');
    const acro = r.dict(acroRaw);
    const next = acro ? WritableDict.from(acro) : new WritableDict();
    const fieldsRaw = acro?.get('Fields');
    const fields = r.resolve(fieldsRaw);
    if (this.newFields.length > 0 || !acro) {
      const list: WritableObject[] = [...(Array.isArray(fields) ? fields : []), ...this.newFields];
      if (fieldsRaw instanceof PdfRef && Array.isArray(fields)) this.update.put(fieldsRaw, list);
      else next.set('Fields', list);
    }
    if (this.signatures) next.set('SigFlags', 3);
    // Viewers that regenerate appearances would redraw our fields; the appearances here are final.
    next.set('NeedAppearances', undefined);
    if (this.drFonts.size > 0) {
      const dr = r.dict(acro?.get('DR'));
      const nextDr = dr ? WritableDict.from(dr) : new WritableDict();
      const fonts = r.dict(dr?.get('Font'));
      const nextFonts = fonts ? WritableDict.from(fonts) : new WritableDict();
      for (const [k, v] of this.drFonts) if (!fonts?.has(k)) nextFonts.set(k, v);
      nextDr.set('Font', nextFonts);
      next.set('DR', nextDr);
    }
    // The catalog is written once, with every change of this update.
    let nextCatalog: WritableDict | undefined;
    if (acroRaw instanceof PdfRef && acro) {
      this.update.put(acroRaw, next);
    } else {
      nextCatalog = WritableDict.from(catalog).set('AcroForm', this.update.add(next));
    }
    if (this.version) {
      nextCatalog = (nextCatalog ?? WritableDict.from(catalog)).set('Version', name(this.version));
    }
    if (this.docMdp) {
      // Other permission handlers (/UR3) are kept.
      const perms = r.dict(catalog.get('Perms'));
      const nextPerms = (perms ? WritableDict.from(perms) : new WritableDict()).set('DocMDP', this.docMdp);
      nextCatalog = (nextCatalog ?? WritableDict.from(catalog)).set('Perms', nextPerms);
    }
    if (nextCatalog) this.update.put(r.catalogRef, nextCatalog);
  }
}
