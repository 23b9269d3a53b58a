// @peculiar/asn1-rsa is CommonJS: the default import is its module.exports, complete without Node's
// named-export detection. One instance in the CLI bundle, shared with @peculiar/x509. Only the names vanthu uses.
import type * as Lib from '@peculiar/asn1-rsa';
import lib from '@peculiar/asn1-rsa';

export const RsaSaPssParams = lib.RsaSaPssParams;
export type RsaSaPssParams = Lib.RsaSaPssParams;
export const id_RSASSA_PSS = lib.id_RSASSA_PSS;
export const id_mgf1 = lib.id_mgf1;
export const id_rsaEncryption = lib.id_rsaEncryption;
