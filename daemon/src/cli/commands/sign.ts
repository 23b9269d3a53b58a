import { readFileSync } from 'node:fs';
import { VanthuError } from '@vanthu/shared/errors/index';
import type { SubFilter } from '../../cms/index.js';
import { type InputStage, openInputStage } from '../../pdf/sign/input-stage.js';
import {
  COPY_FORMS,
  type CopyForm,
  DOC_MDP_PERMISSIONS,
  type DocMdpPermission,
  SIGN_ROLES,
  type SignPdfOptions,
  type SignRole,
} from '../../pdf/sign/options.js';
import { parseKeyUri } from '../../token/uri.js';
import type { Command, CommandContext } from '../command.js';
import { chooseSignLevel, officeSigning } from '../sign-level.js';

function str(ctx: CommandContext, key: string): string | undefined {
  const v = ctx.values[key];
  return typeof v === 'string' ? v : undefined;
}

function numberOpt(ctx: CommandContext, key: string): number | undefined {
  const v = str(ctx, key);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new VanthuError('USAGE', `--${key} must be a number, got "${v}"`);
  return n;
}

function parseRect(v: string): [number, number, number, number] {
  const parts = v.split(',').map((p) => Number(p.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n)) || parts[2]! <= 0 || parts[3]! <= 0) {
    throw new VanthuError('USAGE', `--rect expects X,Y,W,H in points with W,H > 0, got "${v}"`);
  }
  return parts as [number, number, number, number];
}

function isoDate(v: string | undefined, flag: string): string | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const d = m ? new Date(`${v}T00:00:00Z`) : undefined;
  if (!m || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== v) {
    throw new VanthuError('USAGE', `--${flag} expects YYYY-MM-DD, got "${v}"`);
  }
  return v;
}

function readFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR';
    throw new VanthuError(code, path);
  }
}

export const signCommand: Command = {
  name: 'sign',
  summary: { vi: 'Ký số tệp PDF (PAdES, cập nhật tăng dần)', en: 'Sign a PDF (PAdES, incremental update)' },
  usage:
    'sign IN.pdf -o OUT.pdf --role approver|seal|attachment|copy|income --key URI [--image PNG] [--page N] ' +
    '[--rect X,Y,W,H] [--anchor TEXT] [--seal-mm D] [--no-seal-text] [--number SỐ/KÝ-HIỆU] [--date YYYY-MM-DD] ' +
    '[--copy-form "SAO Y"|"SAO LỤC"|"TRÍCH SAO"] [--org TÊN] [--arrival-number N] [--arrival-date YYYY-MM-DD] ' +
    '[--field NAME] [--certify 1|2|3] [--reason TEXT] [--location TEXT] [--tsa URL] [--level B-B|B-T|B-LT|B-LTA] ' +
    '[--subfilter ETSI.CAdES.detached|adbe.pkcs7.detached] [--pss] [--force]\n' +
    '  or: sign --in-dir DIR --out-dir DIR --role … --key URI [same options]  (every *.pdf, one PIN entry)',
  options: {
    output: { type: 'string', short: 'o' },
    role: { type: 'string' },
    key: { type: 'string' },
    image: { type: 'string' },
    page: { type: 'string' },
    rect: { type: 'string' },
    anchor: { type: 'string' },
    'seal-mm': { type: 'string' },
    'no-seal-text': { type: 'boolean', default: false },
    number: { type: 'string' },
    date: { type: 'string' },
    'copy-form': { type: 'string' },
    org: { type: 'string' },
    'arrival-number': { type: 'string' },
    'arrival-date': { type: 'string' },
    field: { type: 'string' },
    certify: { type: 'string' },
    reason: { type: 'string' },
    location: { type: 'string' },
    tsa: { type: 'string' },
    level: { type: 'string' },
    subfilter: { type: 'string' },
    pss: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    'in-dir': { type: 'string' },
    'out-dir': { type: 'string' },
  },
  async run(ctx) {
    const inDir = str(ctx, 'in-dir');
    const outDir = str(ctx, 'out-dir');
    if (inDir !== undefined || outDir !== undefined) {
      if (!inDir || !outDir) throw new VanthuError('USAGE', '--in-dir and --out-dir go together');
      const { signBatch } = await import('../sign-batch.js');
      return signBatch(ctx, inDir, outDir, (fileCtx) => signCommand.run(fileCtx));
    }
    const [input, ...extra] = ctx.positionals;
    if (!input || extra.length > 0) throw new VanthuError('USAGE', 'exactly one input PDF is required');
    const output = str(ctx, 'output');
    if (!output) throw new VanthuError('USAGE', '-o OUT.pdf is required');
    const role = str(ctx, 'role') as SignRole | undefined;
    if (!role || !SIGN_ROLES.includes(role)) {
      throw new VanthuError('USAGE', `--role must be one of ${SIGN_ROLES.join(', ')}`);
    }
    const key = str(ctx, 'key');
    if (!key) throw new VanthuError('USAGE', '--key URI is required');
    parseKeyUri(key);
    // Without --level/--tsa, the office's config `signing` decides, as for the signing window.
    const { level, tsa } = await chooseSignLevel({ level: str(ctx, 'level'), tsa: str(ctx, 'tsa') }, () =>
      officeSigning(ctx.configPath),
    );
    const subFilter = (str(ctx, 'subfilter') ?? 'ETSI.CAdES.detached') as SubFilter;
    if (subFilter !== 'ETSI.CAdES.detached' && subFilter !== 'adbe.pkcs7.detached') {
      throw new VanthuError('USAGE', '--subfilter must be ETSI.CAdES.detached or adbe.pkcs7.detached');
    }
    const copyForm = str(ctx, 'copy-form')?.normalize('NFC') as CopyForm | undefined;
    if (copyForm && !COPY_FORMS.includes(copyForm)) {
      throw new VanthuError('USAGE', `--copy-form must be one of ${COPY_FORMS.join(', ')}`);
    }
    if (role === 'attachment' && !str(ctx, 'number')) {
      throw new VanthuError('USAGE', '--number is required for role attachment');
    }
    if ((role === 'approver' || role === 'seal') && !str(ctx, 'image')) {
      throw new VanthuError('USAGE', `--image PNG is required for role ${role}`);
    }
    const certify = numberOpt(ctx, 'certify') as DocMdpPermission | undefined;
    if (certify !== undefined && !DOC_MDP_PERMISSIONS.includes(certify)) {
      throw new VanthuError('USAGE', '--certify must be 1, 2 or 3');
    }
    if (certify !== undefined && role !== 'approver') {
      throw new VanthuError('USAGE', '--certify is for role approver (the first signature)');
    }
    const page = numberOpt(ctx, 'page');
    if (page !== undefined && (!Number.isInteger(page) || page === 0)) {
      throw new VanthuError('USAGE', '--page must be a non-zero integer (negative counts from the end)');
    }
    const sealMm = numberOpt(ctx, 'seal-mm');
    if (sealMm !== undefined && (sealMm < 10 || sealMm > 80)) {
      throw new VanthuError('USAGE', '--seal-mm must be between 10 and 80');
    }
    const rect = str(ctx, 'rect');
    const image = str(ctx, 'image');
    // Every flag is checked before any file is read or a key is opened.
    isoDate(str(ctx, 'date'), 'date');
    isoDate(str(ctx, 'arrival-date'), 'arrival-date');
    if (rect) parseRect(rect);
    const options: Omit<SignPdfOptions, 'signer'> = {
      role,
      ...(image ? { image: readFile(image) } : {}),
      ...(page !== undefined ? { page } : {}),
      ...(rect ? { rect: parseRect(rect) } : {}),
      ...(str(ctx, 'anchor') ? { anchor: str(ctx, 'anchor')! } : {}),
      ...(sealMm !== undefined ? { sealMm } : {}),
      sealText: ctx.values['no-seal-text'] !== true,
      ...(str(ctx, 'org') ? { organization: str(ctx, 'org')! } : {}),
      ...(str(ctx, 'number') ? { number: str(ctx, 'number')! } : {}),
      ...(isoDate(str(ctx, 'date'), 'date') ? { date: str(ctx, 'date')! } : {}),
      ...(copyForm ? { copyForm } : {}),
      ...(str(ctx, 'arrival-number') ? { arrivalNumber: str(ctx, 'arrival-number')! } : {}),
      ...(isoDate(str(ctx, 'arrival-date'), 'arrival-date')
        ? { arrivalDate: str(ctx, 'arrival-date')! }
        : {}),
      ...(str(ctx, 'field') ? { field: str(ctx, 'field')! } : {}),
      ...(certify !== undefined ? { certify } : {}),
      ...(str(ctx, 'reason') ? { reason: str(ctx, 'reason')! } : {}),
      ...(str(ctx, 'location') ? { location: str(ctx, 'location')! } : {}),
      ...(tsa ? { tsa } : {}),
      level,
      subFilter,
      ...(ctx.values['pss'] === true ? { scheme: 'pss' as const } : {}),
    };
    const force = ctx.values['force'] === true;
    const ltv = level === 'B-LT' || level === 'B-LTA';
    // IN is copied beside OUT and hashed from here on, while the key is opened and the update built.
    const stage: InputStage | undefined = ltv
      ? undefined
      : await openInputStage(input, output, { force, algorithm: 'sha256' });
    const stopOnSignal = stage ? removeCopyOnSignal(stage) : () => {};
    try {
      // The engine, the key and the CMS load while the OS copies IN and a worker hashes it.
      const { signStaged } = await import('../sign-staged.js');
      return await signStaged(ctx, { input, output, key, options, force, stage, certify });
    } finally {
      stopOnSignal();
      await stage?.discard();
    }
  },
};

/** Exit status of a process ended by a signal: 128 + its number. */
const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };

/**
 * While IN's copy lies beside OUT, a SIGTERM, SIGHUP or SIGINT (a closed terminal, a service stop,
 * Ctrl-C outside the PIN prompt) removes the copy before the process ends; OUT never appears.
 * Returns the function that takes the handlers off again.
 */
function removeCopyOnSignal(stage: InputStage): () => void {
  const signals = Object.keys(SIGNAL_EXIT) as NodeJS.Signals[];
  const onSignal = (signal: NodeJS.Signals): void => {
    void stage.discard().finally(() => process.exit(SIGNAL_EXIT[signal]));
  };
  for (const signal of signals) process.on(signal, onSignal);
  return () => {
    for (const signal of signals) process.off(signal, onSignal);
  };
}
