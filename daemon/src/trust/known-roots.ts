/**
 * Government and national roots/intermediates of standards.md §7, recognised by the SHA-256 of their
 * DER when an administrator installs them in the trust store (the certificates themselves are
 * downloaded by the admin from the listed addresses; vanthu never fetches trust anchors).
 */
export interface KnownCertificate {
  name: string;
  /** `government` = VGCA (Ban Cơ yếu Chính phủ); `national` = NEAC root of the public CAs. */
  family: 'government' | 'national';
  kind: 'root' | 'intermediate';
  download: string;
  sha256: string;
}

export const KNOWN_CERTIFICATES: readonly KnownCertificate[] = [
  {
    name: 'RootCA chuyên dùng Chính phủ G2',
    family: 'government',
    kind: 'root',
    download: 'https://ca.gov.vn/pki/pub/crt/rootcag2.crt',
    sha256: 'F04BA4B459A7C9A1B971AD9B1CB833E695A80C79AEA63B174B66A70EDFE2FDB8',
  },
  {
    name: 'CA phục vụ các cơ quan Nhà nước G2',
    family: 'government',
    kind: 'intermediate',
    download: 'https://ca.gov.vn/pki/pub/crt/cpcag2.crt',
    sha256: 'D8CAB7A4AEF92E6BB2509D7C61CEE7B44F3731B2D21074963530277B366FAE4B',
  },
  {
    name: 'CA phục vụ các cơ quan Đảng G2',
    family: 'government',
    kind: 'intermediate',
    download: 'https://ca.gov.vn/pki/pub/crt/dcscag2.crt',
    sha256: 'E4B402E3CB4CACC0A20D21FA49BCE76BEB4EB47BA7FFB7A8F71C554DBE561A81',
  },
  {
    name: 'RootCA chuyên dùng Chính phủ G1',
    family: 'government',
    kind: 'root',
    download: 'https://ca.gov.vn/pki/pub/cert/rootca.crt',
    sha256: 'F7BC89054CEC7F12730D7B8CD3EB7955B163835087E5EB873EDFB584763B3F90',
  },
  {
    name: 'CA phục vụ các cơ quan Nhà nước G1',
    family: 'government',
    kind: 'intermediate',
    download: 'https://ca.gov.vn/pki/pub/cert/cp.crt',
    sha256: '75E969C07BA35C29C72BBC1BFB880F20F3891A619B00B77EB02CA6160736A1FE',
  },
  {
    name: 'Vietnam National Root CA (NEAC)',
    family: 'national',
    kind: 'root',
    download: 'https://rootca.gov.vn/crt/vnrca256.p7b',
    sha256: 'BAC8BF609AB420A8EE1780D74F4DE5C7F7184959D2A7375B0A75E4C29F0908E7',
  },
];

export function knownCertificate(sha256: string): KnownCertificate | undefined {
  const fp = sha256.toUpperCase();
  return KNOWN_CERTIFICATES.find((k) => k.sha256 === fp);
}

/** Internal VGCA OCSP host written into certificates, answered publicly by ocsp.ca.gov.vn. */
export const OCSP_HOST_REMAP: Readonly<Record<string, string>> = { 'ocsp.ca.ptc': 'ocsp.ca.gov.vn' };
