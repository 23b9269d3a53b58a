import type * as Lib from '@peculiar/asn1-ocsp';
import { requireAsn1 } from './require.js';

/** @peculiar/asn1-ocsp (CommonJS) loaded through require(); see require.ts for why. Only the names vanthu uses. */
const lib = requireAsn1<typeof Lib>('@peculiar/asn1-ocsp');

export const BasicOCSPResponse = lib.BasicOCSPResponse;
export type BasicOCSPResponse = Lib.BasicOCSPResponse;
export const CertID = lib.CertID;
export type CertID = Lib.CertID;
export const OCSPRequest = lib.OCSPRequest;
export type OCSPRequest = Lib.OCSPRequest;
export const OCSPResponse = lib.OCSPResponse;
export type OCSPResponse = Lib.OCSPResponse;
export const OCSPResponseStatus = lib.OCSPResponseStatus;
export type OCSPResponseStatus = Lib.OCSPResponseStatus;
export const Request = lib.Request;
export type Request = Lib.Request;
export const TBSRequest = lib.TBSRequest;
export type TBSRequest = Lib.TBSRequest;
export const id_pkix_ocsp_basic = lib.id_pkix_ocsp_basic;
export const id_pkix_ocsp_nonce = lib.id_pkix_ocsp_nonce;
