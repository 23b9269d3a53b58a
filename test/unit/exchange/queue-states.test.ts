import { describe, expect, it } from 'vitest';
import { assertTransition } from '../../../daemon/src/exchange/queue/states.js';

/** A refused move is a typed error that names both ends, so the log and the clerk see which move. */
describe('a refused transition', () => {
  it('is QUEUE_STATE with the from and to states in its details', () => {
    expect(() => assertTransition('sent', 'queued')).toThrow(
      expect.objectContaining({
        code: 'QUEUE_STATE',
        details: { from: 'sent', to: 'queued', detail: 'sent → queued' },
      }),
    );
  });

  it('an allowed move passes', () => {
    expect(() => assertTransition('failed', 'sending')).not.toThrow();
  });
});
