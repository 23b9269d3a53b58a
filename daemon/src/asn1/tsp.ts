// @peculiar/asn1-tsp is CommonJS: the default import is its module.exports, complete without Node's
// named-export detection. One instance in the CLI bundle, shared with @peculiar/x509. Only the names vanthu uses.
import type * as Lib from '@peculiar/asn1-tsp';
import lib from '@peculiar/asn1-tsp';

export const MessageImprint = lib.MessageImprint;
export type MessageImprint = Lib.MessageImprint;
export const TSTInfo = lib.TSTInfo;
export type TSTInfo = Lib.TSTInfo;
export const TimeStampReq = lib.TimeStampReq;
export type TimeStampReq = Lib.TimeStampReq;
export const TimeStampResp = lib.TimeStampResp;
export type TimeStampResp = Lib.TimeStampResp;
