// @peculiar/asn1-ocsp is CommonJS: the default import is its module.exports, complete without Node's
// named-export detection. One instance in the CLI bundle, shared with @peculiar/x509. Only the names vanthu uses.
import type * as Lib from '@peculiar/asn1-ocsp';
import lib from '@peculiar/asn1-ocsp';

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
