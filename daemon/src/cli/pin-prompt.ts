import { VanthuError } from '@vanthu/shared/errors/index';
import type { CommandContext } from './command.js';

/**
 * A PIN prompt on the controlling terminal (stdin must be a TTY): echo off, one line, Ctrl-C cancels.
 * Undefined when there is no terminal, so the token layer fails with PIN_REQUIRED instead of hanging.
 * With `ctx.pinCache` (a batch), the PIN is asked on the first call and reused after.
 */
export function ttyPinPrompt(
  ctx: Pick<CommandContext, 't' | 'pinCache'>,
): (() => Promise<string>) | undefined {
  const input = process.stdin;
  if (!input.isTTY) return undefined;
  const cache = ctx.pinCache;
  if (!cache) return () => askPin(ctx, input);
  // A batch asks once; a cancelled prompt is not kept, so it can be asked again.
  return () => {
    cache.pin ??= askPin(ctx, input).catch((e: unknown) => {
      cache.pin = undefined;
      throw e;
    });
    return cache.pin;
  };
}

function askPin(ctx: Pick<CommandContext, 't'>, input: NodeJS.ReadStream): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    process.stderr.write(ctx.t('Nhập mã PIN của token: ', 'Token PIN: '));
    let pin = '';
    input.setRawMode(true);
    input.resume();
    const done = (): void => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
    };
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          done();
          resolve(pin);
          return;
        }
        if (ch === '\u0003') {
          done();
          reject(new VanthuError('USER_CANCELLED', 'PIN entry'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') pin = pin.slice(0, -1);
        else pin += ch;
      }
    };
    input.on('data', onData);
  });
}
