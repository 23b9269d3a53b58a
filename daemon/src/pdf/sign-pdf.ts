/**
 * Public signing API for the CLI and the daemon's request handlers.
 *
 *   signPdf(input: Uint8Array, options: SignPdfOptions): Promise<Buffer>
 *   signPdfDetailed(input, options): Promise<{ output: Buffer; result: SignResult }>
 *   signPdfUpdate(input, options, inputSha256?): Promise<{ update: Buffer; result: SignResult }>
 *   signPdfFile(inPath, outPath, options & { force? }): Promise<SignResult>
 *   openInputStage(inPath, outPath, { force?, algorithm }) → signStagedFile(stage, options): the same,
 *     with IN's copy and hash started early (the CLI opens the key meanwhile); discard() the stage after
 *
 * Every output is the input's bytes unchanged followed by exactly one incremental update holding
 * one new signature (and, for the seal with --number/--date, read-only text fields).
 */
export {
  SIGNING_OPEN,
  signPdf,
  signPdfDetailed,
  signPdfFile,
  signPdfUpdate,
  signStagedFile,
} from './sign/engine.js';
export { type InputStage, openInputStage } from './sign/input-stage.js';
export type { CopyForm, PadesLevel, SignPdfOptions, SignResult, SignRole } from './sign/options.js';
export { COPY_FORMS, ROLE_FIELD, SIGN_ROLES } from './sign/options.js';
export { isoVietnam, pdfDate } from './sign/time.js';
/** ALREADY_SEALED / APPROVER_SIGNATURE_INVALID, checked before any key is opened. */
export { assertSignable, probeSignable } from './sign/guards.js';
export { DOC_MDP_PERMISSIONS, type DocMdpPermission } from './sign/mdp.js';
