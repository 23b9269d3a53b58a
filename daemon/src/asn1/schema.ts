import type * as Lib from '@peculiar/asn1-schema';
import { requireAsn1 } from './require.js';

/** @peculiar/asn1-schema (CommonJS) loaded through require(); see require.ts for why. Only the names vanthu uses. */
const lib = requireAsn1<typeof Lib>('@peculiar/asn1-schema');

export const AsnArray = lib.AsnArray;
export type AsnArray<T> = Lib.AsnArray<T>;
export const AsnConvert = lib.AsnConvert;
export type AsnConvert = Lib.AsnConvert;
export const AsnIntegerArrayBufferConverter = lib.AsnIntegerArrayBufferConverter;
export const AsnProp = lib.AsnProp;
export const AsnPropTypes = lib.AsnPropTypes;
export type AsnPropTypes = Lib.AsnPropTypes;
export const AsnType = lib.AsnType;
export const AsnTypeTypes = lib.AsnTypeTypes;
export type AsnTypeTypes = Lib.AsnTypeTypes;
export const OctetString = lib.OctetString;
export type OctetString = Lib.OctetString;
