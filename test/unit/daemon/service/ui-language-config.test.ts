import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../../daemon/src/cli/main.js';
import { loadConfig } from '../../../../daemon/src/config/loader.js';
import { tempDir } from '../../../support/pdf-inputs.js';

// config `ui.language`: the language of the CLI's and the daemon's messages, "vi" or "en".
let tmp: ReturnType<typeof tempDir>;
let env: NodeJS.ProcessEnv;

function file(value: unknown): string {
  const path = join(tmp.dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** `vanthu config validate` in-process: exit code and what it wrote to stderr. */
async function validate(path: string): Promise<{ code: number; stderr: string }> {
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  const code = await main(['config', 'validate', '--config', path, '--lang', 'en']);
  vi.restoreAllMocks();
  return { code, stderr: err.join('') };
}

beforeEach(() => {
  tmp = tempDir('vanthu-ui-config-');
  env = { VANTHU_HOME: tmp.dir, VANTHU_SYSTEM_CONFIG: join(tmp.dir, 'admin.json') };
  process.env['VANTHU_HOME'] = tmp.dir;
  process.env['VANTHU_SYSTEM_CONFIG'] = join(tmp.dir, 'admin.json');
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env['VANTHU_HOME'];
  delete process.env['VANTHU_SYSTEM_CONFIG'];
  tmp.cleanup();
});

describe('config ui.language', () => {
  it('vi and en are kept', () => {
    for (const language of ['vi', 'en'])
      expect(loadConfig({ configPath: file({ ui: { language } }), env }).config.ui).toEqual({ language });
  });

  it('another value is CONFIG_INVALID naming the key, and vanthu config validate fails on it', async () => {
    let error: { code?: string; message?: string } | undefined;
    try {
      loadConfig({ configPath: file({ ui: { language: 'fr' } }), env });
    } catch (e) {
      error = e as { code: string; message: string };
    }
    expect(error?.code).toBe('CONFIG_INVALID');
    expect(error?.message).toContain('ui.language');
    const bad = await validate(file({ ui: { language: 'vietnamese' } }));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CONFIG_INVALID');
    expect(bad.stderr).toContain('ui.language');
    expect((await validate(file({ ui: { language: 'en' } }))).code).toBe(0);
  });

  it('an unknown key under ui is refused', () => {
    expect(() => loadConfig({ configPath: file({ ui: { theme: 'dark' } }), env })).toThrow(/ui/);
  });

  it('the shipped JSON schema offers vi and en', () => {
    const shipped = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../../daemon/schema/config.schema.json'), 'utf8'),
    ) as { properties: { ui: { properties: { language: { enum: string[] } } } } };
    expect(shipped.properties.ui.properties.language.enum).toEqual(['vi', 'en']);
  });
});
