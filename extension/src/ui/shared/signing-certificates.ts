/**
 * Certificates fit for signing: a signing key usage (digitalSignature or nonRepudiation) and not a CA
 * (keyCertSign or cRLSign). A CA certificate on the token is never offered: choosing it would fail
 * only after the PIN.
 */
export function fitForSigning(certificate: { readonly keyUsage: readonly string[] }): boolean {
  const usage = certificate.keyUsage;
  const signs = usage.includes('digitalSignature') || usage.includes('nonRepudiation');
  const ca = usage.includes('keyCertSign') || usage.includes('cRLSign');
  return signs && !ca;
}
