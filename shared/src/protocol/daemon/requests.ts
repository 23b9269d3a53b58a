import { z } from 'zod';
import { authPayloadSchema, authResultSchema } from './auth.js';
import { cancelPayloadSchema, cancelResultSchema } from './cancel.js';
import { documentConvertPayloadSchema, documentConvertResultSchema } from './convert.js';
import {
  exchangeAgenciesPayloadSchema,
  exchangeAgenciesResultSchema,
  exchangeAnswerRecallPayloadSchema,
  exchangeCancelPayloadSchema,
  exchangeCountResultSchema,
  exchangeInboxResultSchema,
  exchangeListPayloadSchema,
  exchangeOutboxResultSchema,
  exchangePackageResultSchema,
  exchangeQuarantineRetryPayloadSchema,
  exchangeQuarantineRetryResultSchema,
  exchangeRecallPayloadSchema,
  exchangeRecallResultSchema,
  exchangeRetryPayloadSchema,
  exchangeSendPayloadSchema,
  exchangeSendResultSchema,
  exchangeStatusPayloadSchema,
} from './exchange.js';
import { helloPayloadSchema, helloResultSchema } from './hello.js';
import {
  pairFinishPayloadSchema,
  pairFinishResultSchema,
  pairStartPayloadSchema,
  pairStartResultSchema,
} from './pair.js';
import { documentInspectPayloadSchema, documentInspectResultSchema } from './inspect.js';
import { registryPrefillPayloadSchema, registryPrefillResultSchema } from './prefill.js';
import {
  recordResultSchema,
  recordsAddPayloadSchema,
  recordsClosePayloadSchema,
  recordsCreatePayloadSchema,
  recordsListPayloadSchema,
  recordsListResultSchema,
} from './records.js';
import {
  registryAssignPayloadSchema,
  registryCheckPayloadSchema,
  registryCheckResultSchema,
  registryEntryResultSchema,
  registryListPayloadSchema,
  registryListResultSchema,
  registryRecallPayloadSchema,
  registryRegisterPayloadSchema,
  registryReleasePayloadSchema,
  registryReleaseResultSchema,
  registryReservePayloadSchema,
  registryRegisterResultSchema,
} from './registry.js';
import { registryReportPayloadSchema, registryReportResultSchema } from './registry-report.js';
import { signPayloadSchema, signResultSchema } from './sign.js';
import { tokensListPayloadSchema, tokensListResultSchema } from './tokens.js';
import { verifyPayloadSchema, verifyResultSchema } from './verify.js';

/**
 * The extension → daemon channel: each request type with its payload and result schema, and
 * whether it is allowed before the auth step (only hello, auth and the pairing exchange are).
 */
export const DAEMON_REQUESTS = {
  hello: { payload: helloPayloadSchema, result: helloResultSchema, beforeAuth: true },
  auth: { payload: authPayloadSchema, result: authResultSchema, beforeAuth: true },
  'pair.start': { payload: pairStartPayloadSchema, result: pairStartResultSchema, beforeAuth: true },
  'pair.finish': { payload: pairFinishPayloadSchema, result: pairFinishResultSchema, beforeAuth: true },
  'tokens.list': { payload: tokensListPayloadSchema, result: tokensListResultSchema, beforeAuth: false },
  'document.inspect': {
    payload: documentInspectPayloadSchema,
    result: documentInspectResultSchema,
    beforeAuth: false,
  },
  'document.convert': {
    payload: documentConvertPayloadSchema,
    result: documentConvertResultSchema,
    beforeAuth: false,
  },
  sign: { payload: signPayloadSchema, result: signResultSchema, beforeAuth: false },
  verify: { payload: verifyPayloadSchema, result: verifyResultSchema, beforeAuth: false },
  cancel: { payload: cancelPayloadSchema, result: cancelResultSchema, beforeAuth: false },
  'registry.register': {
    payload: registryRegisterPayloadSchema,
    result: registryRegisterResultSchema,
    beforeAuth: false,
  },
  'registry.check': {
    payload: registryCheckPayloadSchema,
    result: registryCheckResultSchema,
    beforeAuth: false,
  },
  'registry.list': {
    payload: registryListPayloadSchema,
    result: registryListResultSchema,
    beforeAuth: false,
  },
  'registry.assign': {
    payload: registryAssignPayloadSchema,
    result: registryEntryResultSchema,
    beforeAuth: false,
  },
  'registry.recall': {
    payload: registryRecallPayloadSchema,
    result: registryEntryResultSchema,
    beforeAuth: false,
  },
  'registry.reserve': {
    payload: registryReservePayloadSchema,
    result: registryEntryResultSchema,
    beforeAuth: false,
  },
  'registry.release': {
    payload: registryReleasePayloadSchema,
    result: registryReleaseResultSchema,
    beforeAuth: false,
  },
  'registry.report': {
    payload: registryReportPayloadSchema,
    result: registryReportResultSchema,
    beforeAuth: false,
  },
  'registry.prefill': {
    payload: registryPrefillPayloadSchema,
    result: registryPrefillResultSchema,
    beforeAuth: false,
  },
  'records.list': { payload: recordsListPayloadSchema, result: recordsListResultSchema, beforeAuth: false },
  'records.create': { payload: recordsCreatePayloadSchema, result: recordResultSchema, beforeAuth: false },
  'records.add': { payload: recordsAddPayloadSchema, result: recordResultSchema, beforeAuth: false },
  'records.close': { payload: recordsClosePayloadSchema, result: recordResultSchema, beforeAuth: false },
  'exchange.outbox': {
    payload: exchangeListPayloadSchema,
    result: exchangeOutboxResultSchema,
    beforeAuth: false,
  },
  'exchange.inbox': {
    payload: exchangeListPayloadSchema,
    result: exchangeInboxResultSchema,
    beforeAuth: false,
  },
  'exchange.send': {
    payload: exchangeSendPayloadSchema,
    result: exchangeSendResultSchema,
    beforeAuth: false,
  },
  'exchange.retry': {
    payload: exchangeRetryPayloadSchema,
    result: exchangeCountResultSchema,
    beforeAuth: false,
  },
  'exchange.quarantineRetry': {
    payload: exchangeQuarantineRetryPayloadSchema,
    result: exchangeQuarantineRetryResultSchema,
    beforeAuth: false,
  },
  'exchange.cancel': {
    payload: exchangeCancelPayloadSchema,
    result: exchangeCountResultSchema,
    beforeAuth: false,
  },
  'exchange.recall': {
    payload: exchangeRecallPayloadSchema,
    result: exchangeRecallResultSchema,
    beforeAuth: false,
  },
  'exchange.status': {
    payload: exchangeStatusPayloadSchema,
    result: exchangePackageResultSchema,
    beforeAuth: false,
  },
  'exchange.recallAnswer': {
    payload: exchangeAnswerRecallPayloadSchema,
    result: exchangePackageResultSchema,
    beforeAuth: false,
  },
  'exchange.agencies': {
    payload: exchangeAgenciesPayloadSchema,
    result: exchangeAgenciesResultSchema,
    beforeAuth: false,
  },
} as const;

export type DaemonRequestType = keyof typeof DAEMON_REQUESTS;
export const DAEMON_REQUEST_TYPES = Object.keys(DAEMON_REQUESTS) as DaemonRequestType[];

export type RequestPayload<T extends DaemonRequestType> = z.infer<(typeof DAEMON_REQUESTS)[T]['payload']>;
export type RequestResult<T extends DaemonRequestType> = z.infer<(typeof DAEMON_REQUESTS)[T]['result']>;

export function isDaemonRequestType(type: string): type is DaemonRequestType {
  return Object.hasOwn(DAEMON_REQUESTS, type);
}

/** Every request as one discriminated union on `type` (envelope fields v and id included). */
export const daemonRequestSchema = z.discriminatedUnion(
  'type',
  DAEMON_REQUEST_TYPES.map((type) =>
    z.object({
      v: z.number().int().positive(),
      id: z.string(),
      type: z.literal(type),
      payload: DAEMON_REQUESTS[type].payload,
    }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
);
export type DaemonRequest = {
  [T in DaemonRequestType]: { v: number; id: string; type: T; payload: RequestPayload<T> };
}[DaemonRequestType];
