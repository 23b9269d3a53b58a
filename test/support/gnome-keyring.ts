import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Shell lines that wait until the keyring daemon started just before owns the Secret Service name on
 * the bus. Until then, the first client's call makes D-Bus activate a second daemon that knows no
 * password: under load it can win the name, and every write then fails with "unlock prompt was
 * dismissed". NameHasOwner never activates. With `unlocked`, the login collection must also say it
 * is unlocked. Gives up after about 20 s (the calls that follow then fail with their own error).
 */
function waitForSecretService(state: 'unlocked' | 'locked'): string {
  const owned =
    'dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus ' +
    'org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"';
  const open =
    'dbus-send --session --print-reply --dest=org.freedesktop.secrets ' +
    '/org/freedesktop/secrets/collection/login org.freedesktop.DBus.Properties.Get ' +
    'string:org.freedesktop.Secret.Collection string:Locked 2>/dev/null | grep -q "boolean false"';
  const ready = state === 'unlocked' ? `{ ${owned} && ${open}; }` : owned;
  return `i=0; until ${ready} || [ $i -ge 400 ]; do i=$((i+1)); sleep 0.05; done`;
}

/**
 * Runs shell `commands` in a private D-Bus session with an unlocked gnome-keyring (the Secret
 * Service the OS keychain uses on Linux), under a throwaway HOME; returns their stdout.
 */
export function inGnomeKeyring(home: string, commands: string): string {
  mkdirSync(home, { recursive: true });
  const start = 'echo -n vanthu-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1';
  const script = `${start}; ${waitForSecretService('unlocked')}; ${commands}`;
  return execFileSync('dbus-run-session', ['--', 'sh', '-c', script], {
    env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'share') },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    timeout: 30_000,
  });
}

export interface KeyringSession {
  /** DBUS_SESSION_BUS_ADDRESS of the session: give it to a process to let it reach the keyring. */
  busAddress: string;
  stop(): void;
}

/**
 * A private D-Bus session with gnome-keyring's Secret Service kept running, so that several processes
 * can be started in it or outside it. `locked`: the login keyring is never unlocked, as on a desktop
 * whose keyring refuses access (writes fail with "no result found").
 */
export async function startKeyringSession(
  home: string,
  state: 'unlocked' | 'locked',
): Promise<KeyringSession> {
  mkdirSync(home, { recursive: true });
  const start =
    state === 'unlocked'
      ? 'echo -n vanthu-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1'
      : 'gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1';
  const child = spawn(
    'dbus-run-session',
    [
      '--',
      'sh',
      '-c',
      `${start}; ${waitForSecretService(state)}; echo "$DBUS_SESSION_BUS_ADDRESS"; exec sleep 600`,
    ],
    {
      env: { ...process.env, HOME: home, XDG_DATA_HOME: join(home, 'share') },
      stdio: ['ignore', 'pipe', 'ignore'],
      detached: true,
    },
  );
  const busAddress = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('\n')) resolve(out.trim());
    });
    child.once('exit', (code) => reject(new Error(`dbus-run-session exited with ${code}`)));
  });
  return {
    busAddress,
    stop: () => {
      // The whole process group: dbus-run-session, its bus, the keyring daemon and sleep.
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    },
  };
}
