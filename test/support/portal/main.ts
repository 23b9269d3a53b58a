// Runs the demo QLVB portal on its own and prints how to load the extension:
//   node --import tsx test/support/portal/main.ts [--port 8080] [--data DIR] [--agency ubnd|snv]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { PORTAL_AGENCIES } from './agencies.js';
import { DEMO_PASSWORD, startDemoPortal } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    data: { type: 'string' },
    agency: { type: 'string', default: 'ubnd' },
  },
});
const agency = Object.hasOwn(PORTAL_AGENCIES, values.agency)
  ? PORTAL_AGENCIES[values.agency as keyof typeof PORTAL_AGENCIES]
  : undefined;
if (!agency) {
  console.error(`Cơ quan không có trong bản demo / unknown agency: ${values.agency} (ubnd, snv)`);
  process.exit(2);
}
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Cổng không hợp lệ / invalid port: ${values.port}`);
  process.exit(2);
}
const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'vanthu-qlvb-'));
const portal = await startDemoPortal({ port, dataDir, agency });
const build = fileURLToPath(new URL('../../../extension/dist-demo', import.meta.url));
console.log(`Cổng QLVB mẫu: ${portal.url}/dang-nhap  (dữ liệu: ${dataDir})`);
console.log(`Cơ quan: ${agency.name}`);
console.log(`Tài khoản: ${Object.keys(agency.users).join(', ')} — mật khẩu ${DEMO_PASSWORD}`);
console.log(
  'Nạp tiện ích: npm run build:demo -w extension, rồi chrome://extensions → Chế độ nhà phát triển →',
);
console.log(`"Tải tiện ích đã giải nén" → ${build}`);
console.log(`hoặc: chromium --load-extension=${build} ${portal.url}/dang-nhap`);
const stop = () => void portal.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
