/**
 * The office workflow: the only place that links the registry, signing and the exchange. The
 * WebSocket handlers and the CLI call these functions; each step refuses a transition out of order
 * (OFFICE_TRANSITION_REFUSED) and writes an audit record.
 *
 *   Outgoing: reserveNumber → sealAndRegister → sendEntry → (deliveries) → recallEntry
 *   Incoming: registerArrival (03) → assignEntry (04) → startHandling (05) → completeHandling (06)
 *             → fileEntry; or refuseArrival (02); or markReceivedRecalls (13) → answerRecall (15/16)
 */
export {
  answerRecall,
  arrivalStatus,
  assignEntry,
  completeHandling,
  markReceivedRecalls,
  type RegisterArrivalInput,
  refuseArrival,
  registerArrival,
  startHandling,
} from './incoming.js';
export type { Office, OfficeActor, OfficeAudit, OfficeExchange } from './office.js';
export { type OfficeOptions, openOffice, type RunningOffice } from './open.js';
export {
  checkSignedForSending,
  deliveriesOf,
  documentIdOf,
  type RecipientDelivery,
  recallEntry,
  registerSealed,
  releaseNumber,
  reserveNumber,
  reservedStamp,
  type SealInput,
  type SealStamp,
  sealAndRegister,
  sendEntry,
} from './outgoing.js';
export { fileEntry } from './records.js';
export { CLERK_STATUSES, STATE_NAMES_VI } from './status-map.js';
export { STEP_NAMES, type Step } from './transition.js';
