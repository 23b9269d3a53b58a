import { VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import {
  type NativeResponse,
  SUPPORTED_PROTOCOL_VERSIONS,
  nativeRequestSchema,
} from '@vanthu/shared/protocol/index';
import type { SecretStore } from '../pairing/secret-store.js';
import { ensurePairingSecret, newPairingSecret } from '../pairing/secret-store.js';
import { encodeNativeMessage, NativeMessageReader } from './framing.js';

export interface NativeHostOptions {
  port: number;
  store: SecretStore;
  allowedOrigins: readonly string[];
  /** The caller as the browser names it: Chrome passes the origin, Firefox the extension ID. */
  caller: string | undefined;
  lang: 'vi' | 'en';
}

/**
 * Whether the browser-given caller is an allowed extension. Browsers only start the host for the
 * extensions listed in its manifest; this is the same check once more, from our own config.
 */
export function callerAllowed(caller: string | undefined, allowedOrigins: readonly string[]): boolean {
  if (!caller) return false;
  const origin = caller.replace(/\/$/, '');
  return allowedOrigins.some((o) => o === origin || o.endsWith(`://${origin}`));
}

/** Answers one request of the extension. */
export function answerNative(raw: string, options: NativeHostOptions): NativeResponse {
  try {
    if (!callerAllowed(options.caller, options.allowedOrigins)) {
      throw new VanthuError(
        'ORIGIN_DENIED',
        `native host called by ${options.caller ?? 'an unknown caller'}`,
      );
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new VanthuError('PROTOCOL_ERROR', 'message is not JSON');
    }
    const request = nativeRequestSchema.safeParse(value);
    if (!request.success) throw new VanthuError('PROTOCOL_ERROR', 'unknown native request');
    if (request.data.type === 'pairing.rotate') options.store.set(newPairingSecret());
    const secret = ensurePairingSecret(options.store);
    return {
      ok: true,
      url: `ws://127.0.0.1:${options.port}/`,
      port: options.port,
      secret,
      versions: [...SUPPORTED_PROTOCOL_VERSIONS],
    };
  } catch (error) {
    const e = toVanthuError(error);
    return { ok: false, error: { code: e.code, message: e.localized(options.lang) } };
  }
}

/** Runs the host on stdin/stdout until the browser closes stdin. */
export function runNativeHost(
  options: NativeHostOptions,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const reader = new NativeMessageReader();
  return new Promise((resolve) => {
    input.on('data', (chunk: Buffer) => {
      let messages: string[];
      try {
        messages = reader.push(chunk);
      } catch {
        output.write(
          encodeNativeMessage({ ok: false, error: { code: 'MESSAGE_TOO_LARGE', message: 'too large' } }),
        );
        resolve();
        return;
      }
      for (const m of messages) output.write(encodeNativeMessage(answerNative(m, options)));
    });
    input.on('end', () => resolve());
  });
}
