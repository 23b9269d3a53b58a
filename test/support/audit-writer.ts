// Appends COUNT entries to the audit log in DIR (secrets in SECRETS) from its own process, starting
// at START (epoch ms) so that two writers started together really interleave.
import { openAuditKeyring } from '../../daemon/src/audit/keyring.js';
import { AuditLog } from '../../daemon/src/audit/log.js';
import { fileSecretOpener } from '../../daemon/src/pairing/named-secrets.js';

const [dir, secrets, count, start, tag] = process.argv.slice(2);
if (!dir || !secrets || !count || !start || !tag)
  throw new Error('usage: audit-writer DIR SECRETS COUNT START TAG');
const log = new AuditLog(dir, openAuditKeyring(dir, fileSecretOpener(secrets)), { maxFileBytes: 16 * 1024 });
while (Date.now() < Number(start)) {
  // Wait for the common start.
}
const pause = new Int32Array(new SharedArrayBuffer(4));
for (let i = 0; i < Number(count); i++) {
  log.append({ event: 'verify', origin: tag, documentSha256: 'c'.repeat(64), result: `TOTAL_PASSED ${i}` });
  // Real appends come one request at a time; a short pause lets the other writer take the lock.
  Atomics.wait(pause, 0, 0, 1 + Math.floor(Math.random() * 3));
}
