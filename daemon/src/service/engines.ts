import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenInfo, VerifyResult } from '@vanthu/shared/protocol/index';
import type { KeyProvider, TokenEvent, Verifier } from '../handlers/services.js';
import {
  type TokenEvent as WatchedToken,
  formatPkcs11Uri,
  listTokens,
  openSigner,
  watchTokens,
} from '../token/index.js';
import { loadTrustConfig } from '../trust/config.js';
import { checkRemoteKeyUri } from './remote-key.js';
import { verifyPdf } from '../verify/index.js';

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

/** The KeyProvider backed by daemon/src/token (PKCS#11 and PKCS#12), with its insert/remove watcher. */
export function tokenKeyProvider(configPath?: string): KeyProvider {
  const opts = configPath ? { configPath } : {};
  return {
    async listTokens() {
      return toTokenInfos(await listTokens(opts));
    },
    async openSigner(keyUri, pin) {
      checkRemoteKeyUri(keyUri, opts);
      return openSigner(keyUri, { ...opts, ...(pin !== undefined ? { pin } : {}) });
    },
    watch(listener: (e: TokenEvent) => void) {
      const watcher = watchTokens(opts);
      const uriOf = (t: WatchedToken) => formatPkcs11Uri({ token: t.label, serial: t.serial });
      watcher.on('insert', (t: WatchedToken) =>
        listener({
          kind: 'inserted',
          token: {
            uri: uriOf(t),
            label: t.label,
            manufacturer: t.manufacturer,
            model: t.model,
            serial: t.serial,
            module: t.module,
            certificates: [],
          },
        }),
      );
      watcher.on('remove', (t: WatchedToken) => listener({ kind: 'removed', uri: uriOf(t) }));
      watcher.on('warning', () => {});
      void watcher.start().catch(() => {});
      return () => watcher.stop();
    },
  };
}

/** The Verifier backed by daemon/src/verify; extra trust PEMs go through a private temp directory. */
export function engineVerifier(configPath?: string): Verifier {
  return {
    async verify(document, options) {
      // The trust section of the config (anchors, intermediates, CRLs, online, policy), as `vanthu verify` uses it.
      const config = loadTrustConfig(configPath);
      const dir = options.trust?.length ? mkdtempSync(join(tmpdir(), 'vanthu-trust-')) : undefined;
      try {
        const trustPaths = (options.trust ?? []).map((pem, i) => {
          const path = join(dir!, `trust-${i}.pem`);
          writeFileSync(path, pem, { mode: 0o600 });
          return path;
        });
        const report = await verifyPdf(document, {
          trustPaths: [...(config.anchors ?? []), ...trustPaths],
          intermediatePaths: config.intermediates ?? [],
          crlPaths: config.crls ?? [],
          policy: options.policy ?? config.policy ?? 'standard',
          online: config.online ?? true,
          allowAnnotations: config.allowAnnotations === true,
          cacheDir: config.cacheDir,
          ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
          ...(config.maxResponseBytes ? { maxResponseBytes: config.maxResponseBytes } : {}),
        });
        return report as unknown as VerifyResult;
      } finally {
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
