/**
 * Messages between the token layer and the PKCS#11 worker thread. Slot, session and object
 * handles travel as hex strings; binary data as Uint8Array (structured clone copies it).
 * No imports: the worker loads this file on its own, outside the daemon's module graph.
 */

export interface TokenRecord {
  label: string;
  manufacturer: string;
  model: string;
  serial: string;
  /** CK_TOKEN_INFO flags (see token-flags.ts). */
  flags: number;
  minPinLen: number;
  maxPinLen: number;
}

export interface SlotRecord {
  /** CK_SLOT_ID, hex of the handle bytes. */
  slot: string;
  description: string;
  manufacturer: string;
  flags: number;
  token?: TokenRecord;
}

export interface ObjectRecord {
  kind: 'certificate' | 'privateKey';
  /** CKA_ID as hex ('' when the token left it empty). */
  id: string;
  label: string;
  /** DER of a certificate. */
  value?: Uint8Array;
  /** CKK_* of a private key. */
  keyType?: number;
}

export interface OpenedKey {
  /** Handle of this signing session in the worker. */
  ref: string;
  keyType: number;
  id: string;
  label: string;
  /** The certificate with the same CKA_ID (or label), when the token holds it. */
  certificate?: Uint8Array;
  /** Mechanisms the token lists for this slot. */
  mechanisms: number[];
}

/** Parameters of an RSA-PSS signature (CK_RSA_PKCS_PSS_PARAMS). */
export interface PssParams {
  hashAlg: number;
  mgf: number;
  saltLen: number;
}

export type WorkerRequest =
  | { op: 'modules' }
  | { op: 'load'; module: string }
  | { op: 'slots'; module: string; reload: boolean }
  | { op: 'objects'; module: string; slot: string }
  | { op: 'open'; module: string; slot: string; pin: string; id?: string; label?: string }
  | { op: 'sign'; ref: string; mechanism: number; pss?: PssParams; data: Uint8Array }
  | { op: 'close'; ref: string };

export interface ModuleRecord {
  path: string;
  manufacturer: string;
  description: string;
  cryptokiVersion: string;
  libraryVersion: string;
}

/** Result types per request op. */
export interface WorkerResults {
  modules: string[];
  load: ModuleRecord;
  slots: SlotRecord[];
  objects: ObjectRecord[];
  open: OpenedKey;
  sign: Uint8Array;
  close: null;
}

/** A failure inside the worker: `ckr` is the CKR_* name when PKCS#11 returned one. */
export interface WorkerFailure {
  ckr?: string;
  method?: string;
  message: string;
  /** The file could not be loaded as a PKCS#11 module. */
  load?: boolean;
  /** Token flags read after a failed login (PIN counters). */
  tokenFlags?: number;
  /** The key or certificate asked for is not on the token. */
  notFound?: boolean;
}

export type WorkerReply =
  | { kind: 'reply'; id: number; ok: true; result: unknown }
  | { kind: 'reply'; id: number; ok: false; error: WorkerFailure }
  | { kind: 'trace'; token: string; op: string; phase: 'start' | 'end'; at: number };

export interface WorkerEnvelope {
  id: number;
  request: WorkerRequest;
}
