// The part of `vanthu sign` that needs the PDF engine, the key and the CMS: loaded by
// commands/sign.ts only once the flags are checked and IN's copy and hash have started, so that
// loading this code overlaps that work.
import { formatVietnamDateTime } from '@vanthu/shared/domain/vietnam-time';
import { PdfReader } from '../pdf/reader/index.js';
import {
  type InputStage,
  isoVietnam,
  probeSignable,
  SIGNING_OPEN,
  type SignPdfOptions,
  signStagedFile,
} from '../pdf/sign-pdf.js';
import type { DocMdpPermission } from '../pdf/sign/options.js';
import { signWarningTexts } from '../pdf/sign/warnings.js';
import type { Signer } from '../token/signer.js';
import type { SigningChainOptions } from '../trust/signing-chain.js';
import { openSigningKey } from '../trust/signing-key.js';
import type { CommandContext } from './command.js';
import { ttyPinPrompt } from './pin-prompt.js';

/** The trust configuration's chain sources; read (with the config validator) only when needed. */
async function trustChainOptions(ctx: CommandContext): Promise<SigningChainOptions> {
  const { signingChainOptions } = await import('../trust/signing-trust.js');
  return signingChainOptions(ctx.configPath);
}

/**
 * Opens the key named by the URI through the token layer, asking for a PIN on the terminal if
 * needed. Its signatures carry the chain completed from the token, the trust config's
 * intermediates and AIA; a chain that stays incomplete is reported before the PIN prompt.
 */
function openKey(uri: string, ctx: CommandContext, warnings: string[]): Promise<Signer> {
  const promptPin = ttyPinPrompt(ctx);
  return openSigningKey(uri, {
    lang: ctx.lang,
    ...(ctx.configPath ? { configPath: ctx.configPath } : {}),
    ...(promptPin ? { promptPin } : {}),
    chain: () => trustChainOptions(ctx),
    onChainWarning: (w) => {
      warnings.push(w);
      ctx.log(`vanthu: ${ctx.t('cảnh báo', 'warning')}: ${w}`);
    },
  });
}

export interface SignJob {
  input: string;
  output: string;
  key: string;
  options: Omit<SignPdfOptions, 'signer'>;
  force: boolean;
  /** The input stage; none for B-LT and B-LTA, which sign through their own steps. */
  stage: InputStage | undefined;
  certify: DocMdpPermission | undefined;
}

export async function signStaged(ctx: CommandContext, job: SignJob): Promise<number> {
  const { input, output, options, stage, certify } = job;
  const { level, subFilter, role } = options;
  // Check the PDF before asking for a PIN: damaged or encrypted input fails fast.
  probeSignable(PdfReader.fromFile(input, SIGNING_OPEN), options);
  const keyWarnings: string[] = [];
  const signer = await openKey(job.key, ctx, keyWarnings);
  try {
    const signOptions = { ...options, signer, force: job.force };
    // B-LT and B-LTA: the validation data comes under the trust config's anchors and fetch rules.
    const signed = stage
      ? await signStagedFile(stage, signOptions)
      : await (await import('../pdf/ltv/sign-level.js')).signFileAtLevel(
          input,
          output,
          signOptions,
          await trustChainOptions(ctx),
        );
    const signWarnings = signWarningTexts(signed.warnings, ctx.lang);
    for (const w of signWarnings) ctx.log(`vanthu: ${ctx.t('cảnh báo', 'warning')}: ${w}`);
    const result = { ...signed, warnings: [...keyWarnings, ...signWarnings] };
    ctx.emit({
      output,
      field: result.fieldName,
      role: result.role,
      page: result.page,
      rect: result.rect,
      signingTime: isoVietnam(result.signingTime),
      level,
      subFilter,
      stampedFields: result.stampedFields,
      certify: certify ?? null,
      warnings: result.warnings,
    });
    ctx.say(
      ctx.t(
        `Đã ký ${output}: ô ${result.fieldName}, vai trò ${role}, trang ${result.page}, lúc ${formatVietnamDateTime(result.signingTime)}`,
        `Signed ${output}: field ${result.fieldName}, role ${role}, page ${result.page}, at ${formatVietnamDateTime(result.signingTime)}`,
      ),
    );
    return 0;
  } finally {
    await signer.close();
  }
}
