import browser from 'webextension-polyfill';

/**
 * Admin policy (`storage.managed`), read once per service-worker life and kept current. Chromium
 * answers the first read only once its policy service has loaded, which on a busy workstation can take
 * tens of seconds; nothing that serves a page may wait for it. Until it arrives the policy counts as
 * empty — it grants nothing then, so every decision fails closed — and listeners re-apply it on arrival.
 */
type Policy = Record<string, unknown>;

/** How long a caller waits for the first read before going on without the policy. */
const FIRST_READ_WAIT_MS = 1_000;

let known: Policy | undefined;
let reading: Promise<Policy> | undefined;
let missedArrival = false;
const arrivalListeners = new Set<() => void>();

function startReading(): Promise<Policy> {
  reading ??= browser.storage.managed.get().then(
    (value) => settle(value),
    // No managed storage (no schema, or a browser without it): no policy.
    () => settle({}),
  );
  return reading;
}

function settle(value: Policy): Policy {
  known ??= { ...value };
  if (missedArrival) for (const listener of arrivalListeners) listener();
  return known;
}

/** The policy as known now: waits a moment for the first read, then answers without it. */
export async function managedPolicy(): Promise<Policy> {
  if (known) return known;
  const late = new Promise<undefined>((resolve) => setTimeout(resolve, FIRST_READ_WAIT_MS));
  const value = await Promise.race([startReading(), late]);
  if (value) return value;
  missedArrival = true;
  return {};
}

/** Called once the first read completes after some caller went on without it. */
export function onLatePolicy(listener: () => void): void {
  arrivalListeners.add(listener);
}

/** Keeps the known policy current when the admin changes it. */
export function watchManagedPolicy(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area !== 'managed' || !known) return;
    for (const [key, change] of Object.entries(changes)) {
      if (change.newValue === undefined) delete known[key];
      else known[key] = change.newValue;
    }
  });
  void startReading();
}
