// Run inside a D-Bus session with an unlocked gnome-keyring: exercises the real keychain store.
import {
  KeychainSecretStore,
  ensurePairingSecret,
  openSecretStore,
} from '../../daemon/src/pairing/secret-store.js';

const dir = process.argv[2] ?? '/nonexistent';
const auto = openSecretStore('auto', dir);
const store = new KeychainSecretStore('pairing-secret-test');
store.delete();
const first = ensurePairingSecret(store);
const again = new KeychainSecretStore('pairing-secret-test').get();
// Left in place so the test can look it up with secret-tool (proof it is in the Secret Service).
new KeychainSecretStore('pairing-secret-visible').set(first);
store.delete();
const afterDelete = store.get();
process.stdout.write(
  JSON.stringify({
    autoKind: auto.kind,
    usable: store.usable(),
    first,
    again,
    afterDelete: afterDelete ?? null,
  }),
);
