import { VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import type { OfficeActor } from './office.js';
import { STATE_NAMES_VI } from './status-map.js';

/** Each step of the workflow, with its Vietnamese name (errors, audit readers). */
export const STEP_NAMES = {
  'incoming.register': 'vào sổ văn bản đến',
  'incoming.refuse': 'từ chối tiếp nhận (02)',
  'incoming.assign': 'phân công xử lý (04)',
  'incoming.start': 'bắt đầu xử lý (05)',
  'incoming.complete': 'hoàn thành xử lý (06)',
  'incoming.recalled': 'ghi nhận thu hồi (13)',
  'incoming.answerRecall': 'trả lời thu hồi (15/16)',
  'outgoing.reserve': 'cấp số',
  'outgoing.seal': 'đóng dấu và vào sổ văn bản đi',
  'outgoing.release': 'hủy số đã cấp',
  'outgoing.send': 'gửi văn bản',
  'outgoing.recall': 'thu hồi văn bản đi (13)',
  'entry.file': 'đưa vào hồ sơ',
} as const;

export type Step = keyof typeof STEP_NAMES;

/** The typed refusal of a step out of order, naming the current state and the step asked for. */
export function refused(step: Step, state: string, subject: string): VanthuError {
  const vi = STATE_NAMES_VI[state as keyof typeof STATE_NAMES_VI] ?? state;
  return new VanthuError(
    'OFFICE_TRANSITION_REFUSED',
    `"${STEP_NAMES[step]}" (${step}) — ${subject}: trạng thái hiện tại "${vi}" (${state})`,
    { step, state, subject },
  );
}

/**
 * Runs one step and writes its audit record, ok or the error code. `subject` names the entry or
 * arrival; `sha256` the document concerned when there is one.
 */
export async function audited<T>(
  actor: OfficeActor,
  step: Step,
  subject: string,
  run: () => Promise<T>,
  documentOf: (result: T) => string | undefined = () => undefined,
): Promise<T> {
  const record = { event: 'office' as const, origin: actor.origin, transition: step, subject };
  try {
    const result = await run();
    actor.audit.append({ ...record, documentSha256: documentOf(result) ?? '', result: 'ok' });
    return result;
  } catch (error) {
    const e = toVanthuError(error);
    actor.audit.append({ ...record, documentSha256: '', result: e.code });
    throw e;
  }
}
