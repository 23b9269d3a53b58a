import { createServer } from 'node:net';
import { findPortHolder, portInUse } from '../net/port-holder.js';

/** Whether 127.0.0.1:port can be bound now (0: any free port, the one the OS gave). */
function tryBind(port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' ? resolve(undefined) : reject(error),
    );
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as { port: number }).port;
      server.close(() => resolve(bound));
    });
  });
}

export interface ChosenPort {
  port: number;
  /** Set when the preferred port was busy and another was chosen. */
  busy?: { port: number; pid?: number };
}

/**
 * A port for one of the demo's servers: the one asked for (`--port N`), which must be free
 * (PORT_IN_USE otherwise); or the default when free, else any free port, saying which was busy.
 */
export async function choosePort(asked: number | undefined, preferred: number): Promise<ChosenPort> {
  if (asked !== undefined) {
    const bound = await tryBind(asked);
    if (bound === undefined) throw portInUse(asked);
    // 0 becomes the free port the OS gave: the daemon's config needs a real one.
    return { port: bound };
  }
  const bound = await tryBind(preferred);
  if (bound !== undefined) return { port: bound };
  const free = await tryBind(0);
  if (free === undefined) throw portInUse(0);
  const pid = findPortHolder(preferred)?.pid;
  return { port: free, busy: { port: preferred, ...(pid !== undefined ? { pid } : {}) } };
}
