import type * as Lib from '@peculiar/asn1-tsp';
import { requireAsn1 } from './require.js';

/** @peculiar/asn1-tsp (CommonJS) loaded through require(); see require.ts for why. Only the names vanthu uses. */
const lib = requireAsn1<typeof Lib>('@peculiar/asn1-tsp');

export const MessageImprint = lib.MessageImprint;
export type MessageImprint = Lib.MessageImprint;
export const TSTInfo = lib.TSTInfo;
export type TSTInfo = Lib.TSTInfo;
export const TimeStampReq = lib.TimeStampReq;
export type TimeStampReq = Lib.TimeStampReq;
export const TimeStampResp = lib.TimeStampResp;
export type TimeStampResp = Lib.TimeStampResp;
