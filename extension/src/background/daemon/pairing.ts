import { VanthuError } from '@vanthu/shared/errors/index';
import { nativeResponseSchema } from '@vanthu/shared/protocol/index';
import { NATIVE_HOST_NAME } from '@vanthu/shared/native-host';
import browser from 'webextension-polyfill';
/** Default daemon port (interfaces.md §2). */
export const DEFAULT_PORT = 47891;

/** What the extension needs to connect: where the daemon listens and the shared secret. */
export interface Pairing {
  readonly url: string;
  /** Pairing secret, 32 bytes base64url. */
  readonly secret: string;
  /** native: handed over by the native-messaging host; manual: obtained with a code from `vanthu pair`. */
  readonly source: 'native' | 'manual';
}

const SESSION_KEY = 'pairing';
const MANUAL_KEY = 'manualPairing';

function isPairing(value: unknown): value is Pairing {
  const v = value as Partial<Pairing> | undefined;
  return (
    typeof v?.url === 'string' &&
    typeof v.secret === 'string' &&
    (v.source === 'native' || v.source === 'manual')
  );
}

/** Asks the native-messaging host for the port and secret; undefined when no host is registered. */
export async function pairingFromNativeHost(): Promise<Pairing | undefined> {
  let answer: unknown;
  try {
    answer = await browser.runtime.sendNativeMessage(NATIVE_HOST_NAME, { type: 'pairing.get' });
  } catch {
    return undefined;
  }
  const parsed = nativeResponseSchema.safeParse(answer);
  if (!parsed.success) throw new VanthuError('PROTOCOL_ERROR', 'unexpected answer from the native host');
  if (!parsed.data.ok) throw new VanthuError('PAIRING_FAILED', parsed.data.error.message);
  return { url: parsed.data.url, secret: parsed.data.secret, source: 'native' };
}

/**
 * The pairing to use, cheapest first: this browser session's copy (storage.session, gone when the
 * browser closes), the native host (asked again each session, so the secret lives in the OS keychain and
 * not in the profile), then a manual pairing kept in storage.local (there is no other place to get it
 * back from once the code is used).
 */
export async function loadPairing(): Promise<Pairing | undefined> {
  const session = (await browser.storage.session.get(SESSION_KEY))[SESSION_KEY];
  if (isPairing(session)) return session;
  const native = await pairingFromNativeHost().catch(() => undefined);
  if (native) {
    await browser.storage.session.set({ [SESSION_KEY]: native });
    return native;
  }
  const manual = (await browser.storage.local.get(MANUAL_KEY))[MANUAL_KEY];
  return isPairing(manual) ? manual : undefined;
}

/** Stores a secret obtained with a manual pairing code. */
export async function saveManualPairing(url: string, secret: string): Promise<Pairing> {
  const pairing: Pairing = { url, secret, source: 'manual' };
  await browser.storage.local.set({ [MANUAL_KEY]: pairing });
  await browser.storage.session.remove(SESSION_KEY);
  return pairing;
}

/** Drops a pairing the daemon refused (rotated secret), so the next attempt asks again. */
export async function forgetPairing(pairing: Pairing): Promise<void> {
  await browser.storage.session.remove(SESSION_KEY);
  if (pairing.source === 'manual') await browser.storage.local.remove(MANUAL_KEY);
}

export function daemonUrl(port: number): string {
  return `ws://127.0.0.1:${port}/`;
}
