import type * as Lib from '@peculiar/asn1-rsa';
import { requireAsn1 } from './require.js';

/** @peculiar/asn1-rsa (CommonJS) loaded through require(); see require.ts for why. Only the names vanthu uses. */
const lib = requireAsn1<typeof Lib>('@peculiar/asn1-rsa');

export const RsaSaPssParams = lib.RsaSaPssParams;
export type RsaSaPssParams = Lib.RsaSaPssParams;
export const id_RSASSA_PSS = lib.id_RSASSA_PSS;
export const id_mgf1 = lib.id_mgf1;
export const id_rsaEncryption = lib.id_rsaEncryption;
