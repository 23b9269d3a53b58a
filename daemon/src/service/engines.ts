import { VanthuError } from '@vanthu/shared/errors/index';
import type { TokenInfo, VerifyResult } from '@vanthu/shared/protocol/index';
import type { KeyProvider, TokenEvent, Verifier } from '../handlers/services.js';
import type { Signer } from '../token/signer.js';

/* The token layer and the verification engine are loaded by path at run time so that the daemon
   starts (and reports NOT_SUPPORTED for what is missing) while either is still being built. */

interface TokenModule {
  openSigner(uri: string, opts: { pin?: string; configPath?: string }): Promise<Signer>;
  listTokens(opts?: { configPath?: string }): Promise<unknown>;
}

interface VerifyModule {
  verifyPdf(input: Uint8Array, options: Record<string, unknown>): Promise<VerifyResult>;
}

async function load<T>(path: string, member: string): Promise<T | undefined> {
  const mod = (await import(path).catch(() => undefined)) as Record<string, unknown> | undefined;
  return mod && typeof mod[member] === 'function' ? (mod as T) : undefined;
}

/** Flattens the token layer's listing (modules → slots → token) into protocol TokenInfo. */
export function toTokenInfos(listing: unknown): TokenInfo[] {
  const modules = (listing as { modules?: unknown[] })?.modules ?? (Array.isArray(listing) ? listing : []);
  const out: TokenInfo[] = [];
  for (const m of modules as { path?: string; slots?: { token?: Record<string, unknown> }[] }[]) {
    for (const slot of m.slots ?? []) {
      const t = slot.token;
      if (!t) continue;
      const certs = (t['certificates'] as Record<string, unknown>[] | undefined) ?? [];
      out.push({
        uri: String(t['uri']),
        label: String(t['label']),
        ...(typeof t['manufacturer'] === 'string' ? { manufacturer: t['manufacturer'] } : {}),
        ...(typeof t['model'] === 'string' ? { model: t['model'] } : {}),
        ...(typeof t['serial'] === 'string' ? { serial: t['serial'] } : {}),
        ...(m.path ? { module: m.path } : {}),
        certificates: certs.map((c) => ({
          keyUri: String(c['keyUri']),
          subject: String(c['subject']),
          ...(typeof c['commonName'] === 'string' ? { commonName: c['commonName'] } : {}),
          ...(typeof c['organization'] === 'string' ? { organization: c['organization'] } : {}),
          serialNumber: String(c['serialNumber']),
          issuer: String(c['issuer']),
          notBefore: String(c['notBefore']),
          notAfter: String(c['notAfter']),
          keyUsage: Array.isArray(c['keyUsage']) ? (c['keyUsage'] as string[]) : [],
        })),
      });
    }
  }
  return out;
}

/** The KeyProvider backed by daemon/src/token (PKCS#11 and PKCS#12). */
export async function tokenKeyProvider(configPath?: string): Promise<KeyProvider> {
  const token = await load<TokenModule>('../token/index.js', 'openSigner');
  const missing = () => new VanthuError('NOT_SUPPORTED', 'the token layer (daemon/src/token) is not built');
  const opts = configPath ? { configPath } : {};
  return {
    async listTokens() {
      if (!token) throw missing();
      return toTokenInfos(await token.listTokens(opts));
    },
    async openSigner(keyUri, pin) {
      if (!token) throw missing();
      return token.openSigner(keyUri, { ...opts, ...(pin !== undefined ? { pin } : {}) });
    },
    watch: (_listener: (e: TokenEvent) => void) => () => {},
  };
}

/** The Verifier backed by daemon/src/verify. */
export async function engineVerifier(): Promise<Verifier> {
  const engine = await load<VerifyModule>('../verify/index.js', 'verifyPdf');
  return {
    async verify(document, options) {
      if (!engine)
        throw new VanthuError('NOT_SUPPORTED', 'the verification engine (daemon/src/verify) is not built');
      return engine.verifyPdf(document, options);
    },
  };
}
