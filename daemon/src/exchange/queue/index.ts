export {
  QueueStore,
  idempotencyKeyFor,
  type Delivery,
  type EnqueueInput,
  type PackageRow,
  type Transition,
} from './store.js';
export { QueueWorker, type WorkerOptions, type WorkerEvent } from './worker.js';
export { type DeliveryState, DELIVERY_STATES, STATE_LABELS, canTransition, FINAL_STATES } from './states.js';
export { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.js';
