export type * from './types.js';
export { AxisError, isRetryable } from './errors.js';
export {
  type AxisConfig,
  type VdxpConfig,
  type LgspConfig,
  type BkavConfig,
  checkAxisConfig,
} from './config.js';
export { type SecretStore, MemorySecretStore } from './secret-store.js';
export { createAxisAdapter } from './factory.js';
export { VdxpAdapter } from './vdxp.js';
export { LgspAdapter } from './lgsp.js';
export { BkavAdapter } from './bkav.js';
export { signVdxpHeaders, verifyVdxpHeaders, vdxpHashFile, vdxpTimestamp } from './vdxp-sign.js';
