import { VanthuError } from '@vanthu/shared/errors/index';
import { loadExchangeConfig } from '../../exchange/config.js';
import { STATUS_CODES, type StatusCode, isStatusCode } from '../../exchange/edxml/constants.js';
import { ExchangeService } from '../../exchange/service.js';
import type { Command, CommandContext } from '../command.js';

const time = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16);

function open(ctx: CommandContext, needSelf = false): ExchangeService {
  const config = loadExchangeConfig(ctx.configPath);
  if (needSelf && !config.self?.organId)
    throw new VanthuError(
      'CONFIG_INVALID',
      'exchange.self.organId (this agency) is required to send statuses',
    );
  const dbFile = typeof ctx.values['db'] === 'string' ? ctx.values['db'] : config.dbFile;
  return new ExchangeService({
    dbFile,
    self: config.self ?? { organId: '' },
    ...(config.calendar ? { calendar: config.calendar } : {}),
    ...(config.recallPolicy ? { recallPolicy: config.recallPolicy } : {}),
  });
}

async function run(ctx: CommandContext): Promise<number> {
  const [sub, idText, codeText] = ctx.positionals;
  const service = open(ctx, sub === 'status' || sub === 'recall');
  try {
    switch (sub) {
      case 'list': {
        const limit = Number(ctx.values['limit'] ?? 100);
        const rows = service.listInbox(limit);
        const quarantined = service.quarantine.list(limit);
        ctx.emit({ arrivals: rows, quarantined });
        if (rows.length === 0) ctx.say(ctx.t('Chưa có văn bản đến', 'No arrivals'));
        for (const a of rows) {
          const overdue = a.deadline?.overdue
            ? ctx.t('  [QUÁ HẠN]', '  [OVERDUE]')
            : a.deadline
              ? `  ${ctx.t('hạn', 'due')} ${time(a.deadline.dueAt)}`
              : '';
          ctx.say(`#${a.id}  ${a.code}  ${a.from}  ${a.state}${overdue}  ${a.subject}`);
          if (a.defect)
            ctx.say(
              `    ${ctx.t('không đọc được, đề nghị trả lại (02)', 'unreadable, refuse with 02')}: ${a.defect}`,
            );
        }
        if (quarantined.length > 0) ctx.say(ctx.t('Gói tin bị cách ly:', 'Quarantined packages:'));
        for (const q of quarantined)
          ctx.say(`  Q${q.id}  ${time(q.at)}  ${q.from}  ${q.axisDocId}  ${q.code}  ${q.reason}`);
        return 0;
      }
      case 'show': {
        const a = service.inbox.get(Number(idText));
        if (!a) throw new VanthuError('QUEUE_NOT_FOUND', `arrival ${idText}`);
        const history = service.inbox.statusHistory(a.documentId);
        ctx.emit({ arrival: a, history });
        ctx.say(`#${a.id}  ${a.documentId}\n  ${a.subject}\n  ${ctx.t('trạng thái', 'state')}: ${a.state}`);
        if (a.defect) ctx.say(`  ${ctx.t('không đọc được', 'unreadable')}: ${a.defect}`);
        ctx.say(`  ${ctx.t('kiểm tra chữ ký', 'signature check')}: ${JSON.stringify(a.verification)}`);
        for (const h of history)
          ctx.say(
            `  ${time(h.at)}  ${h.direction === 'in' ? '←' : '→'} ${h.party}  ${h.code}${h.description ? `  ${h.description}` : ''}`,
          );
        return 0;
      }
      case 'status': {
        if (!idText || !codeText)
          throw new VanthuError('USAGE', 'inbox status ID 02|03|04|05|06 [--reason TEXT]');
        const code = codeText.length === 1 ? `0${codeText}` : codeText;
        if (!isStatusCode(code)) throw new VanthuError('USAGE', `unknown status ${codeText}`);
        const reason = typeof ctx.values['reason'] === 'string' ? ctx.values['reason'] : undefined;
        const id = service.sendStatus(Number(idText), code as StatusCode, reason);
        ctx.emit({ queued: id, status: code });
        ctx.say(
          ctx.t(
            `Đã xếp hàng gửi trạng thái ${code} (${STATUS_CODES[code as StatusCode].vi})`,
            `Queued status ${code} (${STATUS_CODES[code as StatusCode].en})`,
          ),
        );
        return 0;
      }
      case 'recall': {
        if (!idText) throw new VanthuError('USAGE', 'inbox recall ID accept|refuse [--reason TEXT]');
        const accept = codeText === 'accept';
        if (!accept && codeText !== 'refuse') throw new VanthuError('USAGE', 'accept or refuse');
        const reason = typeof ctx.values['reason'] === 'string' ? ctx.values['reason'] : undefined;
        service.answerRecall(Number(idText), accept, reason);
        ctx.emit({ answered: accept ? '15' : '16' });
        ctx.say(
          accept
            ? ctx.t('Đã đồng ý thu hồi (15)', 'Recall accepted (15)')
            : ctx.t('Đã từ chối thu hồi (16)', 'Recall refused (16)'),
        );
        return 0;
      }
      default:
        throw new VanthuError('USAGE', `vanthu ${inboxCommand.usage}`);
    }
  } finally {
    service.close();
  }
}

export const inboxCommand: Command = {
  name: 'inbox',
  summary: { vi: 'Văn bản đến qua trục liên thông', en: 'Documents received through the exchange axis' },
  usage:
    'inbox list | show ID | status ID 02..06 [--reason TEXT] | recall ID accept|refuse [--reason TEXT]  [--db FILE]',
  options: { reason: { type: 'string' }, limit: { type: 'string' }, db: { type: 'string' } },
  run,
};
