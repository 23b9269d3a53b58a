// @peculiar/asn1-pfx is CommonJS: the default import is its module.exports, complete without Node's
// named-export detection. One instance in the CLI bundle, shared with @peculiar/x509. Only the names vanthu uses.
import type * as Lib from '@peculiar/asn1-pfx';
import lib from '@peculiar/asn1-pfx';

export const AuthenticatedSafe = lib.AuthenticatedSafe;
export type AuthenticatedSafe = Lib.AuthenticatedSafe;
export const CertBag = lib.CertBag;
export type CertBag = Lib.CertBag;
export const PFX = lib.PFX;
export type PFX = Lib.PFX;
export const SafeContents = lib.SafeContents;
export type SafeContents = Lib.SafeContents;
export const id_certBag = lib.id_certBag;
export const id_keyBag = lib.id_keyBag;
export const id_pkcs8ShroudedKeyBag = lib.id_pkcs8ShroudedKeyBag;
export const id_SafeContents = lib.id_SafeContents;
export const id_x509Certificate = lib.id_x509Certificate;
