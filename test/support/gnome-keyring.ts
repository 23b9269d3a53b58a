import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Runs shell `commands` in a private D-Bus session with an unlocked gnome-keyring (the Secret
 * Service the OS keychain uses on Linux), under a throwaway HOME; returns their stdout.
 */
export function inGnomeKeyring(home: string, commands: string): string {
  mkdirSync(home, { recursive: true });
  const script = `echo -n vanthu-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; ${commands}`;
  return execFileSync('dbus-run-session', ['--', 'sh', '-c', script], {
    env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'share') },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  });
}
