import { EventEmitter } from 'node:events';
import { toVanthuError } from '@vanthu/shared/errors/index';
import { type DiscoverOptions, discoverModules } from './modules.js';
import { moduleSlots } from './pkcs11-slots.js';
import { type PinFlag, TOKEN_FLAGS, pinFlagNames } from './token-flags.js';
import type { Pkcs11Client } from './worker/client.js';

/** A token that appeared or disappeared. */
export interface TokenEvent {
  module: string;
  slot: string;
  label: string;
  serial: string;
  manufacturer: string;
  model: string;
  pinFlags: PinFlag[];
}

export interface TokenWatcherOptions extends DiscoverOptions {
  /** Poll interval (ms), default 1500. */
  intervalMs?: number;
}

/**
 * Detects token insertion and removal by polling the slot lists of the present modules (a module
 * is re-initialised between polls while it has no open session, because some fix their slot list
 * at C_Initialize). Events: `insert` and `remove` (TokenEvent), `warning` (VanthuError) when a poll
 * fails. The first poll sets the baseline: tokens already present are in `current()`, not events.
 */
export class TokenWatcher extends EventEmitter {
  private timer: NodeJS.Timeout | undefined;
  private known = new Map<string, TokenEvent>();
  private polling: Promise<void> | undefined;

  constructor(
    private readonly client: Pkcs11Client,
    private readonly opts: TokenWatcherOptions = {},
  ) {
    super();
  }

  /** Takes the baseline, then polls until stop(). */
  async start(): Promise<void> {
    if (this.timer) return;
    await this.poll(false);
    this.timer = setInterval(() => void this.poll(true), this.opts.intervalMs ?? 1500);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Tokens present at the last poll. */
  current(): TokenEvent[] {
    return [...this.known.values()];
  }

  /** One poll now (also what the timer runs); resolves when the events of this poll are emitted. */
  poll(emit = true): Promise<void> {
    this.polling ??= this.scan(emit).finally(() => {
      this.polling = undefined;
    });
    return this.polling;
  }

  private async scan(emit: boolean): Promise<void> {
    const seen = new Map<string, TokenEvent>();
    for (const module of discoverModules(this.opts).filter((m) => m.present)) {
      try {
        for (const s of await moduleSlots(this.client, module, true)) {
          const t = s.token;
          if (!t || !(t.flags & TOKEN_FLAGS.CKF_TOKEN_INITIALIZED)) continue;
          const event: TokenEvent = {
            module: module.path,
            slot: s.slot,
            label: t.label,
            serial: t.serial,
            manufacturer: t.manufacturer,
            model: t.model,
            pinFlags: pinFlagNames(t.flags),
          };
          seen.set(`${module.path}#${t.serial}#${t.label}`, event);
        }
      } catch (error) {
        this.emit('warning', toVanthuError(error, 'TOKEN_ERROR'));
        // Keep the previous state of a module that failed this time.
        for (const [k, v] of this.known) if (v.module === module.path) seen.set(k, v);
      }
    }
    const before = this.known;
    this.known = seen;
    if (!emit) return;
    for (const [k, v] of seen) if (!before.has(k)) this.emit('insert', v);
    for (const [k, v] of before) if (!seen.has(k)) this.emit('remove', v);
  }
}
