import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';

export interface PortHolder {
  pid: number;
  command: string;
}

/** Inodes of the sockets listening on `port` (any address), from /proc/net/tcp and tcp6. */
function listeningInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/);
      // local_address is HEXIP:HEXPORT; state 0A is LISTEN; the inode is the tenth field.
      if (f[1]?.endsWith(`:${hexPort}`) && f[3] === '0A' && f[9] && f[9] !== '0') inodes.add(f[9]);
    }
  }
  return inodes;
}

/**
 * The process listening on a TCP port, on Linux, when this user may see it (its /proc/PID/fd are
 * readable: our own processes, or all as root). Best effort: undefined when it cannot be known.
 */
export function findPortHolder(port: number): PortHolder | undefined {
  if (process.platform !== 'linux') return undefined;
  const inodes = listeningInodes(port);
  if (inodes.size === 0) return undefined;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1]!)) {
        let command = '';
        try {
          command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
        } catch {
          // Gone meanwhile: the pid is still worth naming.
        }
        return { pid: Number(pid), command };
      }
    }
  }
  return undefined;
}

/** PORT_IN_USE for 127.0.0.1:port, naming the process that holds it when that can be known. */
export function portInUse(port: number, cause?: unknown): VanthuError {
  const holder = findPortHolder(port);
  const who = holder
    ? ` (pid ${holder.pid}${holder.command ? `: ${holder.command.slice(0, 160)}` : ''})`
    : '';
  return new VanthuError(
    'PORT_IN_USE',
    `127.0.0.1:${port}${who}`,
    { port, ...(holder ? { holder } : {}) },
    { cause },
  );
}

/** Maps a listen() failure: EADDRINUSE becomes PORT_IN_USE, anything else passes unchanged. */
export function listenError(error: unknown, port: number): unknown {
  return (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? portInUse(port, error) : error;
}
