import type { StatusCode } from '../exchange/edxml/constants.js';
import type { ArrivalState } from '../exchange/inbox/store.js';
import type { EntryState } from '../registry/types.js';

/** A clerk's step on an incoming document, named as the office functions and the audit name it. */
export type IncomingStep = 'refuse' | 'register' | 'assign' | 'start' | 'complete';

interface StepStatus {
  step: IncomingStep;
  /** The arrival's state once the status is queued. */
  arrival: ArrivalState;
  /** The register entry's state once the step is taken (refuse: only when an entry exists). */
  entry: EntryState;
  /** Arrival states the step may follow: each status goes out once, never after a later one. */
  after: readonly ArrivalState[];
}

/**
 * The one status map of the office: each status a receiving clerk sends (NĐ30 / edXML 02–06), the
 * step that sends it, the arrival and entry states it leads to, and the states it may follow.
 */
export const CLERK_STATUSES: Readonly<Record<'02' | '03' | '04' | '05' | '06', StepStatus>> = {
  '02': { step: 'refuse', arrival: 'refused', entry: 'returned', after: ['arrived'] },
  '03': { step: 'register', arrival: 'registered', entry: 'registered', after: ['arrived'] },
  '04': { step: 'assign', arrival: 'assigned', entry: 'assigned', after: ['registered'] },
  '05': { step: 'start', arrival: 'in_progress', entry: 'in_progress', after: ['registered', 'assigned'] },
  '06': {
    step: 'complete',
    arrival: 'finished',
    entry: 'done',
    after: ['registered', 'assigned', 'in_progress'],
  },
};

export type ClerkStatus = keyof typeof CLERK_STATUSES;

export const isClerkStatus = (code: string): code is ClerkStatus => Object.hasOwn(CLERK_STATUSES, code);

/** The arrival state a status leads to (replaces the exchange's own STATE_FOR_STATUS). */
export function arrivalStateFor(code: StatusCode): ArrivalState | undefined {
  return isClerkStatus(code) ? CLERK_STATUSES[code].arrival : undefined;
}

/** The entry state matching the last status we sent for an arrival (a refused recall goes back there). */
export function entryStateAfter(lastStatus: string | null): EntryState | undefined {
  return lastStatus && isClerkStatus(lastStatus) ? CLERK_STATUSES[lastStatus].entry : undefined;
}

/** The arrival state matching the last status we sent (a refused recall goes back there). */
export function arrivalStateAfter(lastStatus: string | null): ArrivalState {
  return lastStatus && isClerkStatus(lastStatus) ? CLERK_STATUSES[lastStatus].arrival : 'arrived';
}

/** Vietnamese names of the states, for errors and statistics (no English state names shown). */
export const STATE_NAMES_VI: Readonly<Record<ArrivalState | EntryState, string>> = {
  arrived: 'Đã nhận',
  refused: 'Đã từ chối tiếp nhận',
  registered: 'Đã vào sổ',
  assigned: 'Đã phân công',
  in_progress: 'Đang xử lý',
  finished: 'Đã hoàn thành',
  done: 'Đã hoàn thành',
  recall_requested: 'Bên gửi đề nghị thu hồi',
  voided: 'Đã hủy',
  updated: 'Đã được cập nhật',
  replaced: 'Đã được thay thế',
  returned: 'Đã trả lại',
  issued: 'Đã phát hành',
  recalled: 'Đã thu hồi',
  reserved: 'Đã cấp số, chờ đóng dấu',
};
