import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { checkUpgrade, isLoopbackHost } from '../../../daemon/src/server/upgrade-guard.js';

const PORT = 41234;
const EXTENSION = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const options = { port: PORT, allowedOrigins: [EXTENSION] };

/** An upgrade request carrying only the headers the guard reads. */
function upgrade(headers: { host?: string; origin?: string }): IncomingMessage {
  return { headers } as IncomingMessage;
}

describe('isLoopbackHost: loopback names with our port only', () => {
  it.each([`127.0.0.1:${PORT}`, `localhost:${PORT}`, `[::1]:${PORT}`])('accepts %s', (host) => {
    expect(isLoopbackHost(host, PORT)).toBe(true);
  });

  it('ignores the case of the name', () => {
    expect(isLoopbackHost(`LocalHost:${PORT}`, PORT)).toBe(true);
  });

  it.each([
    ['no Host', undefined],
    ['an empty Host', ''],
    ['a rebound DNS name', `evil.example:${PORT}`],
    ['another port', `127.0.0.1:${PORT + 1}`],
    ['no port', '127.0.0.1'],
    ['a loopback name with a suffix', `localhost:${PORT}.evil.example`],
    ['another loopback address', `127.0.0.2:${PORT}`],
  ])('refuses %s', (_label, host) => {
    expect(isLoopbackHost(host, PORT)).toBe(false);
  });
});

describe('checkUpgrade: Host first, then Origin from the allowlist', () => {
  it('lets the extension in on a loopback Host and names its origin', () => {
    expect(checkUpgrade(upgrade({ host: `127.0.0.1:${PORT}`, origin: EXTENSION }), options)).toEqual({
      ok: true,
      origin: EXTENSION,
    });
  });

  it('refuses a non-loopback Host with 403 even from the extension', () => {
    expect(checkUpgrade(upgrade({ host: `evil.example:${PORT}`, origin: EXTENSION }), options)).toEqual({
      ok: false,
      status: 403,
      reason: 'Host is not a loopback name',
    });
  });

  it('refuses a request without Origin', () => {
    expect(checkUpgrade(upgrade({ host: `localhost:${PORT}` }), options)).toEqual({
      ok: false,
      status: 403,
      reason: 'no Origin',
    });
  });

  it('refuses an empty Origin as no Origin, even when the allowlist holds an empty entry', () => {
    const withEmpty = { port: PORT, allowedOrigins: ['', EXTENSION] };
    expect(checkUpgrade(upgrade({ host: `localhost:${PORT}`, origin: '' }), withEmpty)).toEqual({
      ok: false,
      status: 403,
      reason: 'no Origin',
    });
  });

  it('refuses a web page Origin that is not on the allowlist', () => {
    expect(checkUpgrade(upgrade({ host: `[::1]:${PORT}`, origin: 'https://evil.example' }), options)).toEqual(
      {
        ok: false,
        status: 403,
        reason: 'Origin not allowed',
      },
    );
  });
});
