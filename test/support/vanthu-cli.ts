import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The CLI entry point tests run as a user would. */
export const VANTHU_BIN = fileURLToPath(new URL('../../daemon/bin/vanthu.mjs', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `vanthu ARGS` with `VANTHU_HOME` set to `home`; a non-zero exit is a result, not an error. */
export function runVanthu(
  home: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [VANTHU_BIN, ...args],
      { env: { ...process.env, VANTHU_HOME: home, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
