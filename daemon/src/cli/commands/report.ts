import { VanthuError } from '@vanthu/shared/errors/index';
import { writeFileAtomic } from '../../fs/atomic-write.js';
import { vnDate } from '../../registry/index.js';
import { toCsv } from '../../registry/reports/csv.js';
import { toPdf } from '../../registry/reports/pdf.js';
import { printedBook } from '../../registry/reports/printed-book.js';
import type { Table } from '../../registry/reports/register-book.js';
import { quarterStatistics, statisticsTable } from '../../registry/reports/statistics.js';
import { toXlsx } from '../../registry/reports/xlsx.js';
import type { Command, CommandContext } from '../command.js';
import { intOf, str, withRegistry } from './registry-open.js';

function write(ctx: CommandContext, table: Table, out: string | undefined): void {
  if (!out) throw new VanthuError('USAGE', 'report … -o OUT.csv|OUT.xlsx|OUT.pdf');
  const bytes = out.endsWith('.csv')
    ? toCsv(table)
    : out.endsWith('.xlsx')
      ? toXlsx(table)
      : out.endsWith('.pdf')
        ? toPdf(table)
        : undefined;
  if (!bytes) throw new VanthuError('USAGE', 'the output must end in .csv, .xlsx or .pdf');
  writeFileAtomic(out, bytes);
  ctx.say(ctx.t(`Đã ghi ${out} (${table.rows.length} dòng)`, `Wrote ${out} (${table.rows.length} rows)`));
}

async function run(ctx: CommandContext): Promise<number> {
  const [sub] = ctx.positionals;
  const out = str(ctx, 'output');
  return withRegistry(ctx, async (r) => {
    const today = vnDate(r.context.now());
    const year = intOf(str(ctx, 'year'), '--year') ?? Number(today.slice(0, 4));
    switch (sub) {
      case 'incoming':
      case 'outgoing': {
        // The side panel prints the same book (registry.report).
        const table = await printedBook(r, { kind: sub, year, series: str(ctx, 'series') });
        ctx.emit({ table });
        write(ctx, table, out);
        return 0;
      }
      case 'quarter': {
        const quarter = intOf(str(ctx, 'quarter'), '--quarter');
        if (!quarter || quarter > 4)
          throw new VanthuError('USAGE', 'report quarter --quarter 1..4 [--year Y]');
        const stats = quarterStatistics(await r.list({ year }), year, quarter, today);
        ctx.emit({ statistics: stats });
        if (out) write(ctx, statisticsTable(stats), out);
        else for (const row of statisticsTable(stats).rows) ctx.say(`${row[0]}: ${row[1]}`);
        return 0;
      }
      case 'overdue': {
        const rows = await r.overdue(str(ctx, 'today'));
        const table: Table = {
          title: `DANH SÁCH VĂN BẢN QUÁ HẠN XỬ LÝ (đến ngày ${str(ctx, 'today') ?? today})`,
          header: [
            'Số đến',
            'Số, ký hiệu',
            'Trích yếu',
            'Đơn vị hoặc người nhận',
            'Thời hạn',
            'Số ngày làm việc quá hạn',
          ],
          rows: rows.map((o) => [
            `${o.entry.number}/${o.entry.year}`,
            `${String(o.entry.fields['CodeNumber'] ?? '')}/${String(o.entry.fields['CodeNotation'] ?? '')}`,
            String(o.entry.fields['Subject'] ?? ''),
            String(o.entry.fields['ToPlaces'] ?? ''),
            o.dueDate,
            String(o.workingDaysLate),
          ]),
        };
        ctx.emit({ overdue: rows });
        if (out) write(ctx, table, out);
        else for (const row of table.rows) ctx.say(row.join('  '));
        return 0;
      }
      default:
        throw new VanthuError('USAGE', `vanthu ${reportCommand.usage}`);
    }
  });
}

export const reportCommand: Command = {
  name: 'report',
  summary: {
    vi: 'Sổ đăng ký văn bản đến/đi, thống kê quý, văn bản quá hạn',
    en: 'Register books, quarterly statistics, overdue report',
  },
  usage:
    'report incoming|outgoing [--year Y] [--series S] -o OUT.csv|.xlsx|.pdf | quarter --quarter Q [--year Y] [-o OUT] | overdue [--today DATE] [-o OUT]  [--db FILE]',
  options: {
    output: { type: 'string', short: 'o' },
    year: { type: 'string' },
    series: { type: 'string' },
    quarter: { type: 'string' },
    today: { type: 'string' },
    db: { type: 'string' },
  },
  run,
};
