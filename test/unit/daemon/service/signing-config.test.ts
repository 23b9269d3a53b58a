import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../../daemon/src/cli/main.js';
import { loadConfig } from '../../../../daemon/src/config/loader.js';
import { tempDir } from '../../../support/pdf-inputs.js';

// config `signing`: the PAdES level the signing window pre-selects and the office TSA it timestamps with.
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

function file(value: unknown): string {
  const path = join(tmp.dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

function configError(value: unknown): { code: string; message: string } {
  try {
    loadConfig({ configPath: file(value), env });
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error('the config was accepted');
}

/** `vanthu config …` in-process: exit code and the JSON it printed. */
async function cli(args: string[]): Promise<{ code: number; json: Record<string, unknown> }> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main([...args, '--json', '--lang', 'en']);
  vi.restoreAllMocks();
  return { code, json: JSON.parse(out.join('')) as Record<string, unknown> };
}

beforeEach(() => {
  tmp = tempDir('vanthu-signing-config-');
  env = { VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json') };
});
afterEach(() => {
  vi.restoreAllMocks();
  tmp.cleanup();
});

describe('config signing.defaultLevel', () => {
  it('defaults to B-B without a TSA; a level above B-B with the office TSA is kept', () => {
    expect(loadConfig({ configPath: file({}), env }).config.signing).toEqual({ defaultLevel: 'B-B' });
    const tsa = 'http://tsa.example.vn/tsr';
    expect(
      loadConfig({ configPath: file({ signing: { defaultLevel: 'B-LT', tsa } }), env }).config.signing,
    ).toEqual({ defaultLevel: 'B-LT', tsa });
  });

  it('an unknown level is a typed config error naming the key', () => {
    // With a TSA, so only the level itself is at fault.
    const e = configError({ signing: { defaultLevel: 'B-LTV', tsa: 'https://tsa.example.vn' } });
    expect(e.message).toMatch(/signing\.defaultLevel: .*B-LTA/);
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toContain('signing.defaultLevel');
  });

  it('a level that needs a timestamp without signing.tsa is refused', () => {
    const e = configError({ signing: { defaultLevel: 'B-T' } });
    expect(e.code).toBe('CONFIG_INVALID');
    expect(e.message).toMatch(/signing\.defaultLevel: .*needs signing\.tsa/);
  });

  it('a TSA that is not an http(s) URL and an unknown key are refused', () => {
    expect(configError({ signing: { tsa: 'ftp://tsa.example.vn' } }).message).toContain('signing.tsa');
    expect(configError({ signing: { level: 'B-T' } }).code).toBe('CONFIG_INVALID');
  });

  it('`vanthu config validate` fails on a bad level; `config show` lists the default level', async () => {
    const bad = await cli([
      'config',
      'validate',
      '--config',
      file({ signing: { defaultLevel: 'X', tsa: 'https://tsa.example.vn' } }),
    ]);
    expect(bad.code).not.toBe(0);
    expect(JSON.stringify(bad.json)).toContain('signing.defaultLevel');
    const good = file({ signing: { defaultLevel: 'B-LTA', tsa: 'https://tsa.example.vn' } });
    expect((await cli(['config', 'validate', '--config', good])).code).toBe(0);
    const shown = (await cli(['config', 'show', '--config', good])).json['values'] as {
      key: string;
      value: unknown;
      source: string;
    }[];
    expect(shown.find((v) => v.key === 'signing.defaultLevel')).toMatchObject({
      value: 'B-LTA',
      source: 'user',
    });
  });
});
