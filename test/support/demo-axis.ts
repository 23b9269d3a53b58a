// The demo's local document-exchange axis, run by `vanthu demo` as a child process:
//   node --import tsx test/support/demo-axis.ts --agencies FILE
// FILE (0600, written by the demo) lists the agencies with their VDXP credentials. The axis keeps its
// messages in memory: what is not yet fetched is lost when the demo stops.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startLocalAxis } from './axis/server.js';
import type { AxisAgency } from './axis/state.js';

const { values } = parseArgs({ options: { agencies: { type: 'string' } } });
if (!values.agencies) {
  console.error('thiếu --agencies FILE / missing --agencies FILE');
  process.exit(2);
}
const agencies = JSON.parse(readFileSync(values.agencies, 'utf8')) as AxisAgency[];
const axis = await startLocalAxis({ agencies });
console.log(`Trục liên thông mẫu: ${axis.url} (${agencies.map((a) => a.code).join(', ')})`);
const stop = () => void axis.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
