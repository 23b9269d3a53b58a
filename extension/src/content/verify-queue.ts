import browser from 'webextension-polyfill';
import type { ContentRequest } from '../messaging/messages.js';
import { isVerifyBadge, type VerifyBadge } from '../messaging/verify-badge.js';

/** At most this many verifications in flight per page: a list of 1,000 rows must not flood the daemon. */
const PARALLEL = 2;

/** Queues badge verifications for links and calls back as each answer arrives. */
export function createVerifyQueue(onResult: (url: string, badge: VerifyBadge) => void) {
  const waiting: string[] = [];
  const seen = new Set<string>();
  let running = 0;
  const pump = () => {
    while (running < PARALLEL && waiting.length > 0) {
      const url = waiting.shift() as string;
      running++;
      const request: ContentRequest = { type: 'verify.url', url };
      void browser.runtime
        .sendMessage(request)
        .then((answer: unknown) => {
          if (isVerifyBadge(answer)) onResult(url, answer);
        })
        .catch(() => undefined)
        .finally(() => {
          running--;
          pump();
        });
    }
  };
  return {
    add(url: string) {
      if (seen.has(url)) return;
      seen.add(url);
      waiting.push(url);
      pump();
    },
  };
}
