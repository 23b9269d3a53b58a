import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import type { TrustConfig } from '../trust/config.js';
import type { VerifyReport } from '../verify/types.js';
import { DEFAULT_VERIFY_LIMITS, VerifyPool } from '../verify/worker/pool.js';
import type { CommandContext } from './command.js';
import { ProgressBar } from './progress.js';

/** The trust settings of one `vanthu verify` run, config and flags already merged. */
export interface BatchTrust extends TrustConfig {
  policy: 'strict' | 'standard';
}

type Outcome = { file: string; report: VerifyReport } | { file: string; error: VanthuError };

const counts = { TOTAL_PASSED: 0, TOTAL_FAILED: 0, INDETERMINATE: 0, ERROR: 0 };

function line(outcome: Outcome, ctx: CommandContext): string {
  if ('error' in outcome)
    return `${outcome.file}: ${outcome.error.code}: ${outcome.error.localized(ctx.lang)}`;
  const n = outcome.report.signatures.length;
  return `${outcome.file}: ${outcome.report.indication} (${n} ${ctx.t('chữ ký', n === 1 ? 'signature' : 'signatures')})`;
}

function jsonLine(outcome: Outcome, ctx: CommandContext): string {
  if ('error' in outcome)
    return JSON.stringify({ file: outcome.file, error: outcome.error.toJSON(ctx.lang) });
  return JSON.stringify({ ...outcome.report, file: outcome.file });
}

/**
 * The verification processes read their trust settings from a config file; the run's merged
 * settings (config plus --trust, --intermediates, --crl, --offline, …) are written to a private
 * temporary one, so every file is checked exactly as `vanthu verify FILE` would check it.
 */
function writeRunConfig(trust: BatchTrust): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'vanthu-verify-'));
  const path = join(dir, 'config.json');
  const abs = (paths: string[] | undefined) => (paths ?? []).map((p) => resolve(p));
  const section = {
    ...trust,
    anchors: abs(trust.anchors),
    intermediates: abs(trust.intermediates),
    crls: abs(trust.crls),
  };
  writeFileSync(path, JSON.stringify({ trust: section }), { mode: 0o600 });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * `vanthu verify FILE… | DIR [--recursive]`: every file checked in one process's pool of
 * verification processes (heap-capped, time-limited, kept between files), one line per file as
 * results arrive in input order (JSON lines with --json), then a summary. Exit 0 only when every
 * file is TOTAL_PASSED; an unreadable or malformed file counts as not passed.
 */
export async function verifyBatch(
  ctx: CommandContext,
  files: readonly string[],
  trust: BatchTrust,
  jobs = availableParallelism(),
): Promise<number> {
  const config = writeRunConfig(trust);
  const workers = Math.max(1, Math.min(jobs, files.length));
  const pool = new VerifyPool(() => ({ ...DEFAULT_VERIFY_LIMITS, workers }), config.path);
  const progress = new ProgressBar(files.length);
  const tally = { ...counts };
  const results = new Map<number, Outcome>();
  let printed = 0;
  const flush = () => {
    progress.clear();
    for (let next = results.get(printed); next; next = results.get(printed)) {
      results.delete(printed++);
      if (ctx.json) process.stdout.write(`${jsonLine(next, ctx)}\n`);
      else process.stdout.write(`${line(next, ctx)}\n`);
    }
    progress.draw();
  };
  const check = async (index: number): Promise<void> => {
    const file = files[index]!;
    let outcome: Outcome;
    try {
      let bytes: Uint8Array;
      try {
        bytes = readFileSync(file);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR';
        throw new VanthuError(code, file);
      }
      const report = (await pool.verify(bytes, { policy: trust.policy })) as unknown as VerifyReport;
      outcome = { file, report };
      tally[report.indication]++;
    } catch (e) {
      outcome = { file, error: toVanthuError(e) };
      tally.ERROR++;
    }
    results.set(index, outcome);
    progress.tick();
    flush();
  };
  try {
    // A bounded window of files in flight: the pool queues them, memory holds only these.
    let nextIndex = 0;
    const lane = async (): Promise<void> => {
      while (nextIndex < files.length) await check(nextIndex++);
    };
    await Promise.all(Array.from({ length: workers * 2 }, lane));
  } finally {
    progress.clear();
    await pool.close();
    config.remove();
  }
  const summary = {
    files: files.length,
    passed: tally.TOTAL_PASSED,
    failed: tally.TOTAL_FAILED,
    indeterminate: tally.INDETERMINATE,
    errors: tally.ERROR,
  };
  if (ctx.json) process.stdout.write(`${JSON.stringify({ summary })}\n`);
  else
    process.stdout.write(
      `${ctx.t(
        `${summary.files} tệp: ${summary.passed} hợp lệ, ${summary.failed} không hợp lệ, ${summary.indeterminate} chưa xác định, ${summary.errors} lỗi`,
        `${summary.files} files: ${summary.passed} passed, ${summary.failed} failed, ${summary.indeterminate} indeterminate, ${summary.errors} errors`,
      )}\n`,
    );
  return summary.passed === summary.files ? 0 : 1;
}
