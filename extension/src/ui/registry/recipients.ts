import { checkOrganId, type FieldIssue } from '@vanthu/shared/domain/index';
import type { AgencyView } from '@vanthu/shared/protocol/index';
import { say } from '../../i18n/language.js';
import { type FormState, rowsOf } from './form-values.js';

/**
 * Puts an agency chosen in the picker into Nơi nhận: the first row without a name or code, else a new
 * row. The code goes through the same mã định danh check as the registry (lenient: an irregular axis
 * code comes with its warning); one already listed is not added twice.
 */
export function addRecipient(
  state: FormState,
  agency: Pick<AgencyView, 'code' | 'name'>,
): { state: FormState; issues: FieldIssue[] } {
  const rows = rowsOf(state, 'To');
  const check = checkOrganId(agency.code, 'lenient', `To.${rows}.OrganId`);
  if (!check.ok) return { state, issues: check.issues };
  for (let i = 0; i < rows; i++)
    if ((state[`To.${i}.OrganId`] ?? '').trim() === agency.code) return { state, issues: [] };
  let row = rows;
  for (let i = 0; i < rows; i++) {
    if (!(state[`To.${i}.OrganId`] ?? '').trim() && !(state[`To.${i}.OrganName`] ?? '').trim()) {
      row = i;
      break;
    }
  }
  return {
    state: { ...state, [`To.${row}.OrganId`]: agency.code, [`To.${row}.OrganName`]: agency.name },
    issues: check.issues.map((i) => ({ ...i, path: `To.${row}.OrganId` })),
  };
}

/** How old the cached agency list is, as the picker shows it ("cập nhật 3 giờ trước"). */
export function listAge(fetchedAt: number | null, now: number): string {
  if (fetchedAt === null) return say('chưa tải danh sách từ trục', 'list not yet fetched from the axis');
  const minutes = Math.max(0, Math.floor((now - fetchedAt) / 60_000));
  if (minutes < 1) return say('cập nhật vừa xong', 'updated just now');
  if (minutes < 60) return say(`cập nhật ${minutes} phút trước`, `updated ${minutes} min ago`);
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return say(`cập nhật ${hours} giờ trước`, `updated ${hours} h ago`);
  const days = Math.floor(hours / 24);
  return say(`cập nhật ${days} ngày trước`, `updated ${days} days ago`);
}
