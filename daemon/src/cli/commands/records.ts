import { VanthuError } from '@vanthu/shared/errors/index';
import type { FieldObject } from '@vanthu/shared/domain/index';
import type { RegistryRecord } from '../../registry/index.js';
import type { Command, CommandContext } from '../command.js';
import { cliOfficeActor } from '../office-actor.js';
import { fileEntry } from '../../office/records.js';
import { intOf, readBytes, readFields, str, withRegistry } from './registry-open.js';

const line = (ctx: CommandContext, r: RegistryRecord) =>
  `${r.code}  ${String(r.fields['Title'] ?? '')}  [${r.state === 'open' ? ctx.t('đang mở', 'open') : ctx.t('đã đóng', 'closed')}]  ${ctx.t('văn bản', 'documents')} ${String(r.fields['DocTotal'])}, ${ctx.t('trang', 'pages')} ${String(r.fields['PageTotal'])}${r.inPlan ? '' : ctx.t('  (ngoài danh mục)', '  (outside the catalogue)')}`;

/** Extends one PDF to B-LTA in memory, under the trust configuration's anchors and fetch rules. */
async function handoverExtender(
  ctx: CommandContext,
  tsa: string,
): Promise<(pdf: Uint8Array) => Promise<Uint8Array>> {
  const [{ addValidationData }, { GrowingDocument }, { signingChainOptions }] = await Promise.all([
    import('../../pdf/ltv/extend.js'),
    import('../../pdf/ltv/growing-document.js'),
    import('../../trust/signing-trust.js'),
  ]);
  return async (pdf) => {
    const doc = GrowingDocument.bytes([pdf]);
    // A fresh URL budget per file: the limit is per document, as in verification.
    await addValidationData(doc, { ...signingChainOptions(ctx.configPath), lta: true, tsa });
    return Buffer.concat(doc.appendedParts);
  };
}

async function run(ctx: CommandContext): Promise<number> {
  const [sub, a, b, c] = ctx.positionals;
  return withRegistry(ctx, async (r) => {
    switch (sub) {
      case 'plan': {
        const year = intOf(b, 'YEAR');
        if ((a !== 'import' && a !== 'list') || year === undefined)
          throw new VanthuError('USAGE', 'records plan import YEAR FILE.json | plan list YEAR');
        if (a === 'import') {
          if (!c) throw new VanthuError('USAGE', 'records plan import YEAR FILE.json');
          const items = JSON.parse(new TextDecoder().decode(readBytes(c))) as unknown;
          if (!Array.isArray(items))
            throw new VanthuError('INVALID_INPUT', `${c}: a JSON array of planned records is expected`);
          const n = await r.importPlan(year, items as FieldObject[]);
          ctx.emit({ imported: n });
          ctx.say(
            ctx.t(
              `Đã nhập ${n} hồ sơ vào danh mục năm ${year}`,
              `Imported ${n} records into the ${year} catalogue`,
            ),
          );
          return 0;
        }
        const plan = await r.plan(year);
        ctx.emit({ plan });
        for (const p of plan)
          ctx.say(`${String((p['FileCode'] as FieldObject)['FileNotation'])}  ${String(p['Title'] ?? '')}`);
        return 0;
      }
      case 'create': {
        const plan = str(ctx, 'plan');
        const file = str(ctx, 'file');
        const fields = file ? readFields(file) : undefined;
        const year = intOf(str(ctx, 'year'), '--year');
        if (!plan && !fields)
          throw new VanthuError('USAGE', 'records create --plan NOTATION [--year Y] | --file FIELDS.json');
        const record = plan
          ? await r.createRecord({
              plan,
              ...(year !== undefined ? { year } : {}),
              ...(fields ? { fields } : {}),
            })
          : await r.createRecord({ fields: fields! });
        ctx.emit({ record });
        ctx.say(line(ctx, record));
        return 0;
      }
      case 'add': {
        if (!a || !b) throw new VanthuError('USAGE', 'records add RECORD ENTRY-ID');
        const actor = cliOfficeActor(ctx, { registry: r });
        const record = await fileEntry(actor, b, a).finally(() => actor.close());
        ctx.emit({ record });
        ctx.say(line(ctx, record));
        return 0;
      }
      case 'close': {
        if (!a) throw new VanthuError('USAGE', 'records close RECORD [--end DATE] [--note TEXT]');
        const record = await r.closeRecord(a, {
          ...(str(ctx, 'end') ? { endDate: str(ctx, 'end')! } : {}),
          ...(str(ctx, 'note') ? { description: str(ctx, 'note')! } : {}),
        });
        ctx.emit({ record });
        ctx.say(line(ctx, record));
        return 0;
      }
      case 'list': {
        const records = await r.records(intOf(str(ctx, 'year'), '--year'));
        ctx.emit({ records });
        for (const rec of records) ctx.say(line(ctx, rec));
        return 0;
      }
      case 'show': {
        if (!a) throw new VanthuError('USAGE', 'records show RECORD');
        const record = await r.record(a);
        ctx.emit({ record });
        ctx.say(line(ctx, record));
        for (const d of record.documents)
          ctx.say(`  ${String(d.fields['DocOrdinal'])}. ${String(d.fields['Subject'] ?? '')}`);
        return 0;
      }
      case 'export': {
        const out = str(ctx, 'output');
        if (!a || !out) throw new VanthuError('USAGE', 'records export RECORD -o OUT.zip|DIR');
        const tsa = str(ctx, 'tsa');
        const allowNonLtv = ctx.values['allow-non-ltv'] === true;
        // Every PDF goes to the archive at B-LTA; the LTV code loads only here.
        const extend = tsa ? await handoverExtender(ctx, tsa) : undefined;
        const result = await r.handover(a, out, { extend, allowNonLtv });
        ctx.emit(result);
        for (const f of result.ltv?.files ?? [])
          ctx.say(`  ${f.member}: ${f.level}${f.reason ? ` — ${f.reason}` : ''}`);
        if (result.ltv?.exportedWithoutLtv)
          ctx.say(
            ctx.t(
              'Lưu ý: không phải mọi tệp PDF đều có dữ liệu xác thực dài hạn (xuất theo --allow-non-ltv)',
              'Note: not every PDF carries long-term validation data (exported with --allow-non-ltv)',
            ),
          );
        ctx.say(ctx.t(`Đã xuất gói nộp lưu ${out}`, `Handover package written to ${out}`));
        return 0;
      }
      default:
        throw new VanthuError('USAGE', `vanthu ${recordsCommand.usage}`);
    }
  });
}

export const recordsCommand: Command = {
  name: 'records',
  summary: {
    vi: 'Hồ sơ: danh mục, lập, thêm văn bản, đóng, nộp lưu',
    en: 'Records: catalogue, create, file, close, hand over',
  },
  usage:
    'records plan import YEAR FILE.json | plan list YEAR | create --plan NOTATION [--year Y] | create --file FIELDS.json | add RECORD ENTRY-ID | close RECORD [--end DATE] [--note TEXT] | list [--year Y] | show RECORD | export RECORD -o OUT.zip|DIR [--tsa URL] [--allow-non-ltv]  [--db FILE]',
  options: {
    plan: { type: 'string' },
    file: { type: 'string' },
    year: { type: 'string' },
    end: { type: 'string' },
    note: { type: 'string' },
    output: { type: 'string', short: 'o' },
    db: { type: 'string' },
    tsa: { type: 'string' },
    'allow-non-ltv': { type: 'boolean', default: false },
  },
  run,
};
