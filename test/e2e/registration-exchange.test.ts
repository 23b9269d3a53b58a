import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEdxml } from '../../daemon/src/exchange/edxml/index.js';
import { ExchangeService } from '../../daemon/src/exchange/service.js';
import { engineVerifier, tokenKeyProvider } from '../../daemon/src/service/engines.js';
import { type RunningDaemon, startDaemon } from '../../daemon/src/service/daemon.js';
import { userConfigFile } from '../../daemon/src/token/config.js';
import { adapterFor, axisConfigFor, secretsFor } from '../support/axis/adapters.js';
import { type LocalAxis, startLocalAxis, testAgency } from '../support/axis/server.js';
import { deeplyNestedPackage } from '../support/edxml-hostile.js';
import { clickItem, waitForItem } from '../support/closed-shadow.js';
import { makeVanBan } from '../support/pdf-inputs.js';
import { signAsIncoming, signInPlace } from '../support/demo-incoming.js';
import {
  type ExtensionSession,
  login,
  ORIGIN,
  screenshotsDir,
  sessionValue,
  startExtensionSession,
} from '../support/extension-session.js';

// A clerk's day in the extension: the side panel registers an incoming document of the demo portal
// (pre-filled by the daemon from the signed PDF), fills the portal's own form, and shows the
// exchange outbox with each recipient's status from the local axis.
const US = testAgency('000.00.09.H13', 'Sở Nội vụ Cần Thơ');
const PEER = testAgency('000.00.00.H23', 'Ủy ban nhân dân thành phố Cần Thơ');

let s: ExtensionSession;
let axis: LocalAxis;
let peer: ExchangeService;
let daemon: RunningDaemon | undefined;
let SHOTS: string;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The daemon in this process, with the registry and the exchange sections added to the session's config. */
async function officeDaemon(env: NodeJS.ProcessEnv, port: number) {
  const file = userConfigFile(env);
  const config = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const self = { organId: US.code, organName: US.name };
  const exchange = { self, axis: axisConfigFor('vdxp', axis.url, US, 2_000), pollSeconds: 0.2 };
  writeFileSync(file, JSON.stringify({ ...config, registry: self, exchange }, null, 2));
  // The token layer and the trust store read the same home as the CLI daemon would.
  process.env['VANTHU_HOME'] = env['VANTHU_HOME'];
  daemon = await startDaemon({
    env,
    port,
    keys: tokenKeyProvider(),
    verifier: engineVerifier(),
    // Axis credentials of a throwaway test agency (the OS keychain is shared by every test run).
    axisSecrets: secretsFor(US),
    log: () => {},
  });
  const running = daemon;
  return { stop: () => running.stop() };
}

describe('registration and exchange in the side panel', () => {
  beforeAll(async () => {
    SHOTS = screenshotsDir();
    axis = await startLocalAxis({ agencies: [US, PEER] });
    s = await startExtensionSession({ startDaemon: officeDaemon });
    peer = new ExchangeService({
      dbFile: join(s.home, 'peer.sqlite'),
      adapter: await adapterFor('vdxp', axis.url, PEER, { timeoutMs: 2_000 }),
      self: { organId: PEER.code, organName: PEER.name },
    });
  });

  afterAll(async () => {
    peer?.close();
    await s?.close();
    await axis?.close();
  });

  it('a clerk registers an incoming document: pre-filled from the signed PDF, numbers 1 then 2, portal form filled', async () => {
    const good = signAsIncoming(s, 'den-001');
    const page = await s.context.newPage();
    await login(s, page, 'vanthu');
    await page.goto(`${s.portal.url}/van-ban/den-001`);
    // The badge's report names the document the side panel registers.
    await waitForItem(
      page,
      (i) => typeof i.attributes['data-state'] === 'string' && i.attributes['data-state'] !== '',
    );
    await clickItem(
      page,
      (i) => typeof i.attributes['data-state'] === 'string' && i.attributes['data-state'] !== '',
    );
    await expect
      .poll(() => sessionValue(s.context, 'report:current'), { timeout: 20_000 })
      .toBe(sha256(good));

    const panel = await s.context.newPage();
    await panel.goto(`${ORIGIN}/sidepanel.html#report=${sha256(good)}`);
    await panel.getByTestId('report-indication').waitFor({ timeout: 20_000 });
    // From the signature report, one click to the incoming registration of the same document.
    await panel.getByRole('button', { name: 'Vào sổ văn bản đến' }).click();
    await panel.getByTestId('chosen-document').waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.inputValue('[id="f-CodeNumber"]'), { timeout: 20_000 }).toBe('87');
    expect(await panel.inputValue('[id="f-CodeNotation"]')).toBe('QĐ-UBND');
    // Dates read dd/mm/yyyy whatever the browser's language (no browser date picker).
    expect(await panel.inputValue('[id="f-IssuedDate"]')).toBe('28/10/2026');
    expect(await panel.locator('input[type="date"]').count()).toBe(0);
    expect(await panel.inputValue('[id="f-TypeName"]')).toBe('Quyết định');
    expect(await panel.inputValue('[id="f-Subject"]')).toMatch(/^Về việc giao chỉ tiêu/);
    expect(await panel.inputValue('[id="f-SignerInfo.FullName"]')).toBe('Trần Văn Minh');
    expect(await panel.getByTestId('prefill-signatures').textContent()).toContain('Trần Văn Minh');
    // Labels as NĐ30 names them; the arrival number is the system's.
    expect(await panel.locator('label[for="f-ArrivalNumber"]').textContent()).toContain('Số đến');
    expect(await panel.locator('[id="f-ArrivalNumber"]').getAttribute('readonly')).not.toBeNull();
    await panel.screenshot({ path: `${SHOTS}/21-incoming-prefilled.png`, fullPage: true });

    // The issuing body is required: an empty one is refused in both languages, before any request.
    const organ = await panel.inputValue('[id="f-OrganName"]');
    await panel.fill('[id="f-OrganName"]', '');
    await panel.getByRole('button', { name: 'Vào sổ và điền vào cổng' }).click();
    await expect(panel.locator('[data-field="OrganName"] [role="alert"]').textContent()).resolves.toContain(
      'Chưa nhập "Tên cơ quan, tổ chức ban hành"',
    );
    await panel.fill('[id="f-OrganName"]', organ || 'Ủy ban nhân dân thành phố Cần Thơ');

    await panel.getByRole('button', { name: 'Vào sổ và điền vào cổng' }).click();
    await expect(panel.getByTestId('registered').textContent({ timeout: 20_000 })).resolves.toContain(
      'Số đến 1',
    );
    expect(await panel.inputValue('[id="f-ArrivalNumber"]')).toBe('1');
    await expect.poll(() => page.inputValue('input[name="so_den"]')).toBe('1');
    expect(await page.inputValue('input[name="so_van_ban"]')).toBe('87');
    expect(await page.inputValue('input[name="ky_hieu"]')).toBe('QĐ-UBND');
    expect(await page.inputValue('input[name="ngay_van_ban"]')).toBe('28/10/2026');
    expect(await page.inputValue('input[name="ngay_den"]')).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await panel.screenshot({ path: `${SHOTS}/22-incoming-registered.png`, fullPage: true });
    await page.screenshot({ path: `${SHOTS}/23-portal-form-filled.png`, fullPage: true });

    // The next save of the same document: the duplicate warning, then number 2 when the clerk insists.
    await panel.getByRole('button', { name: 'Vào sổ và điền vào cổng' }).click();
    await panel.getByTestId('duplicate-warning').waitFor({ timeout: 20_000 });
    expect(await panel.getByTestId('duplicate-warning').textContent()).toContain('Số đến 1/');
    await panel.screenshot({ path: `${SHOTS}/24-duplicate-warning.png`, fullPage: true });
    expect(await panel.getByTestId('not-filled').count()).toBe(0);
    // The portal page lost its "Ngày đến" field meanwhile: the panel says what it could not fill.
    await page.evaluate(() => document.querySelector('input[name="ngay_den"]')?.remove());
    await panel.getByRole('button', { name: 'Vẫn vào sổ' }).click();
    await expect
      .poll(async () => (await panel.getByTestId('registered').textContent()) ?? '', { timeout: 20_000 })
      .toContain('Số đến 2');
    await expect(panel.getByTestId('not-filled').textContent()).resolves.toBe(
      'Chưa điền được vào biểu mẫu của cổng (không có trường hoặc không có lựa chọn phù hợp): Ngày, tháng, năm đến',
    );
    await expect.poll(() => page.inputValue('input[name="so_den"]')).toBe('2');
    await page.click('form#form-vao-so button[type="submit"]');
    await page.waitForSelector('.thong-bao');
    expect(s.portal.document('den-001')).toMatchObject({ so_den: '2', so_van_ban: '87', ky_hieu: 'QĐ-UBND' });
    await panel.close();
    await page.close();
  });

  it('an outgoing document registered in Văn bản đi goes through the local axis; Liên thông shows the recipient’s status', async () => {
    // Only a document with a valid approver signature and a valid seal leaves the office
    // (OFFICE_NOT_SIGNED otherwise): the approver signed den-001 above, the demo seal is added here
    // (the demo root is the session's trust anchor).
    signInPlace(s, 'den-001', 'seal');
    const docUrl = `${s.portal.url}/tep/den-001.pdf`;
    const panel = await s.context.newPage();
    await panel.goto(`${ORIGIN}/sidepanel.html#tab=outgoing&doc=${encodeURIComponent(docUrl)}`);
    await panel.getByTestId('chosen-document').waitFor({ timeout: 20_000 });
    await expect.poll(() => panel.inputValue('[id="f-CodeNotation"]'), { timeout: 20_000 }).toBe('QĐ-UBND');
    // Số of an outgoing document is the book's: read-only, assigned on saving.
    expect(await panel.locator('[id="f-CodeNumber"]').getAttribute('readonly')).not.toBeNull();
    await panel.fill('[id="f-TypeName"]', 'Công văn');
    await panel.fill('[id="f-CodeNotation"]', 'SNV-VP');
    await panel.fill('[id="f-Subject"]', 'V/v triển khai văn bản điện tử');
    // Issued today (the daemon's date when left empty), not on the date printed in the chosen PDF.
    await panel.fill('[id="f-IssuedDate"]', '');
    await panel.fill('[id="f-To.0.OrganId"]', PEER.code);
    await panel.fill('[id="f-To.0.OrganName"]', PEER.name);
    // A phụ lục file goes with the document: uploaded in the same request, shown with the entry.
    const annex = await makeVanBan({ pages: 2 });
    await panel.getByLabel('Thêm phụ lục').setInputFiles({
      name: 'phu-luc-I.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(annex),
    });
    await panel.getByLabel('Mô tả phụ lục 1').fill('Phụ lục I: Danh sách đơn vị');
    await panel.getByRole('button', { name: 'Vào sổ và điền vào cổng' }).click();
    await expect(panel.getByTestId('registered').textContent({ timeout: 20_000 })).resolves.toContain(
      'Số văn bản đi 01',
    );
    expect(await panel.getByTestId('entry-files').textContent()).toContain(
      'Phụ lục 1: phu-luc-I.pdf · 2 trang',
    );
    await panel.getByRole('button', { name: /^Gửi qua trục liên thông/ }).click();
    const queued = panel.getByTestId('send-to-axis');
    await expect
      .poll(async () => (await queued.textContent()) ?? '', { timeout: 20_000 })
      .toContain('Đã đưa vào hàng đợi gửi liên thông');
    await panel.screenshot({ path: `${SHOTS}/25-outgoing-sent.png`, fullPage: true });
    expect(await queued.textContent()).toMatch(
      new RegExp(`${US.code.replaceAll('.', '\\.')},\\d{4}/\\d{2}/\\d{2},01/SNV-VP`),
    );
    await expect
      .poll(() => axis.state.messages.filter((m) => m.messageType === 'edoc').length, { timeout: 20_000 })
      .toBe(1);
    await peer.pollOnce();
    const arrival = peer.listInbox().find((a) => a.code === '01/SNV-VP');
    expect(arrival).toBeDefined();
    const received = parseEdxml(peer.inbox.xml(arrival!.id)!);
    expect(received.kind === 'edoc' && received.attachments.map((f) => [f.name, f.description])).toEqual([
      ['den-001.pdf', undefined],
      ['phu-luc-I.pdf', 'Phụ lục I: Danh sách đơn vị'],
    ]);
    peer.sendStatus(arrival!.id, '03');
    await peer.worker.runOnce();

    await panel.goto(`${ORIGIN}/sidepanel.html#tab=exchange`);
    const outbox = panel.getByTestId('exchange');
    await expect
      .poll(async () => (await outbox.textContent()) ?? '', { timeout: 30_000 })
      .toContain('V/v triển khai văn bản điện tử');
    await expect
      .poll(async () => (await outbox.textContent()) ?? '', { timeout: 30_000 })
      .toContain('Đã tiếp nhận');
    expect(await outbox.textContent()).toContain(PEER.code);
    await panel.screenshot({ path: `${SHOTS}/26-exchange-outbox.png`, fullPage: true });
    await panel.close();
  });

  it('a package the inbox set aside shows in Văn bản đến with its reason; "Xử lý lại" answers it is still quarantined', async () => {
    axis.state.store({
      messageType: 'edoc',
      from: PEER.code,
      to: [US.code],
      xml: Buffer.from(deeplyNestedPackage(1_000)),
    });
    const panel = await s.context.newPage();
    await panel.goto(`${ORIGIN}/sidepanel.html#tab=exchange`);
    const exchange = panel.getByTestId('exchange');
    await exchange.getByRole('tab', { name: /^Văn bản đến/ }).click();
    const quarantine = panel.getByRole('region', { name: 'Gói tin bị cách ly' });
    await expect
      .poll(async () => (await quarantine.count()) && ((await quarantine.textContent()) ?? ''), {
        timeout: 30_000,
      })
      .toContain('EDXML_MALFORMED');
    expect(await quarantine.textContent()).toContain(PEER.code);
    expect(await exchange.getByRole('tab', { name: /^Văn bản đến/ }).textContent()).toContain('1 bị cách ly');
    await quarantine.getByRole('button', { name: 'Xử lý lại' }).click();
    await expect
      .poll(
        async () =>
          (await exchange.getByRole('status').count()) && (await exchange.getByRole('status').textContent()),
        {
          timeout: 20_000,
        },
      )
      .toMatch(/^Gói Q\d+ vẫn bị cách ly: Gói edXML sai cấu trúc \(EDXML_MALFORMED\) — /);
    // Still one row: set aside again, not twice.
    expect(await quarantine.locator('li').count()).toBe(1);
    await panel.screenshot({ path: `${SHOTS}/27-exchange-quarantine.png`, fullPage: true });
    await panel.close();
  });
});
