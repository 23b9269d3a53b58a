import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { zipSync } from 'fflate';
import { CATALOGUES, type Catalogue, type FieldObject, type FieldValue } from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { escapeXml } from '../exchange/edxml/xml-writer.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import type { SqlExecutor } from '../store/index.js';
import type { RegistryRecord } from './records.js';
import { type HandoverLtvOptions, type HandoverLtvReport, extendHandoverMembers } from './handover-ltv.js';
import { fileContent } from './stored-file.js';
import type { Entry } from './types.js';

export interface HandoverResult {
  out: string;
  format: 'zip' | 'directory';
  /** Member path → SHA-256, as listed in SHA256SUMS. */
  checksums: Record<string, string>;
  /** Each PDF's level after the B-LTA extension (also in the package as LTV.json); absent without `ltv`. */
  ltv?: HandoverLtvReport;
}

const docDate = (e: Entry) =>
  String(e.fields['IssuedDate'] ?? e.fields['ArrivalDate'] ?? e.registeredAt.slice(0, 10));

/** A stored file name as a package member name. */
const safe = (name: string) => basename(name).replace(/[^\p{L}\p{N}._-]/gu, '_');

/** Documents in chronological order (document date, then registration, then DocOrdinal). */
export function chronological(docs: Entry[]): Entry[] {
  return [...docs].sort(
    (a, b) =>
      docDate(a).localeCompare(docDate(b)) ||
      a.registeredAt.localeCompare(b.registeredAt) ||
      Number(a.fields['DocOrdinal'] ?? 0) - Number(b.fields['DocOrdinal'] ?? 0),
  );
}

function fieldsXml(catalogue: Catalogue, fields: FieldObject, indent: string): string {
  const out: string[] = [];
  const write = (tag: string, value: FieldValue | undefined, pad: string) => {
    if (value === undefined || value === '') return;
    if (Array.isArray(value)) {
      for (const v of value) write(tag, v, pad);
    } else if (typeof value === 'object') {
      out.push(`${pad}<${tag}>`);
      for (const [k, v] of Object.entries(value)) write(k, v, `${pad}  `);
      out.push(`${pad}</${tag}>`);
    } else out.push(`${pad}<${tag}>${escapeXml(String(value))}</${tag}>`);
  };
  // Catalogue order, so the XML reads like the regulation's table.
  for (const f of catalogue.fields) write(f.tag, fields[f.tag], indent);
  return out.join('\n');
}

/**
 * The archive handover package of a closed record (NĐ30 PL VI III.4.g): each document file, then
 * metadata.xml (the hồ sơ fields and every document's fields in chronological order) and SHA256SUMS.
 * Written as a zip (OUT ends in .zip) or a directory, atomically either way.
 */
export async function exportHandover(
  db: SqlExecutor,
  record: RegistryRecord,
  out: string,
  ltv?: HandoverLtvOptions,
): Promise<HandoverResult> {
  if (record.state !== 'closed')
    throw new VanthuError('REGISTRY_STATE', `hồ sơ ${record.code} must be closed before it is handed over`);
  const members: Record<string, Uint8Array> = {};
  const docs = chronological(record.documents);
  const docXml: string[] = [];
  // Files first (extended to B-LTA when asked), so metadata.xml names the bytes handed over.
  const stored = new Map<string, string>();
  for (const [i, d] of docs.entries()) {
    const order = String(i + 1).padStart(3, '0');
    if (d.file) members[`documents/${order}-${safe(d.file.name)}`] = await fileContent(db, d.file.sha256);
    for (const a of d.attachments ?? [])
      members[`documents/${order}-p${a.seq}-${safe(a.name)}`] = await fileContent(db, a.sha256);
  }
  const ltvReport = ltv ? await extendHandoverMembers(members, ltv) : undefined;
  const sha = (name: string, storedSha: string): string => {
    let h = stored.get(name);
    if (!h) {
      h = createHash('sha256').update(members[name]!).digest('hex');
      stored.set(name, h);
    }
    // The stored file's hash too, when the package holds its extended form.
    return h === storedSha ? `sha256="${h}"` : `sha256="${h}" storedSha256="${storedSha}"`;
  };
  for (const [i, d] of docs.entries()) {
    const order = String(i + 1).padStart(3, '0');
    let fileRef = '';
    if (d.file) {
      const name = `documents/${order}-${safe(d.file.name)}`;
      fileRef = `\n      <File name="${escapeXml(name)}" ${sha(name, d.file.sha256)}/>`;
    }
    // Phụ lục files follow their document: NNN-pK-name, listed in the same VanBan.
    for (const a of d.attachments ?? []) {
      const name = `documents/${order}-p${a.seq}-${safe(a.name)}`;
      const pages = a.pages === undefined ? '' : ` pages="${a.pages}"`;
      const description = a.description ? ` description="${escapeXml(a.description)}"` : '';
      fileRef += `\n      <Attachment seq="${a.seq}" name="${escapeXml(name)}" ${sha(name, a.sha256)}${pages}${description}/>`;
    }
    docXml.push(
      `    <VanBan order="${i + 1}" kind="${d.kind}" number="${d.number}" year="${d.year}" state="${d.state}">${fileRef}\n${fieldsXml(CATALOGUES[d.kind], d.fields, '      ')}\n    </VanBan>`,
    );
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<HoSoLuuTru code="${escapeXml(record.code)}">\n  <HoSo>\n${fieldsXml(CATALOGUES.record, record.fields, '    ')}\n  </HoSo>\n  <DanhSachVanBan>\n${docXml.join('\n')}\n  </DanhSachVanBan>\n</HoSoLuuTru>\n`;
  members['metadata.xml'] = new TextEncoder().encode(xml);
  if (ltvReport) members['LTV.json'] = new TextEncoder().encode(`${JSON.stringify(ltvReport, null, 2)}\n`);
  const checksums: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(members))
    checksums[name] = createHash('sha256').update(bytes).digest('hex');
  members['SHA256SUMS'] = new TextEncoder().encode(
    Object.entries(checksums)
      .map(([name, sum]) => `${sum}  ${name}\n`)
      .join(''),
  );
  if (out.endsWith('.zip')) {
    writeFileAtomic(out, zipSync(members, { level: 6 }));
    return { out, format: 'zip', checksums, ...(ltvReport ? { ltv: ltvReport } : {}) };
  }
  writeDirectoryAtomic(out, members);
  return { out, format: 'directory', checksums, ...(ltvReport ? { ltv: ltvReport } : {}) };
}

/** Fills a temporary sibling directory, then renames it into place (refuses an existing OUT). */
function writeDirectoryAtomic(out: string, members: Record<string, Uint8Array>): void {
  const tmp = join(dirname(out), `.${basename(out)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    for (const [name, bytes] of Object.entries(members)) {
      mkdirSync(dirname(join(tmp, name)), { recursive: true });
      writeFileSync(join(tmp, name), bytes);
    }
    renameSync(tmp, out);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') throw new VanthuError('FILE_EXISTS', out);
    throw new VanthuError('IO_ERROR', `${out}: ${(error as Error).message}`);
  }
}
