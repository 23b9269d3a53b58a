import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, type ExtensionSession } from './extension-session.js';

/**
 * Makes a portal document look as another agency sent it: signed by the demo approver with
 * `vanthu sign` (the demo token), written back in place. Returns the signed bytes.
 */
export function signAsIncoming(s: ExtensionSession, documentId: string): Buffer {
  const incoming = s.portal.pdfPath(documentId);
  const signed = join(s.home, `${documentId}-signed.pdf`);
  const key = `${s.demo.approver.keyUri}?pin-source=file:${s.demo.pinFile}`;
  execFileSync(
    process.execPath,
    [CLI, 'sign', incoming, '-o', signed, '--role', 'approver', '--image', s.demo.signaturePng, '--key', key],
    { env: s.env },
  );
  const good = readFileSync(signed);
  writeFileSync(incoming, good);
  return good;
}
