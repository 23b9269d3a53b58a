import { describe, expect, it } from 'vitest';
import { ProgressBar } from '../../../../daemon/src/cli/progress.js';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, s: { isTTY, write: (t: string) => writes.push(t) > 0 } as unknown as NodeJS.WriteStream };
}

describe('ProgressBar', () => {
  it('draws on a terminal, in place, and clears before other output', () => {
    const { writes, s } = stream(true);
    const bar = new ProgressBar(4, s, 8);
    bar.tick();
    bar.tick();
    expect(writes).toEqual(['\r[##------] 1/4', '\r[####----] 2/4']);
    bar.clear();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    bar.clear();
    expect(writes).toHaveLength(3);
  });

  it('draws nothing when stderr is piped', () => {
    const { writes, s } = stream(false);
    const bar = new ProgressBar(4, s, 8);
    bar.tick();
    bar.clear();
    expect(writes).toEqual([]);
  });
});
