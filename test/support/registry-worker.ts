/**
 * One "workstation" for the concurrency test: its own process and connection pool, registering
 * COUNT incoming documents with CONCURRENCY in flight. Prints the numbers it received as JSON.
 * Usage: node --import tsx registry-worker.ts URL COUNT CONCURRENCY NAME   (password in PGPASSWORD_TEST)
 */
import { RegistryService } from '../../daemon/src/registry/index.js';
import { PostgresStore } from '../../daemon/src/store/index.js';

const [url, count, concurrency, name] = process.argv.slice(2);
const registry = await RegistryService.open(
  new PostgresStore(url!, process.env['PGPASSWORD_TEST'], { max: 6 }),
  {
    organId: '000.00.09.H13',
    organName: 'Sở Nội vụ thành phố Cần Thơ',
  },
);
const numbers: number[] = [];
let next = 0;
async function lane(): Promise<void> {
  while (next < Number(count)) {
    const i = next++;
    const { entry } = await registry.registerIncoming({
      fields: {
        TypeName: 'Công văn',
        CodeNumber: String(i + 1),
        CodeNotation: `${name}-VP`,
        IssuedDate: '2026-03-02',
        OrganName: `Cơ quan ${name}`,
        Subject: `Văn bản ${i} của máy ${name}`,
      },
    });
    numbers.push(entry.number);
  }
}
await Promise.all(Array.from({ length: Number(concurrency) }, lane));
await registry.close();
process.stdout.write(JSON.stringify(numbers));
