import { readFileSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { PinSource } from './uri.js';

export interface PinOptions {
  /** A PIN the caller already has (the daemon passes the one typed in the extension): wins over all. */
  pin?: string;
  env?: NodeJS.ProcessEnv;
  /** Asks the user (the CLI prompts on a TTY); absent: no interactive PIN. */
  promptPin?: () => Promise<string>;
}

/**
 * The PIN for one login: explicit `pin`, else the URI's pin-source, else the prompt, else
 * PIN_REQUIRED. The PIN is returned to the caller only; it never enters an error or a log line.
 */
export async function resolvePin(source: PinSource | undefined, opts: PinOptions): Promise<string> {
  if (opts.pin !== undefined) return opts.pin;
  if (source?.kind === 'env') {
    const value = (opts.env ?? process.env)[source.name];
    if (value === undefined || value === '') {
      throw new VanthuError('PIN_REQUIRED', `pin-source env:${source.name} is not set`);
    }
    return value;
  }
  if (source?.kind === 'file') {
    let text: string;
    try {
      text = readFileSync(source.path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR';
      throw new VanthuError(code, `pin-source ${source.path}`);
    }
    // One line: a trailing newline from `echo PIN > file` is not part of the PIN.
    const pin = text.replace(/\r?\n$/, '');
    if (pin === '') throw new VanthuError('PIN_REQUIRED', `pin-source ${source.path} is empty`);
    return pin;
  }
  if (opts.promptPin) {
    const pin = await opts.promptPin();
    if (pin === '') throw new VanthuError('PIN_REQUIRED', 'no PIN entered');
    return pin;
  }
  throw new VanthuError('PIN_REQUIRED', 'no pin-source in the key URI and no terminal to ask on');
}
