import { describe, expect, it } from 'vitest';
import { ConversionSlots } from '../../../../daemon/src/convert/conversion-slots.js';

/** A task that finishes when told to, recording when it started. */
function gate(started: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((r) => {
    finish = r;
  });
  return {
    task: async () => {
      started.push(name);
      await done;
      return name;
    },
    finish,
  };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('conversion slots', () => {
  it('runs one conversion at a time, the next when the running one ends', async () => {
    const slots = new ConversionSlots(1, 4);
    const started: string[] = [];
    const a = gate(started, 'a');
    const b = gate(started, 'b');
    const pa = slots.run(a.task);
    const pb = slots.run(b.task);
    await tick();
    expect(started).toEqual(['a']);
    a.finish();
    expect(await pa).toBe('a');
    await tick();
    expect(started).toEqual(['a', 'b']);
    b.finish();
    expect(await pb).toBe('b');
  });

  it('gives the turn on even when the running conversion fails', async () => {
    const slots = new ConversionSlots(1, 4);
    const failing = slots.run(async () => {
      throw new Error('LibreOffice died');
    });
    const next = slots.run(async () => 'next');
    await expect(failing).rejects.toThrow('LibreOffice died');
    expect(await next).toBe('next');
  });

  it('refuses with BUSY beyond the waiting line instead of queueing without bound', async () => {
    const slots = new ConversionSlots(1, 2);
    const started: string[] = [];
    const a = gate(started, 'a');
    const running = slots.run(a.task);
    const waiting = [slots.run(async () => 'w1'), slots.run(async () => 'w2')];
    await expect(slots.run(async () => 'w3')).rejects.toMatchObject({ code: 'BUSY' });
    a.finish();
    await running;
    expect(await Promise.all(waiting)).toEqual(['w1', 'w2']);
  });

  it('drops a waiting conversion whose request is cancelled, without running it', async () => {
    const slots = new ConversionSlots(1, 4);
    const started: string[] = [];
    const a = gate(started, 'a');
    const running = slots.run(a.task);
    const abort = new AbortController();
    const cancelled = slots.run(gate(started, 'cancelled').task, abort.signal);
    const behind = slots.run(async () => 'behind');
    abort.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'USER_CANCELLED' });
    a.finish();
    await running;
    // The cancelled one gave up its place: the one behind it gets the turn.
    expect(await behind).toBe('behind');
    expect(started).toEqual(['a']);
  });
});
