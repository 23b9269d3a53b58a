import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteStore } from '../../../daemon/src/store/index.js';
import { registryConformance } from '../../support/registry-conformance.js';

const dir = mkdtempSync(join(tmpdir(), 'vanthu-registry-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

registryConformance('SQLite', async () => new SqliteStore(join(dir, `r${++n}.sqlite`)));
