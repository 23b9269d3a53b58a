import type * as Lib from '@peculiar/asn1-pkcs8';
import { requireAsn1 } from './require.js';

/** @peculiar/asn1-pkcs8 (CommonJS) loaded through require(); see require.ts for why. Only the names vanthu uses. */
const lib = requireAsn1<typeof Lib>('@peculiar/asn1-pkcs8');

export const EncryptedPrivateKeyInfo = lib.EncryptedPrivateKeyInfo;
export type EncryptedPrivateKeyInfo = Lib.EncryptedPrivateKeyInfo;
