import type { InboxItemView } from '@vanthu/shared/protocol/index';

/** What the inbox offers on one arrival. */
export type ArrivalAction = 'register' | 'refuse' | 'answerRecall' | 'openEntry';

const REGISTERED = new Set<InboxItemView['state']>(['registered', 'assigned', 'in_progress', 'finished']);

/**
 * The office workflow's order (daemon/src/office): 03 is sent only by registering, 04–06 only on a
 * registered entry, from its page. So an arrival not registered yet is registered ("Vào sổ") or
 * refused with a reason (02) — only refused when its package cannot be used — and a registered one
 * links to its entry. A recall request is answered here.
 */
export function arrivalActions(item: InboxItemView, canRegister: boolean): ArrivalAction[] {
  const entry: ArrivalAction[] = item.entryId ? ['openEntry'] : [];
  if (item.state === 'recall_requested') return ['answerRecall', ...entry];
  if (item.state === 'arrived') return item.defect || !canRegister ? ['refuse'] : ['register', 'refuse'];
  return REGISTERED.has(item.state) ? entry : [];
}
