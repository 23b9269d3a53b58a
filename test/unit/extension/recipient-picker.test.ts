import { type FunctionComponent, createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { addRecipient, listAge } from '../../../extension/src/ui/registry/recipients.js';

// The test project is not a JSX project: the .tsx component is loaded at run time (vitest compiles it).
const { AgencyList } = (await import(
  new URL('../../../extension/src/ui/registry/RecipientPicker.tsx', import.meta.url).href
)) as Record<'AgencyList', FunctionComponent<Record<string, unknown>>>;

const NOW = Date.parse('2026-03-10T09:00:00+07:00');

describe('recipient picker', () => {
  it('fills the first empty Nơi nhận row, then appends, and never lists an agency twice', () => {
    let state: Record<string, string> = { 'To.0.OrganName': ' ' };
    state = { ...addRecipient(state, { code: '000.00.00.H23', name: 'UBND thành phố Cần Thơ' }).state };
    expect(state).toMatchObject({
      'To.0.OrganId': '000.00.00.H23',
      'To.0.OrganName': 'UBND thành phố Cần Thơ',
    });
    const second = addRecipient(state, { code: '000.00.00.G09', name: 'Bộ Nội vụ' });
    expect(second.issues).toEqual([]);
    expect(second.state).toMatchObject({ 'To.1.OrganId': '000.00.00.G09', 'To.1.OrganName': 'Bộ Nội vụ' });
    expect(addRecipient(second.state, { code: '000.00.00.G09', name: 'Bộ Nội vụ' }).state).toBe(second.state);
  });

  it('checks the code with the mã định danh validator: irregular codes warned, unusable ones refused', () => {
    const irregular = addRecipient({}, { code: 'vxp.saas.03', name: 'Trung tâm Đà Nẵng' });
    expect(irregular.state['To.0.OrganId']).toBe('vxp.saas.03');
    expect(irregular.issues[0]).toMatchObject({ path: 'To.0.OrganId', code: 'identifier' });
    expect(irregular.issues[0]?.vi).toContain('không đúng dạng 000.00.00.A00');
    const refused = addRecipient({}, { code: 'mã sai', name: 'X' });
    expect(refused.state).toEqual({});
    expect(refused.issues.map((i) => i.code)).toEqual(['identifier']);
  });

  it('says how old the cached list is', () => {
    expect(listAge(null, NOW)).toBe('chưa tải danh sách từ trục');
    expect(listAge(NOW - 20_000, NOW)).toBe('cập nhật vừa xong');
    expect(listAge(NOW - 5 * 60_000, NOW)).toBe('cập nhật 5 phút trước');
    expect(listAge(NOW - 3 * 3_600_000, NOW)).toBe('cập nhật 3 giờ trước');
    expect(listAge(NOW - 3 * 86_400_000, NOW)).toBe('cập nhật 3 ngày trước');
  });

  it('renders the matches with their codes, the list age, the skipped count and a hint to narrow', () => {
    const html = renderToStaticMarkup(
      createElement(AgencyList, {
        result: {
          agencies: [
            { code: '000.00.00.H23', name: 'Ủy ban nhân dân thành phố Cần Thơ', regular: true },
            { code: 'vxp.saas.03', name: 'Trung tâm Điều hành Đà Nẵng', regular: false },
          ],
          total: 7,
          fetchedAt: NOW - 2 * 3_600_000,
          skipped: 1,
        },
        now: NOW,
        onPick: () => {},
      }),
    );
    expect(html).toContain(
      '7 cơ quan, tổ chức · cập nhật 2 giờ trước · 1 mục bỏ qua vì mã định danh không hợp lệ',
    );
    expect(html).toContain('Ủy ban nhân dân thành phố Cần Thơ <small');
    expect(html).toContain('>000.00.00.H23</small>');
    expect(html).toContain('title="vxp.saas.03: mã không theo dạng 000.00.00.A00"');
    expect(html).toContain('Gõ thêm để thu hẹp kết quả.');
  });
});
