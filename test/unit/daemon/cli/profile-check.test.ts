import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../../daemon/src/cli/main.js';
import { DEMO_PORTAL_PROFILE } from '../../../../extension/src/profile/demo-profile.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-profile-'));
function file(name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof value === 'string' ? value : JSON.stringify(value));
  return path;
}

async function check(path: string, ...flags: string[]) {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const code = await main(['profile', 'check', path, ...flags]);
  vi.restoreAllMocks();
  return { code, text: out.join('') };
}

const registration = DEMO_PORTAL_PROFILE.registration ?? { form: 'form', fields: {} };

describe('vanthu profile check', () => {
  afterEach(() => vi.restoreAllMocks());

  it('accepts the demo profile, alone or in an array', async () => {
    expect(await check(file('demo.json', DEMO_PORTAL_PROFILE))).toEqual({
      code: 0,
      text: expect.stringContaining('hồ sơ cổng hợp lệ'),
    });
    expect((await check(file('list.json', [DEMO_PORTAL_PROFILE]))).code).toBe(0);
  });

  it('names each problem with its JSON path, in Vietnamese', async () => {
    const bad = file('bad.json', [
      DEMO_PORTAL_PROFILE,
      {
        ...DEMO_PORTAL_PROFILE,
        colour: 'red',
        flows: { sign: 'yes', numberSeal: true, verify: true },
        documents: { ...DEMO_PORTAL_PROFILE.documents, row: 'table tr[' },
        registration: { ...registration, page: 'https://evil.example/DangKy.aspx?id={data-id}' },
      },
    ]);
    const { code, text } = await check(bad);
    expect(code).toBe(1);
    expect(text).toContain('4 lỗi');
    expect(text).toContain('  [1]: khóa không có trong lược đồ: colour');
    expect(text).toContain('  [1].flows.sign: phải là true hoặc false');
    expect(text).toContain('  [1].documents.row: bộ chọn CSS không hợp lệ');
    expect(text).toMatch(/ {2}\[1\]\.registration\.page: phải là đường dẫn trên chính cổng/);
    expect(text).not.toMatch(/\[0\]/);
  });

  it('speaks English with --lang en, answers JSON with --json, and refuses a javascript: page', async () => {
    const bad = file('js.json', {
      ...DEMO_PORTAL_PROFILE,
      registration: { ...registration, page: 'javascript:alert(1)' },
    });
    const en = await check(bad, '--lang', 'en');
    expect(en.code).toBe(1);
    expect(en.text).toContain('registration.page: must be a path on the portal itself');
    const json = await check(bad, '--json');
    expect(JSON.parse(json.text)).toMatchObject({ ok: false, problems: [{ path: 'registration.page' }] });
  });

  it('a file that is not JSON is a problem (exit 1); a missing file is an error (exit 2)', async () => {
    const broken = await check(file('broken.json', '{ "id": '));
    expect(broken.code).toBe(1);
    expect(broken.text).toContain('JSON không hợp lệ');
    expect((await check(join(dir, 'absent.json'))).code).toBe(2);
  });
});
