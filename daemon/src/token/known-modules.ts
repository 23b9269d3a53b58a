/**
 * Known PKCS#11 modules per OS — data, not code. `vanthu doctor` and `vanthu tokens` try the ones that
 * exist on this machine after the modules listed in config (`pkcs11.modules`). A Windows entry without a
 * directory is looked up in %SystemRoot%\System32, where the token drivers install themselves.
 *
 * Vietnamese CA driver file names are the ones the CAs' own installers put in System32, as named
 * by several independent portal integrations and signing tools; only names seen in at least two
 * independent sources are listed. Anything else is added through config (docs/tokens.md).
 */
export interface KnownModule {
  /** Who makes the token or the driver. */
  vendor: string;
  /** Candidate files per OS, most recent driver first. */
  linux?: readonly string[];
  darwin?: readonly string[];
  win32?: readonly string[];
}

export const KNOWN_MODULES: readonly KnownModule[] = [
  {
    vendor: 'SoftHSM2',
    linux: [
      '/usr/lib/softhsm/libsofthsm2.so',
      '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
      '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
      '/usr/local/lib/softhsm/libsofthsm2.so',
      '/usr/lib64/pkcs11/libsofthsm2.so',
    ],
    darwin: ['/opt/homebrew/lib/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so'],
    win32: ['C:\\SoftHSM2\\lib\\softhsm2-x64.dll'],
  },
  {
    vendor: 'OpenSC (PIV, CardOS, ePass2003 and other smart cards)',
    linux: [
      '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
      '/usr/lib/aarch64-linux-gnu/opensc-pkcs11.so',
      '/usr/lib/opensc-pkcs11.so',
      '/usr/lib64/opensc-pkcs11.so',
    ],
    darwin: ['/Library/OpenSC/lib/opensc-pkcs11.so'],
    win32: ['C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll'],
  },
  {
    vendor: 'SafeNet eToken (SafeNet Authentication Client)',
    linux: ['/usr/lib/libeTPkcs11.so', '/usr/lib64/libeTPkcs11.so'],
    darwin: ['/usr/local/lib/libeTPkcs11.dylib'],
    win32: ['eTPKCS11.dll'],
  },
  { vendor: 'Feitian ePass2003', win32: ['eps2003csp11.dll', 'ShuttleCsp11_3003.dll'] },
  {
    vendor: 'VNPT-CA',
    win32: [
      'vnptca_p11_v10.dll',
      'vnptca_p11_v8.dll',
      'vnptca_p11_v6.dll',
      'vnpt-ca_cl_v1.dll',
      'VNPT-CA_v34.dll',
      'vnpt-ca_csp11.dll',
    ],
  },
  {
    vendor: 'Viettel-CA',
    win32: [
      'viettel-ca_v6.dll',
      'viettel-ca_v5.dll',
      'viettel-ca_v4.dll',
      'viettel-ca_v3.dll',
      'viettel-ca_v2.dll',
      'viettel-ca_v1.dll',
      'viettel-ca.dll',
    ],
  },
  { vendor: 'BkavCA', win32: ['BkavCA.dll', 'st3csp11.dll'] },
  { vendor: 'FPT-CA', win32: ['fpt-ca.dll'] },
  { vendor: 'CA2 (Nacencomm)', win32: ['CA2_v34.dll', 'CA2_csp11.dll'] },
];
