import type { SignedDocument } from './sign-documents.js';

/** What the daemon said about one signed document, already worded in the connection's language. */
export interface DocumentWarnings {
  /** The document's URL: it tells apart two files of a batch with the same name. */
  readonly url: string;
  readonly name: string;
  readonly warnings: readonly string[];
}

/** The documents of a batch that came back with warnings, in signing order; none when all were clean. */
export function documentWarnings(signed: readonly SignedDocument[]): DocumentWarnings[] {
  return signed
    .filter((s) => s.result.warnings.length > 0)
    .map((s) => ({ url: s.doc.url, name: s.doc.name, warnings: s.result.warnings }));
}
