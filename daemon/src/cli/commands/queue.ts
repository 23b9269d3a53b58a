import { VanthuError } from '@vanthu/shared/errors/index';
import { loadExchangeConfig } from '../../exchange/config.js';
import { DELIVERY_STATES, type DeliveryState, STATE_LABELS } from '../../exchange/queue/states.js';
import { QueueStore } from '../../exchange/queue/store.js';
import type { Command, CommandContext } from '../command.js';

function open(ctx: CommandContext): QueueStore {
  const db =
    typeof ctx.values['db'] === 'string' ? ctx.values['db'] : loadExchangeConfig(ctx.configPath).dbFile;
  return new QueueStore(db);
}

const time = (t: number) => new Date(t).toISOString().replace('T', ' ').slice(0, 19);

async function run(ctx: CommandContext): Promise<number> {
  const [sub, id] = ctx.positionals;
  const recipient = typeof ctx.values['recipient'] === 'string' ? ctx.values['recipient'] : undefined;
  const store = open(ctx);
  try {
    switch (sub) {
      case 'list': {
        const state = ctx.values['state'];
        if (state !== undefined && !DELIVERY_STATES.includes(state as DeliveryState))
          throw new VanthuError('USAGE', `--state must be one of ${DELIVERY_STATES.join(', ')}`);
        const limit = Number(ctx.values['limit'] ?? 50);
        const rows = store.list({ ...(state ? { state: state as DeliveryState } : {}), limit });
        ctx.emit({ packages: rows, counts: store.countByState() });
        if (rows.length === 0) ctx.say(ctx.t('Hàng đợi trống', 'The queue is empty'));
        for (const p of rows) {
          ctx.say(
            `${p.id}  ${p.messageType === 'status' ? `status ${p.statusCode}` : 'edoc'}  ${p.documentId ?? ''}${p.frozen ? ctx.t('  [đã thu hồi]', '  [recalled]') : ''}`,
          );
          for (const d of p.deliveries)
            ctx.say(
              `    → ${d.recipient}  ${STATE_LABELS[d.state][ctx.lang]}${d.receiverStatus ? ` (${d.receiverStatus})` : ''}  ${ctx.t('lần', 'attempts')} ${d.attempts}${d.deadReason ? `  ${d.deadReason}` : ''}`,
            );
        }
        return 0;
      }
      case 'show': {
        if (!id) throw new VanthuError('USAGE', 'queue show ID');
        const pid = store.resolvePackageId(id);
        const pkg = store.getPackage(pid)!;
        const deliveries = store.deliveriesOf(pid);
        const transitions = store.transitionsOf(pid);
        ctx.emit({ package: pkg, deliveries, transitions });
        ctx.say(`${pkg.id}  ${pkg.messageType}  ${pkg.documentId ?? ''}  ${pkg.subject ?? ''}`);
        for (const d of deliveries) {
          ctx.say(
            `  → ${d.recipient}: ${STATE_LABELS[d.state][ctx.lang]}, ${ctx.t('lần gửi', 'attempts')} ${d.attempts}, ${ctx.t('khóa', 'key')} ${d.idempotencyKey}`,
          );
          if (d.axisDocId) ctx.say(`      axis docId ${d.axisDocId}`);
          if (d.lastError)
            ctx.say(`      ${ctx.t('lỗi gần nhất', 'last error')}: ${d.lastErrorCode} ${d.lastError}`);
          if (d.state === 'failed')
            ctx.say(`      ${ctx.t('thử lại lúc', 'retry at')} ${time(d.nextAttemptAt)}`);
        }
        for (const t of transitions)
          ctx.say(
            `  ${time(t.at)}  #${t.deliveryId}  ${t.from ?? '∅'} → ${t.to}${t.reason ? `  ${t.reason}` : ''}`,
          );
        return 0;
      }
      case 'retry':
      case 'cancel': {
        if (!id) throw new VanthuError('USAGE', `queue ${sub} ID [--recipient ORGANID]`);
        const pid = store.resolvePackageId(id);
        const n = sub === 'retry' ? store.retry(pid, recipient) : store.cancel(pid, recipient);
        ctx.emit({ id: pid, [sub === 'retry' ? 'requeued' : 'cancelled']: n });
        ctx.say(
          sub === 'retry'
            ? ctx.t(`Đã đưa lại ${n} mục vào hàng đợi`, `Re-queued ${n} deliveries`)
            : ctx.t(`Đã hủy ${n} mục`, `Cancelled ${n} deliveries`),
        );
        return 0;
      }
      case 'dead': {
        const dead = store.deadLetters();
        ctx.emit({ dead });
        for (const d of dead) ctx.say(`${d.packageId} → ${d.recipient}: ${d.deadReason}`);
        if (dead.length === 0) ctx.say(ctx.t('Không có mục nào không gửi được', 'No dead letters'));
        return 0;
      }
      default:
        throw new VanthuError('USAGE', `vanthu ${queueCommand.usage}`);
    }
  } finally {
    store.close();
  }
}

export const queueCommand: Command = {
  name: 'queue',
  summary: { vi: 'Hàng đợi gửi văn bản liên thông', en: 'The outgoing exchange queue' },
  usage:
    'queue list [--state S] [--limit N] | show ID | retry ID [--recipient ORGANID] | cancel ID [--recipient ORGANID] | dead  [--db FILE]',
  options: {
    state: { type: 'string' },
    limit: { type: 'string' },
    recipient: { type: 'string' },
    db: { type: 'string' },
  },
  run,
};
