// `npm run bench`: runs every benchmark script in test/bench (*.bench.mjs with node, *.bench.ts with
// tsx) one after another, so each measures on an otherwise idle machine. Pass names to run a subset:
// `npm run bench -- sign verify`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((name) => /\.bench\.(mjs|ts)$/.test(name))
  .filter((name) => only.length === 0 || only.some((o) => name.startsWith(o)))
  .sort();

let failures = 0;
for (const name of scripts) {
  console.log(`\n=== ${name}`);
  const file = join(here, name);
  const args = name.endsWith('.ts') ? ['--expose-gc', '--import', 'tsx', file] : ['--expose-gc', file];
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    failures += 1;
    console.log(`!!! ${name} exited with ${result.status ?? result.signal}`);
  }
}
console.log(`\n${scripts.length - failures} benchmarks ran, ${failures} failed`);
process.exitCode = failures === 0 ? 0 : 1;
