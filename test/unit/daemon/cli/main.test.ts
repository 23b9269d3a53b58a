import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../../daemon/src/cli/main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  return { out, err };
}

describe('vanthu CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exits 2 with one coded line on an unknown command', async () => {
    const { err } = capture();
    expect(await main(['bogus'])).toBe(2);
    expect(err.join('')).toMatch(/^vanthu: USAGE: Sai cú pháp lệnh/);
  });

  it('answers in English with --lang en, and as JSON with --json', async () => {
    const { out, err } = capture();
    expect(await main(['version', '--bogus-flag', '--lang', 'en', '--json'])).toBe(2);
    expect(err.join('')).toContain('USAGE: Invalid command usage');
    expect(JSON.parse(out.join('')).error.code).toBe('USAGE');
  });

  it('prints the version as JSON', async () => {
    const { out } = capture();
    expect(await main(['version', '--json'])).toBe(0);
    expect(JSON.parse(out.join(''))).toHaveProperty('version');
  });
});
