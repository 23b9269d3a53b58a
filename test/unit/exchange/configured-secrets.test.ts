import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configuredAxisSecrets } from '../../../daemon/src/exchange/axis/configured-secrets.js';
import { FileAxisSecrets } from '../../../daemon/src/exchange/axis/file-secrets.js';
import { tempDir } from '../../support/pdf-inputs.js';

const tmp = tempDir('vanthu-axis-secrets-');
afterAll(() => tmp.cleanup());
const REF = 'vanthu/axis/vdxp';

describe('axis credentials follow pairing.store', () => {
  it('file: one 0600 file per secretRef under axis-secrets/, the name kept whole', async () => {
    const store = configuredAxisSecrets('file', tmp.dir);
    expect(await store.get(REF)).toBeUndefined();
    await store.set(REF, 'hmac-secret');
    const file = join(tmp.dir, 'axis-secrets', 'vanthu%2Faxis%2Fvdxp.secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await new FileAxisSecrets(join(tmp.dir, 'axis-secrets')).get(REF)).toBe('hmac-secret');
    await store.delete(REF);
    expect(await store.get(REF)).toBeUndefined();
  });

  it('auto: a credential whose file exists is read from it', async () => {
    await new FileAxisSecrets(join(tmp.dir, 'axis-secrets')).set(REF, 'from-the-file');
    expect(await configuredAxisSecrets('auto', tmp.dir).get(REF)).toBe('from-the-file');
  });
});
