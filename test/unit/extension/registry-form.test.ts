import { CATALOGUES, validateFields } from '@vanthu/shared/domain/index';
import { describe, expect, it } from 'vitest';
import {
  portalValues,
  rowsOf,
  toFieldObject,
  toFormState,
} from '../../../extension/src/ui/registry/form-values.js';

describe('registration form values', () => {
  it('round-trips catalogue values through the form, numbers typed, system fields dropped', () => {
    const fields = {
      TypeName: 'Quyết định',
      CodeNumber: '87',
      CodeNotation: 'QĐ-UBND',
      IssuedDate: '2026-10-28',
      Subject: 'Về việc giao chỉ tiêu',
      OrganName: 'Ủy ban nhân dân thành phố Cần Thơ',
      SignerInfo: { Position: 'Chủ tịch', FullName: 'Nguyễn Thị Lan' },
      Priority: 2,
      ArrivalNumber: 5,
    };
    const state = toFormState(fields);
    expect(state).toMatchObject({
      'SignerInfo.FullName': 'Nguyễn Thị Lan',
      Priority: '2',
      ArrivalNumber: '5',
    });
    const back = toFieldObject(CATALOGUES.incoming, { ...state, Description: '  ', DueDate: '' });
    const { ArrivalNumber: _sys, ...editable } = fields;
    expect(back).toEqual(editable);
    expect(validateFields(CATALOGUES.incoming, back).issues).toEqual([]);
  });

  it('keeps repeated groups (Nơi nhận) row by row and skips empty rows', () => {
    const state = { 'To.0.OrganName': 'Sở Nội vụ', 'To.2.OrganName': 'Sở Tài chính', 'To.1.OrganName': ' ' };
    expect(rowsOf(state, 'To')).toBe(3);
    expect(toFieldObject(CATALOGUES.outgoing, state)['To']).toEqual([
      { OrganName: 'Sở Nội vụ' },
      { OrganName: 'Sở Tài chính' },
    ]);
    expect(rowsOf({}, 'To')).toBe(1);
  });

  it('writes the portal values as text with Vietnamese dates, the signer by tag path', () => {
    expect(
      portalValues({
        ArrivalNumber: 1,
        ArrivalDate: '2026-12-01',
        Subject: 'V/v',
        SignerInfo: { FullName: 'An' },
      }),
    ).toEqual({ ArrivalNumber: '1', ArrivalDate: '01/12/2026', Subject: 'V/v', 'SignerInfo.FullName': 'An' });
  });
});
