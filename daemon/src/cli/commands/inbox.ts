import { VanthuError } from '@vanthu/shared/errors/index';
import { loadExchangeConfig } from '../../exchange/config.js';
import { STATUS_CODES, type StatusCode, isStatusCode } from '../../exchange/edxml/constants.js';
import { engineArrivalVerifier } from '../../exchange/inbox/engine-verifier.js';
import type { ArrivalVerifier } from '../../exchange/inbox/verifier.js';
import { ExchangeService } from '../../exchange/service.js';
import { type IsolatedVerifier, isolatedVerifier } from '../../verify/worker/isolated-verifier.js';
import { cliOfficeActor } from '../office-actor.js';
import { answerRecall, arrivalStatus } from '../../office/incoming.js';
import { isClerkStatus } from '../../office/status-map.js';
import type { Command, CommandContext } from '../command.js';

const time = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 16);

function open(ctx: CommandContext, needSelf = false, verifier?: ArrivalVerifier): ExchangeService {
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
    ...(verifier ? { verifier } : {}),
  });
}

async function run(ctx: CommandContext): Promise<number> {
  const [sub, idText, codeText] = ctx.positionals;
  // A package handled again has its PDFs checked as the daemon checks arrivals: in limited processes.
  const isolated: IsolatedVerifier | undefined =
    sub === 'retry' ? isolatedVerifier(ctx.configPath) : undefined;
  const service = open(
    ctx,
    sub === 'status' || sub === 'recall',
    isolated ? engineArrivalVerifier((pdf) => isolated.verify(pdf, {})) : undefined,
  );
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
        if (!isClerkStatus(code))
          throw new VanthuError('USAGE', `status ${code} is not a clerk's answer (02–06)`);
        const actor = cliOfficeActor(ctx, { exchange: service });
        const id = await arrivalStatus(actor, Number(idText), code, reason).finally(() => actor.close());
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
        const actor = cliOfficeActor(ctx, { exchange: service });
        await answerRecall(actor, Number(idText), accept, reason).finally(() => actor.close());
        ctx.emit({ answered: accept ? '15' : '16' });
        ctx.say(
          accept
            ? ctx.t('Đã đồng ý thu hồi (15)', 'Recall accepted (15)')
            : ctx.t('Đã từ chối thu hồi (16)', 'Recall refused (16)'),
        );
        return 0;
      }
      case 'retry': {
        const id = Number((idText ?? '').replace(/^Q/i, ''));
        if (!idText || !Number.isInteger(id) || id <= 0) throw new VanthuError('USAGE', 'inbox retry Q<ID>');
        const result = await service.retryQuarantined(id);
        ctx.emit({ retried: id, ...result });
        if (result.outcome === 'quarantined') {
          ctx.say(
            ctx.t(
              `Gói tin Q${id} vẫn bị cách ly: ${result.code} ${result.reason}`,
              `Package Q${id} is still quarantined: ${result.code} ${result.reason}`,
            ),
          );
          return 1;
        }
        ctx.say(
          result.outcome === 'defective'
            ? ctx.t(
                `Gói tin Q${id} thành văn bản đến #${result.arrivalId}, không đọc được nội dung (đề nghị trả lại 02): ${result.reason}`,
                `Package Q${id} is arrival #${result.arrivalId}, its content unreadable (refuse with 02): ${result.reason}`,
              )
            : ctx.t(
                `Đã xử lý lại gói tin Q${id}: ${result.outcome}`,
                `Package Q${id} handled again: ${result.outcome}`,
              ),
        );
        return 0;
      }
      default:
        throw new VanthuError('USAGE', `vanthu ${inboxCommand.usage}`);
    }
  } finally {
    service.close();
    await isolated?.close();
  }
}

export const inboxCommand: Command = {
  name: 'inbox',
  summary: { vi: 'Văn bản đến qua trục liên thông', en: 'Documents received through the exchange axis' },
  usage:
    'inbox list | show ID | status ID 02..06 [--reason TEXT] | recall ID accept|refuse [--reason TEXT] | retry Q<ID>  [--db FILE]',
  options: { reason: { type: 'string' }, limit: { type: 'string' }, db: { type: 'string' } },
  run,
};
