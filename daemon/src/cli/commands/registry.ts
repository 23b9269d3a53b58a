import { basename } from 'node:path';
import {
  CATALOGUES,
  describeIssues,
  type FieldObject,
  fieldAt,
  formatNumberNotation,
} from '@vanthu/shared/domain/index';
import { VanthuError } from '@vanthu/shared/errors/index';
import { type BookKind, type Entry, STATE_LABELS, type StoredFile } from '../../registry/index.js';
import type { Command, CommandContext } from '../command.js';
import { cliOfficeActor } from '../office-actor.js';
import { assignEntry, completeHandling, recallEntry, startHandling } from '../../office/index.js';
import type { OfficeActor } from '../../office/office.js';
import type { RegistryService } from '../../registry/index.js';

/** One step of the office workflow, taken as the daemon takes it (same functions, same audit log). */
async function officeStep<T>(
  ctx: Parameters<typeof cliOfficeActor>[0],
  registry: RegistryService,
  step: (actor: OfficeActor) => Promise<T>,
): Promise<T> {
  const actor = cliOfficeActor(ctx, { registry });
  try {
    return await step(actor);
  } finally {
    await actor.close();
  }
}
import { intOf, list, readBytes, readFields, str, withRegistry } from './registry-open.js';

/** `--set Tag=value` (dotted for groups: SignerInfo.FullName=…), typed by the catalogue. */
function applySets(kind: BookKind, fields: FieldObject, sets: string[]): FieldObject {
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq < 1) throw new VanthuError('USAGE', `--set expects Tag=value, got "${s}"`);
    const path = s.slice(0, eq);
    const raw = s.slice(eq + 1);
    const def = fieldAt(CATALOGUES[kind], path);
    if (!def) throw new VanthuError('USAGE', `--set: ${path} is not a field of ${CATALOGUES[kind].titleEn}`);
    const value = def.type === 'Number' && /^\d+$/.test(raw) ? Number(raw) : raw;
    const parts = path.split('.');
    const leaf = parts[parts.length - 1]!;
    let target = fields;
    for (const p of parts.slice(0, -1)) {
      if (fieldAt(CATALOGUES[kind], p)?.repeated) {
        // Repeated groups (Nơi nhận): a tag already set starts the next item.
        const items = (target[p] ??= []) as FieldObject[];
        if (items.length === 0 || items[items.length - 1]![leaf] !== undefined) items.push({});
        target = items[items.length - 1]!;
      } else {
        target[p] ??= {};
        target = target[p] as FieldObject;
      }
    }
    target[leaf] = value;
  }
  return fields;
}

function line(ctx: CommandContext, e: Entry): string {
  const f = e.fields;
  const code =
    f['CodeNumber'] && f['CodeNotation']
      ? formatNumberNotation(String(f['CodeNumber']), String(f['CodeNotation']))
      : '';
  const book = e.kind === 'incoming' ? ctx.t('đến', 'in') : ctx.t('đi', 'out');
  return `${book} ${e.year}${e.series ? `/${e.series}` : ''} #${e.number}  ${code}  ${String(f['Subject'] ?? '')}  [${STATE_LABELS[e.state][ctx.lang]}]${e.dueDate ? `  ${ctx.t('hạn', 'due')} ${e.dueDate}` : ''}  ${e.id}`;
}

function kindOf(value: string | undefined): BookKind {
  if (value === 'incoming' || value === 'outgoing') return value;
  throw new VanthuError('USAGE', 'kind must be incoming or outgoing');
}

async function run(ctx: CommandContext): Promise<number> {
  const [sub, a, b, c] = ctx.positionals;
  return withRegistry(ctx, async (r) => {
    const findEntry = async () => {
      if (!a) throw new VanthuError('USAGE', `registry ${sub} ID | KIND YEAR NUMBER`);
      if (b && c)
        return r.byNumber({
          kind: kindOf(a),
          year: intOf(b, 'YEAR')!,
          number: intOf(c, 'NUMBER')!,
          ...(str(ctx, 'series') ? { series: str(ctx, 'series')! } : {}),
        });
      return r.get(a);
    };
    switch (sub) {
      case 'incoming':
      case 'outgoing':
      case 'check': {
        const kind = sub === 'check' ? kindOf(a) : sub;
        const file = str(ctx, 'file');
        const fields = applySets(kind, file ? readFields(file) : {}, list(ctx, 'set'));
        const documentId = str(ctx, 'document-id');
        if (sub === 'check') {
          const dups = await r.duplicates(kind, fields, documentId);
          ctx.emit({ duplicates: dups });
          if (dups.length === 0) ctx.say(ctx.t('Không có văn bản trùng', 'No duplicate found'));
          for (const d of dups) ctx.say(`${ctx.t('Trùng', 'Duplicate')}: ${line(ctx, d)}`);
          return dups.length > 0 ? 1 : 0;
        }
        const pdf = str(ctx, 'pdf');
        const attachments = list(ctx, 'attach').map((path) => ({
          name: basename(path),
          bytes: readBytes(path),
        }));
        const input = {
          fields,
          channel: ctx.values['paper'] === true ? ('paper' as const) : ('electronic' as const),
          allowDuplicate: ctx.values['allow-duplicate'] === true,
          ...(pdf ? { file: { name: basename(pdf), bytes: readBytes(pdf) } } : {}),
          ...(attachments.length > 0 ? { attachments } : {}),
          ...(documentId ? { documentId } : {}),
          ...(str(ctx, 'series') ? { series: str(ctx, 'series')! } : {}),
          ...(str(ctx, 'clerk') ? { clerk: str(ctx, 'clerk')! } : {}),
        };
        const { entry, warnings } =
          kind === 'incoming' ? await r.registerIncoming(input) : await r.registerOutgoing(input);
        ctx.emit({ entry, warnings });
        if (warnings.length > 0)
          ctx.log(`${ctx.t('Cảnh báo', 'Warning')}: ${describeIssues(warnings, ctx.lang)}`);
        ctx.say(
          kind === 'incoming'
            ? ctx.t(
                `Đã đăng ký, số đến ${entry.number}/${entry.year}`,
                `Registered, arrival number ${entry.number}/${entry.year}`,
              )
            : ctx.t(
                `Đã cấp số ${formatNumberNotation(entry.number, String(entry.fields['CodeNotation']))}`,
                `Number issued: ${formatNumberNotation(entry.number, String(entry.fields['CodeNotation']))}`,
              ),
        );
        ctx.say(line(ctx, entry));
        return 0;
      }
      case 'list': {
        const entries = await r.list({
          ...(str(ctx, 'kind') ? { kind: kindOf(str(ctx, 'kind')) } : {}),
          ...(str(ctx, 'year') ? { year: intOf(str(ctx, 'year'), '--year')! } : {}),
          ...(str(ctx, 'state') ? { state: str(ctx, 'state')! } : {}),
          ...(str(ctx, 'limit') ? { limit: intOf(str(ctx, 'limit'), '--limit')! } : {}),
        });
        ctx.emit({ entries });
        if (entries.length === 0) ctx.say(ctx.t('Sổ chưa có văn bản', 'The book is empty'));
        for (const e of entries) ctx.say(line(ctx, e));
        return 0;
      }
      case 'show': {
        const e = await findEntry();
        ctx.emit({ entry: e });
        ctx.say(line(ctx, e));
        for (const f of CATALOGUES[e.kind].fields) {
          const v = e.fields[f.tag];
          if (v !== undefined)
            ctx.say(`  ${f.label}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`);
        }
        const file = (label: string, f: StoredFile) =>
          ctx.say(
            `  ${label}: ${f.name}  ${f.pages ?? '?'} ${ctx.t('trang', 'pages')}  ${f.size} B  SHA-256 ${f.sha256}`,
          );
        if (e.file) file(ctx.t('Tệp văn bản', 'Document file'), e.file);
        for (const a of e.attachments ?? [])
          file(`${ctx.t('Phụ lục', 'Attachment')} ${a.seq}${a.description ? ` (${a.description})` : ''}`, a);
        return 0;
      }
      case 'assign': {
        const e = await findEntry();
        const due = str(ctx, 'due');
        const days = intOf(str(ctx, 'due-days'), '--due-days');
        const updated = await officeStep(ctx, r, (actor) =>
          assignEntry(actor, e.id, {
            ...(str(ctx, 'text') ? { text: str(ctx, 'text')! } : {}),
            ...(str(ctx, 'author') ? { author: str(ctx, 'author')! } : {}),
            ...(str(ctx, 'lead') ? { lead: str(ctx, 'lead')! } : {}),
            coordinators: list(ctx, 'coordinator'),
            ...(due ? { dueDate: due } : {}),
            ...(days !== undefined ? { dueWorkingDays: days } : {}),
          }),
        );
        ctx.emit({ entry: updated });
        ctx.say(line(ctx, updated));
        return 0;
      }
      case 'state': {
        const target = b;
        if (target !== 'in_progress' && target !== 'done' && target !== 'returned')
          throw new VanthuError('USAGE', 'registry state ID in_progress|done|returned [--reason TEXT]');
        const e = await r.get(a ?? '');
        const author = str(ctx, 'author');
        // 05 and 06 are steps of the workflow (their status goes to the sender); a paper return is not.
        const updated =
          target === 'returned'
            ? await r.setState(e.id, target, {
                ...(str(ctx, 'reason') ? { reason: str(ctx, 'reason')! } : {}),
                ...(author ? { author } : {}),
              })
            : await officeStep(ctx, r, (actor) =>
                (target === 'in_progress' ? startHandling : completeHandling)(actor, e.id, author),
              );
        ctx.emit({ entry: updated });
        ctx.say(line(ctx, updated));
        return 0;
      }
      case 'recall': {
        const e = await findEntry();
        const reason = str(ctx, 'reason');
        if (!reason) throw new VanthuError('USAGE', 'registry recall ID --reason TEXT');
        const { entry: updated } = await officeStep(ctx, r, (actor) =>
          recallEntry(actor, e.id, reason, str(ctx, 'author')),
        );
        ctx.emit({ entry: updated });
        ctx.say(line(ctx, updated));
        return 0;
      }
      case 'overdue': {
        const rows = await r.overdue(str(ctx, 'today'));
        ctx.emit({ overdue: rows });
        if (rows.length === 0) ctx.say(ctx.t('Không có văn bản quá hạn', 'Nothing is overdue'));
        for (const o of rows)
          ctx.say(
            `${line(ctx, o.entry)}  ${ctx.t('trễ', 'late')} ${o.workingDaysLate} ${ctx.t('ngày làm việc', 'working days')}`,
          );
        return 0;
      }
      default:
        throw new VanthuError('USAGE', `vanthu ${registryCommand.usage}`);
    }
  });
}

export const registryCommand: Command = {
  name: 'registry',
  summary: {
    vi: 'Sổ đăng ký văn bản đến, đi: cấp số, phân công, thu hồi',
    en: 'Incoming and outgoing register books',
  },
  usage:
    'registry incoming|outgoing [--file FIELDS.json] [--set Tag=value]... [--pdf DOC.pdf] [--attach FILE]... [--paper] [--document-id ID] [--series S] [--allow-duplicate] | check KIND --file F | list [--kind K] [--year Y] [--state S] | show ID | assign ID [--lead U] [--coordinator U]... [--due DATE|--due-days N] [--text T] [--author A] | state ID in_progress|done|returned [--reason R] | recall ID --reason R | overdue [--today DATE]  [--db FILE]',
  options: {
    file: { type: 'string' },
    set: { type: 'string', multiple: true },
    pdf: { type: 'string' },
    attach: { type: 'string', multiple: true },
    paper: { type: 'boolean' },
    'document-id': { type: 'string' },
    series: { type: 'string' },
    clerk: { type: 'string' },
    'allow-duplicate': { type: 'boolean' },
    kind: { type: 'string' },
    year: { type: 'string' },
    state: { type: 'string' },
    limit: { type: 'string' },
    lead: { type: 'string' },
    coordinator: { type: 'string', multiple: true },
    due: { type: 'string' },
    'due-days': { type: 'string' },
    text: { type: 'string' },
    author: { type: 'string' },
    reason: { type: 'string' },
    today: { type: 'string' },
    db: { type: 'string' },
  },
  run,
};
