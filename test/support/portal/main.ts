// Runs the demo QLVB portal on its own and prints how to load the extension:
//   node --import tsx test/support/portal/main.ts [--port 8080] [--data DIR]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD, DEMO_USERS, startDemoPortal } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, data: { type: 'string' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Cổng không hợp lệ / invalid port: ${values.port}`);
  process.exit(2);
}
const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'vanthu-qlvb-'));
const portal = await startDemoPortal({ port, dataDir });
const build = fileURLToPath(new URL('../../../extension/dist-demo', import.meta.url));
console.log(`Cổng QLVB mẫu: ${portal.url}/dang-nhap  (dữ liệu: ${dataDir})`);
console.log(`Tài khoản: ${Object.keys(DEMO_USERS).join(', ')} — mật khẩu ${DEMO_PASSWORD}`);
console.log(
  'Nạp tiện ích: npm run build:demo -w extension, rồi chrome://extensions → Chế độ nhà phát triển →',
);
console.log(`"Tải tiện ích đã giải nén" → ${build}`);
console.log(`hoặc: chromium --load-extension=${build} ${portal.url}/dang-nhap`);
const stop = () => void portal.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
