import { type ErrorCode, VanthuError, toVanthuError } from '@vanthu/shared/errors/index';
import type {
  DaemonEvent,
  DaemonRequestType,
  HelloResult,
  RequestPayload,
} from '@vanthu/shared/protocol/index';
import { type Answer, DaemonConnection, type RequestOptions } from './connection.js';
import type { Pairing } from './pairing.js';
import type { OpenSocket } from './socket.js';

export type DaemonState = 'connected' | 'connecting' | 'not-paired' | 'unreachable';

export interface DaemonClientOptions {
  readonly loadPairing: () => Promise<Pairing | undefined>;
  readonly forgetPairing: (pairing: Pairing) => Promise<void>;
  readonly open: OpenSocket;
  readonly origin: string;
  readonly clientVersion: string;
  /**
   * The language of each new connection's hello, read as it connects: the service worker learns the
   * user's choice from storage, and the user may change it while the worker lives.
   */
  readonly lang?: () => 'vi' | 'en' | Promise<'vi' | 'en'>;
  /** Milliseconds between keepalive messages while requests are in flight (MV3 workers sleep at 30 s). */
  readonly keepaliveMs?: number;
  /** Backoff between reconnect attempts: first delay and cap, milliseconds. */
  readonly backoffMs?: readonly [number, number];
  /** How long a request waits for the daemon to come back before failing, milliseconds. */
  readonly reconnectWindowMs?: number;
}

/** Errors after which retrying with the same pairing cannot help. */
const PAIRING_ERRORS: readonly ErrorCode[] = ['NOT_PAIRED', 'PAIRING_FAILED', 'ORIGIN_DENIED'];

/**
 * The extension's client of the local daemon: connects and authenticates on demand, reconnects with
 * exponential backoff after a drop (daemon restarted, laptop resumed), and while work is in flight sends
 * a small message every few seconds, because Chrome keeps a service worker alive only while WebSocket
 * traffic passes at least every 30 s.
 */
export class DaemonClient {
  readonly #options: DaemonClientOptions;
  #connection: DaemonConnection | undefined;
  #connecting: Promise<DaemonConnection> | undefined;
  #state: DaemonState = 'unreachable';
  #lastError: VanthuError | undefined;
  #attempt = 0;
  #keepalive: ReturnType<typeof setInterval> | undefined;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #busy = 0;
  readonly #eventListeners = new Set<(event: DaemonEvent) => void>();
  readonly #stateListeners = new Set<(state: DaemonState) => void>();

  constructor(options: DaemonClientOptions) {
    this.#options = options;
  }

  get state(): DaemonState {
    return this.#state;
  }

  get lastError(): VanthuError | undefined {
    return this.#lastError;
  }

  get hello(): HelloResult | undefined {
    return this.#connection?.hello;
  }

  onEvent(listener: (event: DaemonEvent) => void): () => void {
    this.#eventListeners.add(listener);
    return () => this.#eventListeners.delete(listener);
  }

  onState(listener: (state: DaemonState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  /** An authenticated connection: the current one, or a new one (one attempt, no waiting). */
  connect(): Promise<DaemonConnection> {
    if (this.#connection && !this.#connection.closed) return Promise.resolve(this.#connection);
    this.#connecting ??= this.#establish().finally(() => {
      this.#connecting = undefined;
    });
    return this.#connecting;
  }

  /**
   * Sends one request; when the daemon is unreachable it keeps trying with backoff for the reconnect
   * window (a restarting daemon is back within seconds) before giving up with DAEMON_UNREACHABLE.
   */
  async request<T extends DaemonRequestType>(
    type: T,
    payload: RequestPayload<T>,
    options: RequestOptions = {},
  ): Promise<Answer<T>> {
    this.#busy++;
    this.#updateKeepalive();
    try {
      const deadline = Date.now() + (this.#options.reconnectWindowMs ?? 10_000);
      for (;;) {
        let connection: DaemonConnection;
        try {
          connection = await this.connect();
        } catch (e) {
          const error = toVanthuError(e);
          if (error.code !== 'DAEMON_UNREACHABLE' || Date.now() >= deadline || options.signal?.aborted)
            throw error;
          await new Promise((r) => setTimeout(r, this.#delay()));
          continue;
        }
        return await connection.request(type, payload, options);
      }
    } finally {
      this.#busy--;
      this.#updateKeepalive();
    }
  }

  /** Closes the connection and forgets it (pairing changed, or the extension is shutting down). */
  reset(): void {
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    const connection = this.#connection;
    this.#connection = undefined;
    connection?.close();
    this.#attempt = 0;
  }

  async #establish(): Promise<DaemonConnection> {
    this.#setState('connecting');
    const pairing = await this.#options.loadPairing();
    if (!pairing) {
      this.#lastError = new VanthuError('NOT_PAIRED');
      this.#setState('not-paired');
      throw this.#lastError;
    }
    const lang = await this.#options.lang?.();
    let connection: DaemonConnection | undefined;
    try {
      connection = await DaemonConnection.open({
        url: pairing.url,
        open: this.#options.open,
        origin: this.#options.origin,
        clientVersion: this.#options.clientVersion,
        ...(lang ? { lang } : {}),
      });
      await connection.authenticate(pairing.secret, this.#options.origin);
    } catch (e) {
      connection?.close();
      const error = toVanthuError(e, 'DAEMON_UNREACHABLE');
      this.#lastError = error;
      if (PAIRING_ERRORS.includes(error.code)) {
        await this.#options.forgetPairing(pairing);
        this.#setState('not-paired');
      } else {
        this.#setState('unreachable');
      }
      throw error;
    }
    this.#attempt = 0;
    this.#lastError = undefined;
    this.#connection = connection;
    connection.onEvent((event) => {
      for (const listener of this.#eventListeners) listener(event);
    });
    connection.onClose((error) => {
      if (this.#connection !== connection) return;
      this.#connection = undefined;
      this.#lastError = error;
      this.#setState('unreachable');
      this.#scheduleReconnect();
    });
    this.#setState('connected');
    return connection;
  }

  /** After a drop, reconnects in the background with growing delays while anyone is listening. */
  #scheduleReconnect(): void {
    if (this.#reconnectTimer || (this.#stateListeners.size === 0 && this.#busy === 0)) return;
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      this.connect().catch(() => {
        if (this.#state === 'unreachable') this.#scheduleReconnect();
      });
    }, this.#delay());
  }

  /** Exponential backoff with jitter: 0.5 s, 1 s, 2 s … capped. */
  #delay(): number {
    const [first, cap] = this.#options.backoffMs ?? [500, 15_000];
    const base = Math.min(cap, first * 2 ** this.#attempt);
    this.#attempt++;
    return Math.round(base * (0.75 + Math.random() * 0.5));
  }

  #updateKeepalive(): void {
    if (this.#busy > 0 && !this.#keepalive) {
      // `cancel` of an id that is not in flight is the protocol's cheapest authenticated round trip.
      this.#keepalive = setInterval(() => {
        const connection = this.#connection;
        if (connection && !connection.closed && connection.authenticated) {
          void connection.request('cancel', { target: 'keepalive' }).catch(() => undefined);
        }
      }, this.#options.keepaliveMs ?? 15_000);
    } else if (this.#busy === 0 && this.#keepalive) {
      clearInterval(this.#keepalive);
      this.#keepalive = undefined;
    }
  }

  #setState(state: DaemonState): void {
    if (this.#state === state) return;
    this.#state = state;
    for (const listener of this.#stateListeners) listener(state);
  }
}
