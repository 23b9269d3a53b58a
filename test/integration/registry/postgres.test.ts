import { afterAll, beforeAll } from 'vitest';
import { PostgresStore } from '../../../daemon/src/store/index.js';
import { type PgCluster, startPostgres } from '../../support/postgres.js';
import { registryConformance } from '../../support/registry-conformance.js';

let cluster: PgCluster;
let n = 0;
beforeAll(async () => {
  cluster = await startPostgres();
});
afterAll(() => cluster?.stop());

registryConformance('PostgreSQL', async () => {
  const url = await cluster.createDatabase(`registry_${++n}`);
  return new PostgresStore(url, cluster.password);
});
