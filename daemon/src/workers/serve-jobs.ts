import { toVanthuError } from '@vanthu/shared/errors/index';
import type { JobMessage, JobReply } from './protocol.js';

/**
 * The loop of a pool process: one job at a time (the pool sends the next after the reply), errors
 * sent back typed. "ready", which starts the time limit of the first job, is sent once `prepare`
 * (loading the heavy modules) is done, so the limit measures the job, not the start-up.
 */
export function serveJobs<J, R>(handle: (job: J) => Promise<R>, prepare?: () => Promise<unknown>): void {
  if (!process.send) throw new Error('a pool worker must be started by its ProcessPool');
  const send = (reply: JobReply<R>): void => {
    process.send?.(reply);
  };
  process.on('message', (message: JobMessage<J>) => {
    handle(message.job).then(
      (result) => send({ id: message.id, ok: true, result }),
      (error: unknown) => send({ id: message.id, ok: false, error: toVanthuError(error).toJSON('en') }),
    );
  });
  // The caller went away: nothing left to answer.
  process.on('disconnect', () => process.exit(0));
  const ready = (): void => {
    process.send?.({ ready: true });
  };
  // A module that fails to load fails the job that needs it, with its own error.
  if (prepare) void prepare().then(ready, ready);
  else ready();
}
