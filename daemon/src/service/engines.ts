import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TokenInfo, VerifyResult } from '@vanthu/shared/protocol/index';
import type { KeyProvider, TokenEvent, Verifier } from '../handlers/services.js';
import {
  type TokenEvent as WatchedToken,
  type TokenListing,
  formatPkcs11Uri,
  listTokens,
  watchTokens,
} from '../token/index.js';
import { loadTrustConfig } from '../trust/config.js';
import { withChainWarnings } from '../trust/listing-chain.js';
import { openSigningKey } from '../trust/signing-key.js';
import { signingChainOptions } from '../trust/signing-trust.js';
import { checkRemoteKeyUri } from './remote-key.js';
import { verifyPdf } from '../verify/index.js';

/** Flattens the token layer's listing (modules → slots → token) into protocol TokenInfo. */
export function toTokenInfos(listing: TokenListing): TokenInfo[] {
  return listing.modules.flatMap((m) =>
    m.slots.flatMap(({ token: t }) =>
      t
        ? [
            {
              uri: t.uri,
              label: t.label,
              manufacturer: t.manufacturer,
              model: t.model,
              serial: t.serial,
              module: m.path,
              certificates: t.certificates.map((c) => ({
                keyUri: c.keyUri,
                subject: c.subject,
                ...(c.commonName !== undefined ? { commonName: c.commonName } : {}),
                ...(c.organization !== undefined ? { organization: c.organization } : {}),
                serialNumber: c.serialNumber,
                issuer: c.issuer,
                notBefore: c.notBefore,
                notAfter: c.notAfter,
                keyUsage: c.keyUsage,
                der: c.der,
              })),
            },
          ]
        : [],
    ),
  );
}

/** The KeyProvider backed by daemon/src/token (PKCS#11 and PKCS#12), with its insert/remove watcher. */
export function tokenKeyProvider(configPath?: string): KeyProvider {
  const opts = configPath ? { configPath } : {};
  return {
    async listTokens() {
      // The signing window shows each certificate's chain warning before the PIN is typed.
      return withChainWarnings(toTokenInfos(await listTokens(opts)), signingChainOptions(configPath));
    },
    async openSigner(keyUri, pin) {
      checkRemoteKeyUri(keyUri, opts);
      return openSigningKey(keyUri, {
        ...opts,
        ...(pin !== undefined ? { pin } : {}),
        chain: signingChainOptions(configPath),
      });
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
          ...(config.fetch ? { fetch: config.fetch } : {}),
        });
        return report as unknown as VerifyResult;
      } finally {
        if (dir) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
