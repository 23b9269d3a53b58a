/**
 * The PKCS#11 worker thread: the only code that touches pkcs11js. Most Cryptoki calls block, so they
 * run here and never on the daemon's event loop. Token work is queued per token (module + slot);
 * signing uses C_SignAsync so that several tokens sign in parallel. PINs arrive in `open` requests,
 * go straight to C_Login and are neither kept nor logged.
 */
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';
import type * as Pkcs11 from 'pkcs11js';
import type {
  ModuleRecord,
  ObjectRecord,
  OpenedKey,
  SlotRecord,
  WorkerEnvelope,
  WorkerFailure,
  WorkerReply,
  WorkerRequest,
  WorkerResults,
} from './protocol.js';
import { SerialQueues } from './serial-queue.js';

const pkcs11js = createRequire(import.meta.url)('pkcs11js') as typeof Pkcs11;
const port = parentPort;
if (!port) throw new Error('pkcs11-worker must run in a worker thread');

interface LoadedModule {
  lib: Pkcs11.PKCS11;
  info: ModuleRecord;
  /** Open signing sessions: the module is not reloaded while any exists. */
  sessions: number;
}

interface SigningSession {
  module: LoadedModule;
  token: string;
  session: Buffer;
  key: Buffer;
}

const modules = new Map<string, LoadedModule>();
const sessions = new Map<string, SigningSession>();
/** Logged-in sessions per token: the login state is shared, so log out with the last one. */
const logins = new Map<string, number>();
const queues = new SerialQueues();
let nextRef = 1;

class Failure extends Error {
  constructor(readonly failure: WorkerFailure) {
    super(failure.message);
  }
}

function trace(token: string, op: string, phase: 'start' | 'end'): void {
  port!.postMessage({ kind: 'trace', token, op, phase, at: Date.now() } satisfies WorkerReply);
}

/** Runs `task` in the token's queue, reporting when it starts and ends. */
function onToken<T>(token: string, op: string, task: () => T | Promise<T>): Promise<T> {
  return queues.run(token, async () => {
    trace(token, op, 'start');
    try {
      return await task();
    } finally {
      trace(token, op, 'end');
    }
  });
}

const text = (s: string): string => s.replace(/\0/g, '').trim();
const version = (v: { major: number; minor: number }): string => `${v.major}.${v.minor}`;

function initialize(lib: Pkcs11.PKCS11): void {
  try {
    // OS locking: C_SignAsync calls the module from libuv threads.
    lib.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (error) {
    if (!String((error as Error).message).includes('CKR_CRYPTOKI_ALREADY_INITIALIZED')) throw error;
  }
}

function load(path: string): LoadedModule {
  const cached = modules.get(path);
  if (cached) return cached;
  const lib = new pkcs11js.PKCS11();
  try {
    lib.load(path);
  } catch (error) {
    throw new Failure({ load: true, message: `${path}: ${(error as Error).message}` });
  }
  initialize(lib);
  const info = lib.C_GetInfo();
  const loaded: LoadedModule = {
    lib,
    sessions: 0,
    info: {
      path,
      manufacturer: text(info.manufacturerID),
      description: text(info.libraryDescription),
      cryptokiVersion: version(info.cryptokiVersion),
      libraryVersion: version(info.libraryVersion),
    },
  };
  modules.set(path, loaded);
  return loaded;
}

function slots(path: string, reload: boolean): SlotRecord[] {
  const m = load(path);
  // Some modules (SoftHSM among them) fix their slot list at C_Initialize: re-initialise while idle.
  if (reload && m.sessions === 0) {
    m.lib.C_Finalize();
    initialize(m.lib);
  }
  return m.lib.C_GetSlotList(false).map((slot) => {
    const s = m.lib.C_GetSlotInfo(slot);
    const record: SlotRecord = {
      slot: slot.toString('hex'),
      description: text(s.slotDescription),
      manufacturer: text(s.manufacturerID),
      flags: s.flags,
    };
    // CKF_TOKEN_PRESENT (0x1): missing from the pkcs11js type declarations.
    if (s.flags & 0x1) {
      try {
        const t = m.lib.C_GetTokenInfo(slot);
        record.token = {
          label: text(t.label),
          manufacturer: text(t.manufacturerID),
          model: text(t.model),
          serial: text(t.serialNumber),
          flags: t.flags,
          minPinLen: t.minPinLen,
          maxPinLen: t.maxPinLen,
        };
      } catch {
        // Pulled out between the two calls: report the slot as empty.
      }
    }
    return record;
  });
}

function find(lib: Pkcs11.PKCS11, session: Buffer, template: Pkcs11.Template): Buffer[] {
  lib.C_FindObjectsInit(session, template);
  try {
    return lib.C_FindObjects(session, 64);
  } finally {
    lib.C_FindObjectsFinal(session);
  }
}

function attrs(lib: Pkcs11.PKCS11, session: Buffer, handle: Buffer, types: number[]): (Buffer | undefined)[] {
  return lib
    .C_GetAttributeValue(
      session,
      handle,
      types.map((type) => ({ type })),
    )
    .map((a) => a.value as Buffer | undefined);
}

function readObjects(lib: Pkcs11.PKCS11, session: Buffer): ObjectRecord[] {
  const out: ObjectRecord[] = [];
  for (const h of find(lib, session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }])) {
    const [id, label, value] = attrs(lib, session, h, [
      pkcs11js.CKA_ID,
      pkcs11js.CKA_LABEL,
      pkcs11js.CKA_VALUE,
    ]);
    out.push({
      kind: 'certificate',
      id: id?.toString('hex') ?? '',
      label: label?.toString('utf8') ?? '',
      ...(value ? { value: new Uint8Array(value) } : {}),
    });
  }
  return out;
}

function withSession<T>(m: LoadedModule, slot: string, task: (session: Buffer) => T): T {
  const session = m.lib.C_OpenSession(Buffer.from(slot, 'hex'), pkcs11js.CKF_SERIAL_SESSION);
  try {
    return task(session);
  } finally {
    m.lib.C_CloseSession(session);
  }
}

function tokenFlags(m: LoadedModule, slot: string): number | undefined {
  try {
    return m.lib.C_GetTokenInfo(Buffer.from(slot, 'hex')).flags;
  } catch {
    return undefined;
  }
}

function login(m: LoadedModule, slot: string, token: string, session: Buffer, pin: string): void {
  const flags = tokenFlags(m, slot) ?? 0;
  // A token that says it is locked is not sent a PIN (some count even the attempt).
  if (flags & pkcs11js.CKF_USER_PIN_LOCKED) {
    throw new Failure({
      ckr: 'CKR_PIN_LOCKED',
      method: 'C_GetTokenInfo',
      message: 'user PIN locked',
      tokenFlags: flags,
    });
  }
  if ((logins.get(token) ?? 0) > 0) return;
  try {
    m.lib.C_Login(session, pkcs11js.CKU_USER, pin);
  } catch (error) {
    if (String((error as Error).message).includes('CKR_USER_ALREADY_LOGGED_IN')) return;
    const failure = describe(error);
    const after = tokenFlags(m, slot);
    throw new Failure(after === undefined ? failure : { ...failure, tokenFlags: after });
  }
}

function open(req: Extract<WorkerRequest, { op: 'open' }>, token: string): OpenedKey {
  const m = load(req.module);
  const { lib } = m;
  const session = lib.C_OpenSession(Buffer.from(req.slot, 'hex'), pkcs11js.CKF_SERIAL_SESSION);
  try {
    login(m, req.slot, token, session, req.pin);
    logins.set(token, (logins.get(token) ?? 0) + 1);
  } catch (error) {
    lib.C_CloseSession(session);
    throw error;
  }
  try {
    const template: Pkcs11.Template = [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }];
    if (req.id !== undefined) template.push({ type: pkcs11js.CKA_ID, value: Buffer.from(req.id, 'hex') });
    if (req.label !== undefined) template.push({ type: pkcs11js.CKA_LABEL, value: req.label });
    const keys = find(lib, session, template);
    const key = keys[0];
    if (!key || (keys.length > 1 && req.id === undefined && req.label === undefined)) {
      throw new Failure({
        notFound: true,
        message: key
          ? `${keys.length} private keys on the token: name one with id= or object=`
          : 'no such private key',
      });
    }
    const [type, id, label] = attrs(lib, session, key, [
      pkcs11js.CKA_KEY_TYPE,
      pkcs11js.CKA_ID,
      pkcs11js.CKA_LABEL,
    ]);
    const idHex = id?.toString('hex') ?? '';
    const certTemplate: Pkcs11.Template = [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE }];
    // CKA_ID links a key to its certificate; tokens that leave it empty are matched by label.
    if (idHex !== '') certTemplate.push({ type: pkcs11js.CKA_ID, value: id! });
    else if (label) certTemplate.push({ type: pkcs11js.CKA_LABEL, value: label });
    const cert = find(lib, session, certTemplate)[0];
    const certificate = cert ? attrs(lib, session, cert, [pkcs11js.CKA_VALUE])[0] : undefined;
    const ref = String(nextRef++);
    sessions.set(ref, { module: m, token, session, key });
    m.sessions++;
    return {
      ref,
      keyType: type ? type.readUIntLE(0, Math.min(type.length, 6)) : -1,
      id: idHex,
      label: label?.toString('utf8') ?? '',
      ...(certificate ? { certificate: new Uint8Array(certificate) } : {}),
      mechanisms: lib.C_GetMechanismList(Buffer.from(req.slot, 'hex')),
    };
  } catch (error) {
    release(m, token, session);
    throw error;
  }
}

function release(m: LoadedModule, token: string, session: Buffer): void {
  const count = (logins.get(token) ?? 1) - 1;
  if (count <= 0) {
    logins.delete(token);
    try {
      m.lib.C_Logout(session);
    } catch {
      // Already logged out or removed: nothing left to release.
    }
  } else {
    logins.set(token, count);
  }
  try {
    m.lib.C_CloseSession(session);
  } catch {
    // Session already gone with the token.
  }
}

async function sign(req: Extract<WorkerRequest, { op: 'sign' }>): Promise<Uint8Array> {
  const s = sessions.get(req.ref);
  if (!s) throw new Failure({ message: 'signing session is closed' });
  return onToken(s.token, 'sign', async () => {
    const mechanism: Pkcs11.Mechanism = { mechanism: req.mechanism };
    if (req.pss) mechanism.parameter = { type: pkcs11js.CK_PARAMS_RSA_PSS, ...req.pss };
    s.module.lib.C_SignInit(s.session, mechanism, s.key);
    const out = await s.module.lib.C_SignAsync(s.session, Buffer.from(req.data), Buffer.alloc(1024));
    return new Uint8Array(out);
  });
}

function describe(error: unknown): WorkerFailure {
  if (error instanceof Failure) return error.failure;
  const e = error as { message?: string; method?: string };
  const message = String(e.message ?? error);
  const ckr = /CKR_[A-Z0-9_]+/.exec(message)?.[0];
  return { message, ...(ckr ? { ckr } : {}), ...(e.method ? { method: e.method } : {}) };
}

const tokenKey = (module: string, slot: string): string => `${module}#${slot}`;

async function handle(req: WorkerRequest): Promise<WorkerResults[WorkerRequest['op']]> {
  switch (req.op) {
    case 'modules':
      return [...modules.keys()];
    case 'load':
      return load(req.module).info;
    case 'slots':
      return slots(req.module, req.reload);
    case 'objects': {
      const m = load(req.module);
      return onToken(tokenKey(req.module, req.slot), 'objects', () =>
        withSession(m, req.slot, (session) => readObjects(m.lib, session)),
      );
    }
    case 'open': {
      const token = tokenKey(req.module, req.slot);
      return onToken(token, 'open', () => open(req, token));
    }
    case 'sign':
      return sign(req);
    case 'close': {
      const s = sessions.get(req.ref);
      if (!s) return null;
      sessions.delete(req.ref);
      return onToken(s.token, 'close', () => {
        release(s.module, s.token, s.session);
        s.module.sessions--;
        return null;
      });
    }
  }
}

port.on('message', (envelope: WorkerEnvelope) => {
  handle(envelope.request).then(
    (result) => port.postMessage({ kind: 'reply', id: envelope.id, ok: true, result } satisfies WorkerReply),
    (error: unknown) =>
      port.postMessage({
        kind: 'reply',
        id: envelope.id,
        ok: false,
        error: describe(error),
      } satisfies WorkerReply),
  );
});
