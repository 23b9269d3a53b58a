// @peculiar/asn1-pkcs8 is CommonJS: the default import is its module.exports, complete without Node's
// named-export detection. One instance in the CLI bundle, shared with @peculiar/x509. Only the names vanthu uses.
import type * as Lib from '@peculiar/asn1-pkcs8';
import lib from '@peculiar/asn1-pkcs8';

export const EncryptedPrivateKeyInfo = lib.EncryptedPrivateKeyInfo;
export type EncryptedPrivateKeyInfo = Lib.EncryptedPrivateKeyInfo;
