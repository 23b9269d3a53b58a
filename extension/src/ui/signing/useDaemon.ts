import { toVanthuError } from '@vanthu/shared/errors/index';
import type { CertificateInfo, HelloResult } from '@vanthu/shared/protocol/index';
import { useEffect, useMemo, useState } from 'react';
import { createBrowserClient } from '../../background/daemon/browser-client.js';
import type { DaemonClient } from '../../background/daemon/client.js';
import { errorLine } from '../../i18n/errors.js';
import { fitForSigning } from '../shared/signing-certificates.js';

export interface DaemonView {
  readonly client: DaemonClient;
  readonly certificates: readonly (CertificateInfo & { readonly token: string })[];
  readonly hello: HelloResult | undefined;
  /** Why the daemon or its tokens are not available, one line in the screen's language. */
  readonly problem: string | undefined;
  readonly reload: () => void;
}

/**
 * This window's own connection to the daemon (documents travel over it, not through the background)
 * and the certificates on the tokens plugged in, refreshed on token events.
 */
export function useDaemon(): DaemonView {
  const client = useMemo(() => createBrowserClient(), []);
  const [certificates, setCertificates] = useState<DaemonView['certificates']>([]);
  const [problem, setProblem] = useState<string>();
  const [generation, setGeneration] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `generation` is the reload trigger (token events, "Thử lại").
  useEffect(() => {
    let live = true;
    client.request('tokens.list', {}).then(
      ({ result }) => {
        if (!live) return;
        const list = result.tokens.flatMap((t) =>
          t.certificates.filter(fitForSigning).map((c) => ({ ...c, token: t.label })),
        );
        setCertificates(list);
        setProblem(
          list.length === 0
            ? errorLine({ code: result.tokens.length === 0 ? 'TOKEN_ABSENT' : 'KEY_NOT_FOUND' })
            : undefined,
        );
      },
      (e: unknown) => live && setProblem(errorLine(toVanthuError(e))),
    );
    const off = client.onEvent((event) => {
      if (event.type === 'token.inserted' || event.type === 'token.removed') setGeneration((g) => g + 1);
    });
    return () => {
      live = false;
      off();
    };
  }, [client, generation]);
  useEffect(() => () => client.reset(), [client]);
  return { client, certificates, hello: client.hello, problem, reload: () => setGeneration((g) => g + 1) };
}
