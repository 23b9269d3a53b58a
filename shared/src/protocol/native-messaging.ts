import { z } from 'zod';

/**
 * The extension ↔ native-messaging host channel (`vanthu native-host`, started by the browser for
 * the registered extension ID). Framing is the browser's: 4-byte little-endian length + UTF-8 JSON.
 */
export const nativeRequestSchema = z.discriminatedUnion('type', [
  /** Asks for what the extension needs to connect: the port and the pairing secret. */
  z.object({ type: z.literal('pairing.get') }),
  /** Asks the host to generate a fresh secret (old paired clients must pair again). */
  z.object({ type: z.literal('pairing.rotate') }),
]);
export type NativeRequest = z.infer<typeof nativeRequestSchema>;

export const nativeResponseSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    /** WebSocket URL to connect to, e.g. ws://127.0.0.1:47891/ */
    url: z.string(),
    port: z.number().int().min(1).max(65535),
    /** Pairing secret, 32 bytes base64url. */
    secret: z.string(),
    /** Protocol versions the daemon speaks. */
    versions: z.array(z.number().int()),
  }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type NativeResponse = z.infer<typeof nativeResponseSchema>;
