import { VanthuError } from '@vanthu/shared/errors/index';
import { describe, expect, it } from 'vitest';
import { unsignableReason } from '../../../extension/src/ui/signing/precheck.js';

describe('signing window pre-check', () => {
  it('stops signing for a file the daemon finds encrypted or broken', () => {
    expect(unsignableReason(new VanthuError('PDF_ENCRYPTED', 'trailer /Encrypt'))?.code).toBe(
      'PDF_ENCRYPTED',
    );
    expect(unsignableReason(new VanthuError('PDF_MALFORMED', 'no xref'))?.code).toBe('PDF_MALFORMED');
  });
  it('lets failures that say nothing about the file pass (signing may still work)', () => {
    expect(unsignableReason(new VanthuError('DAEMON_UNREACHABLE', 'closed'))).toBeUndefined();
    expect(unsignableReason(new VanthuError('TIMEOUT', 'slow'))).toBeUndefined();
    expect(unsignableReason(new Error('socket closed'))).toBeUndefined();
  });
});
