import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../daemon/src/config/loader.js';
import { configJsonSchema } from '../../../../daemon/src/config/schema.js';
import {
  PAIRING_CODE_ATTEMPTS,
  beginPairingAttempt,
  createPairingCode,
  retirePairingCode,
} from '../../../../daemon/src/pairing/pairing-code.js';
import { TokenBucket } from '../../../../daemon/src/server/rate-limit.js';
import { isLoopbackHost } from '../../../../daemon/src/server/upgrade-guard.js';
import { tempDir } from '../../../support/pdf-inputs.js';
import { pairingPassword } from '@vanthu/shared/pake/pairing-exchange';

const tmp = tempDir('vanthu-config-');
afterAll(() => tmp.cleanup());

function files(user: unknown, system: unknown) {
  const u = join(tmp.dir, `user-${Math.random()}.json`);
  const s = join(tmp.dir, `system-${Math.random()}.json`);
  if (user !== undefined) writeFileSync(u, JSON.stringify(user));
  if (system !== undefined) writeFileSync(s, JSON.stringify(system));
  return { configPath: u, env: { VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: s } };
}

describe('configuration', () => {
  it('merges defaults, user and admin files and says where each value came from', () => {
    const loaded = loadConfig(
      files({ server: { port: 48000 }, pin: { batchWindowSeconds: 30 } }, { pin: { batchWindowSeconds: 0 } }),
    );
    expect(loaded.config.server.port).toBe(48000);
    expect(loaded.config.pin.batchWindowSeconds).toBe(0);
    expect(loaded.sources['server.port']).toBe('user');
    expect(loaded.sources['pin.batchWindowSeconds']).toBe('system');
    expect(loaded.sources['server.maxJsonBytes']).toBe('default');
  });

  it('ignores (and reports) a user value for a key the admin locked', () => {
    const loaded = loadConfig(
      files({ server: { port: 48000, requestsPerSecond: 5 } }, { locked: ['server.port'] }),
    );
    expect(loaded.config.server.port).toBe(47891);
    expect(loaded.config.server.requestsPerSecond).toBe(5);
    expect(loaded.ignoredLocked).toEqual(['server.port']);
  });

  it('refuses invalid values, a missing --config file, and "locked" in the user file', () => {
    expect(() => loadConfig(files({ server: { port: 80 } }, undefined))).toThrow(/CONFIG|server\.port/);
    expect(() => loadConfig(files({ server: { bogus: 1 } }, undefined))).toThrow();
    expect(() => loadConfig(files({ locked: ['server.port'] }, undefined))).toThrow(/admin file only/);
    expect(() =>
      loadConfig({ configPath: join(tmp.dir, 'nope.json'), env: { VANTHU_HOME: tmp.dir } }),
    ).toThrow();
    const bad = join(tmp.dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    expect(() => loadConfig({ configPath: bad, env: { VANTHU_HOME: tmp.dir } })).toThrow(/bad\.json/);
  });

  it('ships the JSON Schema generated from the runtime schema', () => {
    const shipped = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../../daemon/schema/config.schema.json'), 'utf8'),
    );
    expect(shipped).toEqual(configJsonSchema());
  });
});

describe('manual pairing code', () => {
  it('keeps only the CPace password, expires, allows a limited number of runs, and retires once used', () => {
    const file = join(tmp.dir, 'code.json');
    const code = createPairingCode(file, 5, 1000);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(readFileSync(file, 'utf8')).not.toContain(code.replace('-', ''));
    const run = beginPairingAttempt(file, 2000);
    expect(run.password).toEqual(Buffer.from(pairingPassword(code.toLowerCase().replace('-', ' '))));
    expect(run.attemptsLeft).toBe(PAIRING_CODE_ATTEMPTS - 1);
    retirePairingCode(file, run.password);
    expect(() => beginPairingAttempt(file, 2000)).toThrow(/no pairing code/);

    const again = createPairingCode(file, 5, 1000);
    expect(() => beginPairingAttempt(file, 1000 + 6 * 60_000)).toThrow(/expired/);

    // Each run uses up an attempt before the daemon answers; the last one deletes the code.
    createPairingCode(file, 5, 1000);
    for (let i = 0; i < PAIRING_CODE_ATTEMPTS; i++) beginPairingAttempt(file, 2000);
    expect(() => beginPairingAttempt(file, 2000)).toThrow(/no pairing code/);

    // A confirmed run does not retire a newer code made by `vanthu pair` in the meantime.
    const newer = createPairingCode(file, 5, 1000);
    retirePairingCode(file, Buffer.from(pairingPassword(again)));
    expect(beginPairingAttempt(file, 2000).password).toEqual(Buffer.from(pairingPassword(newer)));
  });
});

describe('server guards', () => {
  it('accepts only loopback Host names with the right port', () => {
    expect(isLoopbackHost('127.0.0.1:47891', 47891)).toBe(true);
    expect(isLoopbackHost('LOCALHOST:47891', 47891)).toBe(true);
    expect(isLoopbackHost('[::1]:47891', 47891)).toBe(true);
    expect(isLoopbackHost('127.0.0.1', 47891)).toBe(false);
    expect(isLoopbackHost('localhost.attacker.example:47891', 47891)).toBe(false);
    expect(isLoopbackHost('127.0.0.2:47891', 47891)).toBe(false);
    expect(isLoopbackHost(undefined, 47891)).toBe(false);
  });

  it('token bucket allows a burst, then the sustained rate', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    let passed = 0;
    for (let i = 0; i < 30; i++) if (bucket.take()) passed++;
    expect(passed).toBe(20);
    now += 500;
    passed = 0;
    for (let i = 0; i < 30; i++) if (bucket.take()) passed++;
    expect(passed).toBe(5);
  });
});
