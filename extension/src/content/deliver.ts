import { downloadPdf } from '../dom/download.js';
import { putIntoFileInput } from '../profile/engine.js';
import type { PortalProfile } from '../profile/schema.js';

/**
 * Hands a finished PDF to the portal the way its profile says: into its file input (then its own
 * submit button, so the portal's form uploads it) or, without a usable input, as a download.
 */
export function deliver(
  profile: PortalProfile | undefined,
  filename: string,
  bytes: Uint8Array<ArrayBuffer>,
): 'uploaded' | 'downloaded' {
  const upload = profile?.upload;
  if (upload?.mode === 'fileInput') {
    const file = new File([bytes], filename, { type: 'application/pdf' });
    if (putIntoFileInput(document, upload.input, file)) {
      const submit = upload.submit ? document.querySelector(upload.submit) : null;
      if (submit instanceof HTMLElement) submit.click();
      return 'uploaded';
    }
  }
  downloadPdf(document, bytes, filename);
  return 'downloaded';
}
