import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VanthuError } from '@vanthu/shared/errors/index';

const isPdf = (name: string): boolean => name.toLowerCase().endsWith('.pdf');

function walk(dir: string, recursive: boolean, out: string[]): void {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new VanthuError('IO_ERROR', `${dir}: ${(e as Error).message}`);
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) walk(path, recursive, out);
    } else if (entry.isFile() && isPdf(entry.name)) {
      out.push(path);
    }
  }
}

/**
 * The files a batch command works on, in a stable order: each FILE as given, and the *.pdf files of
 * each DIR (its sub-directories too with `recursive`; symbolic links are not followed into).
 */
export function collectPdfs(paths: readonly string[], recursive: boolean): string[] {
  const out: string[] = [];
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'IO_ERROR';
      throw new VanthuError(code, path);
    }
    if (isDir) walk(path, recursive, out);
    else out.push(path);
  }
  // A file named twice (directly and through its directory) is checked once.
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(resolve(p)) && seen.add(resolve(p)));
}
