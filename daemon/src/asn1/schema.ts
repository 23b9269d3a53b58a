// @peculiar/asn1-schema is CommonJS: the default import is its module.exports, complete without Node's
// named-export detection. One instance in the CLI bundle, shared with @peculiar/x509. Only the names vanthu uses.
import type * as Lib from '@peculiar/asn1-schema';
import lib from '@peculiar/asn1-schema';

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
