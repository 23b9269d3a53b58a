import type { VerifyResult } from '@vanthu/shared/protocol/index';
import { describe, expect, it } from 'vitest';
import { flowsForRole, portalUserRole } from '../../../extension/src/profile/user-role.js';
import { fitForSigning } from '../../../extension/src/ui/shared/signing-certificates.js';
import { nameMismatch, sealPlacement } from '../../../extension/src/ui/signing/seal-preview.js';

describe('certificates offered for signing', () => {
  it('offers a person or organisation signing certificate, never a CA', () => {
    expect(fitForSigning({ keyUsage: ['digitalSignature', 'nonRepudiation'] })).toBe(true);
    expect(fitForSigning({ keyUsage: ['digitalSignature'] })).toBe(true);
    expect(fitForSigning({ keyUsage: ['keyCertSign', 'cRLSign'] })).toBe(false);
    expect(fitForSigning({ keyUsage: ['digitalSignature', 'keyCertSign', 'cRLSign'] })).toBe(false);
    expect(fitForSigning({ keyUsage: ['keyEncipherment'] })).toBe(false);
  });
});

describe('role-aware flows', () => {
  const all = ['sign', 'numberSeal', 'verify', 'register'] as const;
  it('lãnh đạo signs and checks, văn thư does everything, chuyên viên checks', () => {
    expect(flowsForRole(all, 'lanhdao')).toEqual(['sign', 'verify']);
    expect(flowsForRole(all, 'vanthu')).toEqual([...all]);
    expect(flowsForRole(all, 'chuyenvien')).toEqual(['verify']);
    expect(flowsForRole(all, undefined)).toEqual([...all]);
    // A role never gains a flow the profile turned off.
    expect(flowsForRole(['verify'], 'vanthu')).toEqual(['verify']);
  });

  it('reads the role the portal shows through the profile mapping', () => {
    const page = (text: string | undefined) =>
      ({ querySelector: () => (text === undefined ? null : { textContent: text }) }) as unknown as Document;
    const rule = { selector: '#vai-tro', map: { 'Lãnh đạo': 'lanhdao', 'Văn thư': 'vanthu' } } as const;
    expect(portalUserRole(page('  LÃNH   ĐẠO '), rule)).toBe('lanhdao');
    expect(portalUserRole(page('Văn thư'), rule)).toBe('vanthu');
    expect(portalUserRole(page('Quản trị'), rule)).toBeUndefined();
    expect(portalUserRole(page(undefined), rule)).toBeUndefined();
    expect(portalUserRole(page('Văn thư'), undefined)).toBeUndefined();
  });
});

describe('signing window checks before the PIN', () => {
  it('warns when the certificate holder is not the name in the signature block', () => {
    expect(nameMismatch('Trần Văn Minh', 'Trần Văn Hùng')).toContain('"Trần Văn Hùng"');
    expect(nameMismatch('Trần Văn Minh', 'TRẦN  VĂN MINH')).toBeUndefined();
    expect(nameMismatch('Trần Văn Minh', null)).toBeUndefined();
  });

  it('places the seal box over the approver signature, on its page', () => {
    const report = {
      signatures: [{ role: 'approver', page: 2, rect: [300, 100, 150, 60] }],
    } as unknown as VerifyResult;
    const seal = sealPlacement(report, (n) => (n === 2 ? 842 : undefined));
    expect(seal?.page).toBe(2);
    // Left third of the approver's image, 36 mm wide, centred on it vertically (top-left origin).
    expect(seal?.x).toBeCloseTo(350 - (36 * 72) / 25.4, 3);
    expect(seal?.width).toBeCloseTo((36 * 72) / 25.4, 3);
    expect(sealPlacement({ signatures: [] } as unknown as VerifyResult, () => 842)).toBeUndefined();
  });
});
