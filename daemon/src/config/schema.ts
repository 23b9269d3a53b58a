import { EXTENSION_ORIGIN } from '@vanthu/shared/extension-id';
import { z } from 'zod';
import { signingConfigSchema } from './signing.js';

export const DEFAULT_PORT = 47891;

const originSchema = z
  .string()
  .regex(/^(chrome-extension:\/\/[a-p]{32}|moz-extension:\/\/[A-Za-z0-9{}@._-]+)$/, 'an extension origin');

/** The `server` section: the loopback WebSocket API. */
export const serverConfigSchema = z
  .object({
    /** TCP port on 127.0.0.1. */
    port: z.number().int().min(1024).max(65535).default(DEFAULT_PORT),
    /** Extension origins allowed to connect (chrome-extension://ID, moz-extension://UUID). */
    allowedOrigins: z.array(originSchema).min(1).default([EXTENSION_ORIGIN]),
    /** Largest document in one request, bytes. */
    maxDocumentBytes: z
      .number()
      .int()
      .min(1024 * 1024)
      .max(2 * 1024 * 1024 * 1024)
      .default(256 * 1024 * 1024),
    /** Largest JSON message, bytes. */
    maxJsonBytes: z
      .number()
      .int()
      .min(4096)
      .max(16 * 1024 * 1024)
      .default(1024 * 1024),
    /** Sustained requests per second per connection (bursts of twice this pass). */
    requestsPerSecond: z.number().min(1).max(10_000).default(50),
    /** Simultaneous connections; further ones are refused with HTTP 503. */
    maxConnections: z.number().int().min(1).max(1024).default(32),
    /** Interval of WebSocket pings; a peer that misses one is dropped. */
    heartbeatSeconds: z.number().min(1).max(300).default(20),
    /** Time a new connection has to complete hello + auth. */
    handshakeSeconds: z.number().min(1).max(120).default(10),
  })
  .strict();

/** PIN session policy. */
export const pinConfigSchema = z
  .object({
    /** Seconds a token login may be reused after a sign request with batch consent; 0 = never. */
    batchWindowSeconds: z.number().int().min(0).max(600).default(0),
  })
  .strict();

export const auditConfigSchema = z
  .object({
    /** Directory of audit-*.jsonl files; default <data dir>/audit. */
    dir: z.string().min(1).optional(),
    /** Rotate to a new file past this size, bytes. */
    maxFileBytes: z
      .number()
      .int()
      .min(4096)
      .default(10 * 1024 * 1024),
  })
  .strict();

export const pairingConfigSchema = z
  .object({
    /** Where the pairing secret lives: OS keychain, a 0600 file, or keychain with file fallback. */
    store: z.enum(['auto', 'keychain', 'file']).default('auto'),
    /** Minutes a manual pairing code stays valid. */
    codeMinutes: z.number().int().min(1).max(30).default(5),
  })
  .strict();

/** Limits of the processes that verify documents from pages and the axis (docs/verify.md). */
export const verifyConfigSchema = z
  .object({
    /** Documents verified at the same time; more wait in a queue. */
    workers: z.number().int().min(1).max(8).default(2),
    /** Heap of one verification process, MB; a document needing more fails with PDF_MALFORMED. */
    maxHeapMb: z.number().int().min(64).max(16384).default(512),
    /** Seconds one document may take before its process is killed (PDF_MALFORMED). */
    timeoutSeconds: z.number().int().min(1).max(3600).default(120),
  })
  .strict();

/** The `ui` section: the language of the CLI's and the daemon's messages (unset: the locale decides). */
export const uiConfigSchema = z
  .object({
    language: z.enum(['vi', 'en']).optional(),
  })
  .strict();

/** The whole config.json. Sections owned by other modules (pkcs11, exchange, …) are checked there. */
export const configSchema = z
  .object({
    $schema: z.string().optional(),
    server: serverConfigSchema.default(serverConfigSchema.parse({})),
    pin: pinConfigSchema.default(pinConfigSchema.parse({})),
    audit: auditConfigSchema.default(auditConfigSchema.parse({})),
    pairing: pairingConfigSchema.default(pairingConfigSchema.parse({})),
    verify: verifyConfigSchema.default(verifyConfigSchema.parse({})),
    /** Signing level the window proposes and the office TSA (docs/signing.md). */
    signing: signingConfigSchema.default(signingConfigSchema.parse({})),
    /** Language of messages: "vi" or "en" (docs/daemon.md). */
    ui: uiConfigSchema.optional(),
    /** PKCS#11 modules (see the token layer). */
    pkcs11: z.unknown().optional(),
    /** Document exchange (see docs/exchange.md). */
    exchange: z.unknown().optional(),
    /** Admin file only: dotted keys the user file may not change, e.g. ["server.port"]. */
    locked: z.array(z.string().regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/)).optional(),
  })
  .loose();

export type VanthuConfig = z.infer<typeof configSchema>;

/** The JSON Schema shipped as daemon/schema/config.schema.json (editor completion, admin tooling). */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://vanthu.local/schema/config.schema.json',
    title: 'vanthu config.json',
  };
}
