import { loadConfig } from '../../config/loader.js';
import type { Verifier } from '../../handlers/services.js';
import { DEFAULT_VERIFY_LIMITS, type VerifyLimits, VerifyPool } from './pool.js';

export interface IsolatedVerifier extends Verifier {
  /** Stops the verification processes. */
  close(): Promise<void>;
  /** Processes started so far (reuse shows as a small number). */
  readonly processesStarted: number;
}

/**
 * The daemon's verifier for documents from pages and the axis: daemon/src/verify run in the
 * VerifyPool's processes with the `verify` config limits (read once, at the first document; `limits`
 * overrides them). The trust section still applies: each process reads it per document, as the
 * in-process verifier does.
 */
export function isolatedVerifier(
  configPath?: string,
  limits: Partial<VerifyLimits> = {},
  env: NodeJS.ProcessEnv = process.env,
): IsolatedVerifier {
  let resolved: VerifyLimits | undefined;
  const current = (): VerifyLimits => {
    resolved ??= {
      ...DEFAULT_VERIFY_LIMITS,
      ...loadConfig({ ...(configPath !== undefined ? { configPath } : {}), env }).config.verify,
      ...limits,
    };
    return resolved;
  };
  const pool = new VerifyPool(current, configPath);
  return {
    verify: (document, options) => pool.verify(document, options),
    warm: () => {
      try {
        pool.warm();
      } catch {
        // A config that cannot be read is reported by the first document, with its typed error.
      }
    },
    close: () => pool.close(),
    get processesStarted() {
      return pool.processesStarted;
    },
  };
}
