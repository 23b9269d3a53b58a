import { toVanthuError } from '@vanthu/shared/errors/index';
import { engineVerifier } from '../../service/engines.js';
import type { VerifyJob, VerifyJobReply } from './protocol.js';

/**
 * Verification process: one job at a time (the pool sends the next after the reply). It runs with
 * the pool's heap cap, so a document that needs too much memory ends this process, not the daemon.
 */
if (!process.send) throw new Error('verify-worker must be started by the verification pool');
const send = (reply: VerifyJobReply): void => {
  // Stryker disable next-line OptionalChaining: process.send, checked above, stays defined for the process's life (a closed channel makes it fail, not vanish)
  process.send?.(reply);
};
process.on('message', (job: VerifyJob) => {
  engineVerifier(job.configPath)
    .verify(job.document, job.options)
    .then(
      (result) => send({ id: job.id, ok: true, result }),
      (error: unknown) => send({ id: job.id, ok: false, error: toVanthuError(error).toJSON('en') }),
    );
});
// The daemon went away: nothing left to answer.
process.on('disconnect', () => process.exit(0));
// Modules are loaded: the pool's time limit for a document starts now.
process.send({ ready: true });
