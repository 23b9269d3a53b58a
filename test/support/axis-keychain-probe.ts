// Run inside a D-Bus session with an unlocked gnome-keyring, after `secret-tool store … service vanthu
// username vanthu/axis/probe`: reads and writes axis credentials through the daemon's keychain store.
import { KeychainAxisSecrets } from '../../daemon/src/exchange/axis/keychain-secrets.js';

const secrets = new KeychainAxisSecrets();
const stored = await secrets.get('vanthu/axis/probe');
await secrets.set('vanthu/axis/probe-unit', 'unit-secret');
const written = await secrets.get('vanthu/axis/probe-unit');
await secrets.delete('vanthu/axis/probe-unit');
const deleted = await secrets.get('vanthu/axis/probe-unit');
const missing = await secrets.get('vanthu/axis/never-stored');
process.stdout.write(JSON.stringify({ stored, written, deleted: deleted ?? null, missing: missing ?? null }));
