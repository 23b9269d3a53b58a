/** Saves bytes as a file through the browser's download of a temporary object URL. */
export function downloadPdf(doc: Document, bytes: Uint8Array<ArrayBuffer>, filename: string): void {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  // Revoked later: the download reads the URL asynchronously.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
