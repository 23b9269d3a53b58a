import type { ParseArgsConfig } from 'node:util';
import type { Lang } from '@vanthu/shared/errors/index';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** What every command receives: parsed flags plus the global ones. */
export interface CommandContext {
  positionals: string[];
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  json: boolean;
  lang: Lang;
  debug: boolean;
  configPath: string | undefined;
  /** Human text on stdout (suppressed under --json). */
  say(text: string): void;
  /** Machine output on stdout (only under --json). */
  emit(value: unknown): void;
  /** Progress and log lines: always stderr. */
  log(text: string): void;
  /** Pick the message for the current language. */
  t(vi: string, en: string): string;
  /** Set by batch commands: the PIN typed on the terminal is kept here and asked only once. */
  pinCache?: { pin?: Promise<string> };
}

/**
 * One `vanthu` sub-command. `run` returns the exit code: 0 success, 1 a negative answer
 * (e.g. a signature failed validation); usage, I/O and input errors are thrown as VanthuError (→ 2).
 */
export interface Command {
  name: string;
  summary: { vi: string; en: string };
  usage: string;
  options: OptionSpec;
  /** Allow sub-commands / free positionals (default true). */
  allowPositionals?: boolean;
  run(ctx: CommandContext): Promise<number>;
}
