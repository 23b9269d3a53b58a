import { afterEach, describe, expect, it, vi } from 'vitest';

type Policy = Record<string, unknown>;
type ChangeListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

/** A browser whose managed storage answers when the test says so (Chromium's policy service loading). */
function fakeBrowser() {
  let answer: (value: Policy) => void = () => {};
  const reads: number[] = [];
  const listeners: ChangeListener[] = [];
  const browser = {
    storage: {
      managed: {
        get: () => {
          reads.push(Date.now());
          return new Promise<Policy>((resolve) => {
            answer = resolve;
          });
        },
      },
      onChanged: { addListener: (l: ChangeListener) => listeners.push(l) },
    },
  };
  return {
    browser,
    reads,
    answer: (value: Policy) => answer(value),
    change: (changes: Record<string, { newValue?: unknown }>, area = 'managed') => {
      for (const l of listeners) l(changes, area);
    },
  };
}

async function load(fake: ReturnType<typeof fakeBrowser>) {
  vi.resetModules();
  vi.doMock('webextension-polyfill', () => ({ default: fake.browser }));
  return import('../../../extension/src/background/managed-policy.js');
}

afterEach(() => {
  vi.useRealTimers();
  vi.doUnmock('webextension-polyfill');
});

describe('admin policy in the background', () => {
  it('answers from the first read when it comes in time, and reads storage once', async () => {
    const fake = fakeBrowser();
    const { managedPolicy, watchManagedPolicy } = await load(fake);
    watchManagedPolicy();
    const first = managedPolicy();
    fake.answer({ batchSigning: true });
    await expect(first).resolves.toEqual({ batchSigning: true });
    await expect(managedPolicy()).resolves.toEqual({ batchSigning: true });
    expect(fake.reads).toHaveLength(1);
  });

  it('goes on without a policy that is slow to load (granting nothing), then re-applies it on arrival', async () => {
    vi.useFakeTimers();
    const fake = fakeBrowser();
    const { managedPolicy, onLatePolicy, watchManagedPolicy } = await load(fake);
    const arrived = vi.fn();
    onLatePolicy(arrived);
    watchManagedPolicy();
    const waiting = managedPolicy();
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(waiting).resolves.toEqual({});
    expect(arrived).not.toHaveBeenCalled();
    fake.answer({ profiles: [{ id: 'qlvb' }] });
    await vi.advanceTimersByTimeAsync(0);
    expect(arrived).toHaveBeenCalledOnce();
    await expect(managedPolicy()).resolves.toEqual({ profiles: [{ id: 'qlvb' }] });
  });

  it('does not call back when nobody went on without the policy', async () => {
    const fake = fakeBrowser();
    const { managedPolicy, onLatePolicy, watchManagedPolicy } = await load(fake);
    const arrived = vi.fn();
    onLatePolicy(arrived);
    watchManagedPolicy();
    fake.answer({});
    await expect(managedPolicy()).resolves.toEqual({});
    expect(arrived).not.toHaveBeenCalled();
  });

  it('follows the admin changing or removing keys, and ignores other storage areas', async () => {
    const fake = fakeBrowser();
    const { managedPolicy, watchManagedPolicy } = await load(fake);
    watchManagedPolicy();
    fake.answer({ batchSigning: true, origins: ['https://qlvb.a.gov.vn'] });
    await managedPolicy();
    fake.change({ batchSigning: {}, profiles: { newValue: [] } });
    fake.change({ origins: { newValue: [] } }, 'local');
    await expect(managedPolicy()).resolves.toEqual({ origins: ['https://qlvb.a.gov.vn'], profiles: [] });
  });
});
