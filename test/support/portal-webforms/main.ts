// Runs the WebForms-style test portal on its own (its profile is printed for the options page):
//   node --import tsx test/support/portal-webforms/main.ts [--port 8081] [--host 127.0.0.2]
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { webFormsProfile } from './profile.js';
import { DEMO_PASSWORD, DEMO_USERS, startWebFormsPortal } from './server.js';

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, host: { type: 'string', default: '127.0.0.2' } },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Cổng không hợp lệ / invalid port: ${values.port}`);
  process.exit(2);
}
const portal = await startWebFormsPortal({
  port,
  host: values.host,
  dataDir: mkdtempSync(join(tmpdir(), 'vanthu-webforms-')),
});
console.log(`QLVB.NET (WebForms): ${portal.url}/Login.aspx`);
console.log(`Tài khoản: ${Object.keys(DEMO_USERS).join(', ')} — mật khẩu ${DEMO_PASSWORD}`);
console.log('Hồ sơ cổng (dán vào trang Tùy chọn của tiện ích):');
console.log(JSON.stringify([webFormsProfile([`http://${values.host}/*`])], null, 2));
const stop = () => void portal.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
