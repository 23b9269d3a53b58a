import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { type CliRun, runVanthu } from '../../support/vanthu-cli.js';
import { QueueStore } from '../../../daemon/src/exchange/queue/store.js';
import { PDF_BYTES } from '../../support/axis/samples.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/edxml/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'vanthu-cli-exchange-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function vanthu(...args: string[]): Promise<CliRun> {
  return runVanthu(join(dir, 'home'), args);
}

describe('vanthu edxml / queue CLI', () => {
  it('packs from a JSON header and PDFs, validates and unpacks', async () => {
    writeFileSync(join(dir, 'a.pdf'), PDF_BYTES);
    writeFileSync(
      join(dir, 'header.json'),
      JSON.stringify({
        from: { organId: '000.00.00.G22', organName: 'Văn phòng Chính phủ' },
        to: [{ organId: '000.00.09.H13' }],
        codeNumber: '12',
        codeNotation: 'VPCP-TH',
        place: 'Hà Nội',
        promulgationDate: '2026/11/24',
        subject: 'V/v thử nghiệm',
      }),
    );
    const pkg = join(dir, 'p.edxml');
    expect(
      (
        await vanthu(
          'edxml',
          'pack',
          '--header',
          join(dir, 'header.json'),
          '--out',
          pkg,
          '--zip',
          join(dir, 'a.pdf'),
        )
      ).code,
    ).toBe(0);
    const v = await vanthu('edxml', 'validate', pkg, '--json');
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, kind: 'edoc', errors: [] });
    expect((await vanthu('edxml', 'unpack', pkg, '--out', join(dir, 'out'))).code).toBe(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['a.pdf', 'header.json', 'report.json']);
    expect(
      (await vanthu('edxml', 'pack', '--header', join(dir, 'header.json'), '--out', pkg, join(dir, 'a.pdf')))
        .code,
    ).toBe(2);
  });

  it('reports warnings and refusals with exit code 1', async () => {
    const odd = await vanthu('edxml', 'validate', join(FIXTURES, 'odd-prefixes.xml'), '--lang', 'en');
    expect(odd.code).toBe(1);
    expect(odd.stdout).toContain('spelled "Business"');
    const hostile = await vanthu('edxml', 'validate', join(FIXTURES, 'doctype-entities.xml'), '--json');
    expect(hostile.code).toBe(1);
    expect(JSON.parse(hostile.stdout).refused.code).toBe('EDXML_MALFORMED');
  });

  it('lists, shows, retries and cancels queue entries', async () => {
    const db = join(dir, 'q.sqlite');
    const store = new QueueStore(db);
    const id = store.enqueue({
      messageType: 'edoc',
      from: 'A',
      recipients: ['B'],
      xml: new Uint8Array([60]),
      documentId: 'A,2026/11/24,1/X',
    });
    const [d] = store.claimDue(1);
    store.markDead(d!.id, 'HTTP 404: unknown agency B', 'AXIS_REJECTED');
    store.close();
    const list = JSON.parse((await vanthu('queue', 'list', '--db', db, '--json')).stdout);
    expect(list.packages[0].deliveries[0]).toMatchObject({
      state: 'dead',
      deadReason: 'HTTP 404: unknown agency B',
    });
    const show = await vanthu('queue', 'show', id.slice(0, 8), '--db', db, '--lang', 'en');
    expect(show.stdout).toContain('sending → dead');
    expect((await vanthu('queue', 'retry', id, '--db', db)).code).toBe(0);
    expect((await vanthu('queue', 'cancel', id, '--db', db)).code).toBe(0);
    const again = await vanthu('queue', 'cancel', id, '--db', db, '--json');
    expect(again.code).toBe(2);
    expect(JSON.parse(again.stdout).error.code).toBe('QUEUE_STATE');
  });
});
