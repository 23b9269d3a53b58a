import { vietnamToday } from '@vanthu/shared/domain/index';
import { toVanthuError } from '@vanthu/shared/errors/index';
import type { RegistryEntry } from '@vanthu/shared/protocol/index';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DaemonClient } from '../../background/daemon/client.js';
import { errorLine } from '../../i18n/errors.js';

/** The outgoing books and document types already used this year, to pick from. */
export interface NumberingChoices {
  /** Book series; "" is the general book. */
  readonly series: readonly string[];
  /** Ký hiệu of the document types, e.g. "QĐ-UBND". */
  readonly notations: readonly string[];
}

export interface ReservationView {
  readonly choices: NumberingChoices;
  /** The number the register reserved for this window, not yet used. */
  readonly reserved: RegistryEntry | undefined;
  readonly busy: boolean;
  readonly problem: string | undefined;
  /** Takes the next number of the book for the type (giving back the one held, if any). */
  readonly reserve: (series: string, notation: string) => Promise<void>;
  /** Gives the held number back, or voids it with `reason` when a later one was taken. */
  readonly release: (reason: string) => Promise<'given_back' | 'voided' | undefined>;
  /** The held number was used (kept with the sealed document): nothing to give back. */
  readonly used: () => void;
}

const CLOSED_REASON = 'Văn thư đóng cửa sổ "Cấp số & đóng dấu" mà không đóng dấu';
const CHANGED_REASON = 'Văn thư chọn sổ hoặc loại văn bản khác trước khi đóng dấu';

/** "Cấp số": the number comes from the register and is held until it is sealed or given back. */
export function useReservation(client: DaemonClient, enabled: boolean): ReservationView {
  const [choices, setChoices] = useState<NumberingChoices>({ series: [''], notations: [] });
  const [reserved, setReserved] = useState<RegistryEntry>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  // The closing handler reads the current reservation, not the one of its first render.
  const held = useRef<RegistryEntry | undefined>(undefined);
  const hold = useCallback((entry: RegistryEntry | undefined) => {
    held.current = entry;
    setReserved(entry);
  }, []);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const year = Number(vietnamToday().slice(0, 4));
    client.request('registry.list', { kind: 'outgoing', year, limit: 1000 }).then(
      ({ result }) => {
        if (!live) return;
        const series = new Set(['', ...result.entries.map((e) => e.series)]);
        const notations = new Set(
          result.entries
            .map((e) => e.fields['CodeNotation'])
            .filter((n): n is string => typeof n === 'string'),
        );
        setChoices({ series: [...series].sort(), notations: [...notations].sort() });
      },
      (e: unknown) => live && setProblem(errorLine(toVanthuError(e))),
    );
    return () => {
      live = false;
    };
  }, [client, enabled]);

  const release = useCallback(
    async (reason: string) => {
      const entry = held.current;
      if (!entry) return undefined;
      hold(undefined);
      const { result } = await client.request('registry.release', { id: entry.id, reason });
      return result.outcome;
    },
    [client, hold],
  );

  const reserve = useCallback(
    async (series: string, notation: string) => {
      setBusy(true);
      setProblem(undefined);
      try {
        await release(CHANGED_REASON);
        const { result } = await client.request('registry.reserve', {
          series,
          codeNotation: notation.trim(),
        });
        hold(result.entry);
      } catch (e) {
        setProblem(errorLine(toVanthuError(e)));
      } finally {
        setBusy(false);
      }
    },
    [client, release, hold],
  );

  // A window closed with a number still held gives it back (best effort: the socket may already be
  // gone, and then the daemon releases what this connection held). The first of the two events
  // releases; the second finds nothing held.
  useEffect(() => {
    const onHide = () => void release(CLOSED_REASON).catch(() => undefined);
    addEventListener('beforeunload', onHide);
    addEventListener('pagehide', onHide);
    return () => {
      removeEventListener('beforeunload', onHide);
      removeEventListener('pagehide', onHide);
    };
  }, [release]);

  return {
    choices,
    reserved,
    busy,
    problem,
    reserve,
    release,
    used: useCallback(() => hold(undefined), [hold]),
  };
}
