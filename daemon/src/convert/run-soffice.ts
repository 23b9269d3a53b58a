import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';

export interface SofficeRun {
  program: string;
  args: readonly string[];
  timeoutMs: number;
  /** The PDF being written: LibreOffice is stopped once it grows past `maxOutputBytes`. */
  outputFile: string;
  maxOutputBytes: number;
  signal?: AbortSignal;
}

const OUTPUT_POLL_MS = 250;
const MAX_LOG_CHARS = 2000;

/** Kills LibreOffice and what it started (oosplash → soffice.bin), not just the launcher. */
function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    if (process.platform === 'win32')
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore' });
    else process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/**
 * Runs one LibreOffice conversion in its own process group, under a time cap and an output cap; kills
 * the whole group when either is passed or the request is cancelled. Resolves when LibreOffice exits
 * with status 0; its own messages (capped) go into the error otherwise.
 */
export function runSoffice(run: SofficeRun): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(run.program, [...run.args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // A group of its own, so a kill reaches soffice.bin too; on Windows taskkill /T does that.
      detached: process.platform !== 'win32',
      windowsHide: true,
    });
    let log = '';
    const keep = (chunk: Buffer) => {
      if (log.length < MAX_LOG_CHARS) log = (log + chunk.toString('utf8')).slice(0, MAX_LOG_CHARS);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    let stopped: VanthuError | undefined;
    const stop = (error: VanthuError) => {
      stopped ??= error;
      killTree(child.pid);
    };
    const timer = setTimeout(
      () => stop(new VanthuError('TIMEOUT', `LibreOffice took more than ${run.timeoutMs / 1000} s`)),
      run.timeoutMs,
    );
    const watch = setInterval(() => {
      const size = sizeOf(run.outputFile);
      if (size > run.maxOutputBytes)
        stop(new VanthuError('CONVERT_FAILED', `PDF larger than ${run.maxOutputBytes} bytes`));
    }, OUTPUT_POLL_MS);
    const onAbort = () => stop(new VanthuError('USER_CANCELLED', 'conversion cancelled'));
    run.signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (error: VanthuError | undefined) => {
      clearTimeout(timer);
      clearInterval(watch);
      run.signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve();
    };
    child.on('error', (e) => {
      const missing = (e as NodeJS.ErrnoException).code === 'ENOENT';
      finish(
        new VanthuError(missing ? 'CONVERTER_MISSING' : 'CONVERT_FAILED', `${run.program}: ${e.message}`),
      );
    });
    child.on('close', (code, signal) => {
      // A launcher that exits leaves nothing behind in its group only if it waited for soffice.bin.
      killTree(child.pid);
      if (stopped) return finish(stopped);
      if (code === 0) return finish(undefined);
      finish(
        new VanthuError('CONVERT_FAILED', `LibreOffice exited with ${signal ?? code}: ${log.trim()}`.trim()),
      );
    });
  });
}
