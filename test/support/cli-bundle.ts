import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLE = join(ROOT, 'daemon', 'bundle');

/**
 * What a process loaded, as modules: each URL of a bundle file is replaced by the modules esbuild
 * put in it (absolute paths, e.g. …/daemon/dist/cli/main.js, …/node_modules/zod/…), from the
 * bundle's meta.json; other URLs (externals in node_modules, built-ins) are kept as they are. A
 * bundle file is one unit: when it loads, every module in it is parsed, and its ESM ones run.
 */
export function modulesOfLoaded(urls: readonly string[]): string[] {
  const meta = JSON.parse(readFileSync(join(BUNDLE, 'meta.json'), 'utf8')) as Record<string, string[]>;
  const prefix = `${pathToFileURL(BUNDLE).href}/`;
  return urls.flatMap((line) => {
    const at = line.indexOf(prefix);
    if (at < 0) return [line];
    const inputs = meta[line.slice(at + prefix.length)];
    if (!inputs) throw new Error(`${line}: not in daemon/bundle/meta.json (rebuild with npm run bundle)`);
    return inputs.map((input) => join(ROOT, input));
  });
}
