import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { vietnamToday } from '@vanthu/shared/domain/vietnam-time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDaemon } from '../../../daemon/src/service/daemon.js';
import { engineVerifier } from '../../../daemon/src/service/engines.js';
import { TestClient } from '../../support/daemon-client.js';
import { tempDir } from '../../support/pdf-inputs.js';
import { cellBoxes, wordBoxes, wordsOutsideCells } from '../../support/pdf-table-cells.js';
import { startTestDaemon } from '../../support/test-daemon.js';
import { pdftotext, qpdfCheck } from '../../support/validators.js';
import { runVanthu } from '../../support/vanthu-cli.js';

// The printed register books keep every word inside its column (issue: "the date overflows into Ký
// nhận"), and the side panel's registry.report gives the very PDF that `vanthu report` writes.

const A4_LANDSCAPE_HEIGHT = 595.28;
const tmp = tempDir('vanthu-book-columns-');
const home = join(tmp.dir, 'home');
const year = Number(vietnamToday().slice(0, 4));
const LONG_ORGAN =
  'Ủy ban nhân dân thành phố Cần Thơ, Văn phòng Ủy ban nhân dân thành phố, Phòng Hành chính – Tổ chức';
const LONG_SUBJECT =
  'Về việc triển khai thực hiện kế hoạch cải cách hành chính năm 2027 trên địa bàn thành phố Cần Thơ, ' +
  'các quận, huyện trực thuộc và các cơ quan chuyên môn, đơn vị sự nghiệp công lập thuộc Ủy ban nhân dân thành phố';
/** One word wider than any column: it has to be broken between characters. */
const LONG_WORD = 'https://congbaocantho.gov.vn/van-ban/quyet-dinh-so-87-qd-ubnd-ngay-01-12-2026-ve-cai-cach';
let daemon: RunningDaemon;
let client: TestClient;

const cli = async (...args: string[]) => {
  const r = await runVanthu(home, [...args, '--lang', 'en']);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

beforeAll(async () => {
  mkdirSync(join(home, 'config'), { recursive: true });
  writeFileSync(
    join(home, 'config', 'config.json'),
    JSON.stringify({
      registry: {
        organId: '000.00.09.H13',
        organName: 'Sở Nội vụ thành phố Cần Thơ',
        parentOrganName: 'Ủy ban nhân dân thành phố Cần Thơ',
      },
    }),
  );
  for (const n of [87, 1234]) {
    await cli(
      'registry',
      'incoming',
      '--paper',
      '--set',
      'TypeName=Công văn',
      '--set',
      `CodeNumber=${n}`,
      '--set',
      'CodeNotation=UBND-VPUBND-HCTC',
      '--set',
      'IssuedDate=2026-12-01',
      '--set',
      `OrganName=${LONG_ORGAN}`,
      '--set',
      `Subject=${LONG_SUBJECT}`,
      '--set',
      `Description=${LONG_WORD}`,
    );
  }
  await cli(
    'registry',
    'outgoing',
    '--set',
    'TypeName=Công văn',
    '--set',
    'CodeNotation=SNV-VPUBND-TCCB',
    '--set',
    `Subject=${LONG_SUBJECT}`,
    '--set',
    `IssuedDate=${vietnamToday()}`,
    '--set',
    'IssuedAmount=12',
    '--set',
    `To.OrganName=${LONG_ORGAN}`,
    '--set',
    'SignerInfo.Position=Phó Giám đốc phụ trách',
    '--set',
    'SignerInfo.FullName=Nguyễn Thị Phương Thảo',
  );
  const started = await startTestDaemon(home, {
    keys: {
      listTokens: async () => [],
      openSigner: async () => Promise.reject(new Error('no signing here')),
    },
    verifier: engineVerifier(),
  });
  daemon = started.daemon;
  client = await TestClient.connect(daemon.port);
  expect((await client.pair(started.secret)).ok).toBe(true);
}, 120_000);

afterAll(async () => {
  client?.close();
  await daemon?.stop();
  tmp.cleanup();
});

describe.each(['incoming', 'outgoing'] as const)('the printed %s book', (kind) => {
  it('from the side panel (registry.report) is byte for byte the PDF of `vanthu report`', async () => {
    const reply = await client.request('registry.report', { kind, year });
    expect(reply.ok, JSON.stringify(reply.error)).toBe(true);
    const fromPanel = client.received(reply.id);
    expect(reply.result?.document?.bytes).toBe(fromPanel.length);
    expect(reply.result?.['name']).toBe(`so-van-ban-${kind === 'incoming' ? 'den' : 'di'}-${year}.pdf`);
    expect(reply.result?.['rows']).toBe(kind === 'incoming' ? 2 : 1);
    const out = join(tmp.dir, `${kind}-cli.pdf`);
    await cli('report', kind, '--year', String(year), '-o', out);
    expect(Buffer.compare(fromPanel, readFileSync(out))).toBe(0);
  });

  it('keeps every word inside its column: long trích yếu, long organisation names, dates', async () => {
    const file = join(tmp.dir, `${kind}-columns.pdf`);
    await cli('report', kind, '--year', String(year), '-o', file);
    expect(qpdfCheck(file).ok).toBe(true);
    const cells = cellBoxes(file, A4_LANDSCAPE_HEIGHT);
    const words = wordBoxes(file);
    expect(cells.length).toBeGreaterThan(20);
    expect(wordsOutsideCells(words, cells)).toEqual([]);
    const text = pdftotext(file);
    // Dates whole, never broken over two lines: two date columns a row, and the title's span.
    const dates = words.filter((w) => /^\d{2}\/\d{2}\/\d{4}$/.test(w.text ?? '')).length;
    expect(dates).toBe((kind === 'incoming' ? 2 : 1) * 2 + 2);
    expect(text).toContain(
      kind === 'incoming' ? '01/12/2026' : vietnamToday().split('-').reverse().join('/'),
    );
    // Every character of the long word printed, broken between characters.
    if (kind === 'incoming') expect(words.map((w) => w.text).join('')).toContain(LONG_WORD);
  });
});

describe('the register-book request', () => {
  it('refuses a book that is not incoming or outgoing, or a year out of range, as INVALID_INPUT', async () => {
    for (const payload of [
      { kind: 'other', year },
      { kind: 'incoming', year: 20261 },
      { kind: 'incoming' },
    ]) {
      const reply = await client.request('registry.report', payload);
      expect(reply.ok).toBe(false);
      expect(reply.error?.code).toBe('INVALID_INPUT');
    }
  });
});
