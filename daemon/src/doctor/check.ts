import type { TokenListing } from '../token/index.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

/** What one check found: a status and one line of text per language. */
export interface CheckResult {
  status: CheckStatus;
  vi: string;
  en: string;
}

/** Shared, lazily computed facts the checks look at (computed once per `vanthu doctor`). */
export interface DoctorContext {
  configPath?: string;
  env: NodeJS.ProcessEnv;
  /** Modules, tokens and certificates (listTokens), computed on first use. */
  tokens(): Promise<TokenListing>;
}

/** One workstation check; add new ones to DOCTOR_CHECKS (checks.ts). */
export interface DoctorCheck {
  id: string;
  title: { vi: string; en: string };
  run(ctx: DoctorContext): Promise<CheckResult>;
}
