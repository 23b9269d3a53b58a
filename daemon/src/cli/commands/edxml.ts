import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';
import { sniffContentType } from '../../exchange/edxml/attachments.js';
import { buildEdoc } from '../../exchange/edxml/build.js';
import { buildDocumentId } from '../../exchange/edxml/document-id.js';
import { formatTimestamp } from '../../exchange/edxml/dates.js';
import type { Attachment, EdocHeader } from '../../exchange/edxml/types.js';
import { validateEdxml } from '../../exchange/edxml/validate.js';
import type { Command, CommandContext } from '../command.js';
import { writeFileAtomic } from '../../fs/atomic-write.js';

function readInput(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VanthuError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR', path);
  }
}

/** Writes through a temporary file and a rename, so a crash never leaves half a file. */
function writeAtomic(path: string, data: string | Uint8Array, force: boolean) {
  if (!force && existsSync(path)) throw new VanthuError('FILE_EXISTS', path);
  try {
    writeFileAtomic(path, data);
  } catch (error) {
    throw new VanthuError('IO_ERROR', `${path}: ${(error as Error).message}`);
  }
}

/** Header JSON as a clerk writes it: DocumentId, traces and defaults are filled in. */
function headerFromJson(raw: unknown): EdocHeader {
  if (typeof raw !== 'object' || raw === null)
    throw new VanthuError('INVALID_INPUT', 'the header must be a JSON object');
  const h = raw as Partial<EdocHeader>;
  if (!h.from?.organId) throw new VanthuError('INVALID_INPUT', 'header.from.organId is required');
  const header: EdocHeader = {
    to: [],
    toPlaces: [],
    priority: 0,
    responseFor: [],
    bussiness: { bussinessDocType: 0 },
    traces: [],
    documentType: { type: 1 },
    place: '',
    subject: '',
    codeNumber: '',
    codeNotation: '',
    promulgationDate: '',
    documentId: '',
    ...h,
    from: h.from,
  } as EdocHeader;
  if (!header.documentId)
    header.documentId = buildDocumentId(
      header.from.organId,
      header.promulgationDate,
      header.codeNumber,
      header.codeNotation,
    );
  if (header.traces.length === 0)
    header.traces = [{ organId: header.from.organId, timestamp: formatTimestamp(new Date()) }];
  return header;
}

async function pack(ctx: CommandContext): Promise<number> {
  const headerPath = ctx.values['header'];
  const out = ctx.values['out'];
  if (typeof headerPath !== 'string' || typeof out !== 'string')
    throw new VanthuError('USAGE', 'edxml pack --header HEADER.json --out PACKAGE.edxml FILE.pdf…');
  let json: unknown;
  try {
    json = JSON.parse(readInput(headerPath).toString('utf8'));
  } catch (error) {
    if (error instanceof VanthuError) throw error;
    throw new VanthuError('INVALID_INPUT', `${headerPath}: ${(error as Error).message}`);
  }
  const files = ctx.positionals.slice(1);
  const attachments: Attachment[] = files.map((file, i) => {
    const data = new Uint8Array(readInput(file));
    return {
      contentId: `att${i + 1}`,
      name: basename(file),
      contentType: sniffContentType(data) ?? 'application/octet-stream',
      data,
    };
  });
  const xml = buildEdoc(headerFromJson(json), attachments, { zipAttachments: ctx.values['zip'] === true });
  writeAtomic(out, xml, ctx.values['force'] === true);
  ctx.emit({ out, bytes: Buffer.byteLength(xml), attachments: attachments.map((a) => a.name) });
  ctx.say(
    ctx.t(
      `Đã đóng gói ${out} (${attachments.length} tệp đính kèm)`,
      `Packed ${out} (${attachments.length} attachments)`,
    ),
  );
  return 0;
}

const safeName = (name: string, fallback: string) => {
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f<>:"|?*]/g, '_');
  return base && base !== '.' && base !== '..' ? base : fallback;
};

async function unpack(ctx: CommandContext): Promise<number> {
  const input = ctx.positionals[1];
  const out = ctx.values['out'];
  if (!input || typeof out !== 'string')
    throw new VanthuError('USAGE', 'edxml unpack PACKAGE.edxml --out DIR');
  const report = validateEdxml(readInput(input));
  // Refused before anything is written: a package whose document cannot be decoded is an input error.
  if (report.refused)
    throw new VanthuError(report.refused.code, report.refused.detail ?? report.refused.message);
  const parsed = report.parsed!;
  const force = ctx.values['force'] === true;
  if (existsSync(out) && !force) throw new VanthuError('FILE_EXISTS', out);
  mkdirSync(out, { recursive: true });
  const written: string[] = [];
  if (parsed.kind === 'edoc') {
    const used = new Set<string>();
    for (const [i, a] of parsed.attachments.entries()) {
      let name = safeName(a.name, `attachment-${i + 1}`);
      while (used.has(name)) name = `${i + 1}-${name}`;
      used.add(name);
      writeAtomic(join(out, name), a.data, force);
      written.push(name);
    }
    writeAtomic(join(out, 'header.json'), `${JSON.stringify(parsed.header, null, 2)}\n`, force);
  } else {
    writeAtomic(join(out, 'status.json'), `${JSON.stringify(parsed.status, null, 2)}\n`, force);
  }
  writeAtomic(
    join(out, 'report.json'),
    `${JSON.stringify({ errors: report.errors, warnings: report.warnings, unknownElements: parsed.unknownElements }, null, 2)}\n`,
    force,
  );
  ctx.emit({ out, kind: parsed.kind, files: written, warnings: report.warnings, errors: report.errors });
  ctx.say(
    ctx.t(`Đã giải nén vào ${out}: ${written.length} tệp`, `Unpacked into ${out}: ${written.length} files`),
  );
  for (const w of report.warnings) ctx.say(`  ! ${w.path}: ${w.message}`);
  return 0;
}

async function validate(ctx: CommandContext): Promise<number> {
  const input = ctx.positionals[1];
  if (!input) throw new VanthuError('USAGE', 'edxml validate PACKAGE.edxml');
  const report = validateEdxml(readInput(input));
  const { parsed: _parsed, ...wire } = report;
  ctx.emit(wire);
  if (report.refused) {
    ctx.say(
      ctx.t(
        `Gói bị từ chối: ${report.refused.code}: ${report.refused.message}`,
        `Refused: ${report.refused.code}: ${report.refused.message}`,
      ),
    );
    return 1;
  }
  for (const e of report.errors) ctx.say(`  ✗ ${e.path}: ${e.message}`);
  for (const w of report.warnings) ctx.say(`  ! ${w.path}: ${w.message}`);
  ctx.say(
    report.ok
      ? ctx.t(
          `Hợp lệ (${report.kind}), ${report.warnings.length} cảnh báo`,
          `Valid (${report.kind}), ${report.warnings.length} warnings`,
        )
      : ctx.t(`Không hợp lệ: ${report.errors.length} lỗi`, `Invalid: ${report.errors.length} errors`),
  );
  return report.ok ? 0 : 1;
}

export const edxmlCommand: Command = {
  name: 'edxml',
  summary: {
    vi: 'Đóng gói, giải nén, kiểm tra gói edXML (QCVN 102:2016)',
    en: 'Pack, unpack, validate edXML packages (QCVN 102:2016)',
  },
  usage:
    'edxml pack --header HEADER.json --out OUT.edxml [--zip] FILE.pdf… | unpack PKG --out DIR | validate PKG',
  options: {
    header: { type: 'string' },
    out: { type: 'string', short: 'o' },
    zip: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
  },
  async run(ctx) {
    switch (ctx.positionals[0]) {
      case 'pack':
        return pack(ctx);
      case 'unpack':
        return unpack(ctx);
      case 'validate':
        return validate(ctx);
      default:
        throw new VanthuError('USAGE', `vanthu ${edxmlCommand.usage}`);
    }
  },
};
