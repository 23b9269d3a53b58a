// The least a Node process does to sign a file as `vanthu sign` does, for the CLI bench's context
// row: copy IN beside OUT and flush the copy, hash IN in 1 MB reads (the size the signing engine reads), sign the digest with a PEM
// key, append the signature, flush, rename. No PDF, no CMS, no appearance: what is left of
// vanthu's time above this is vanthu's own.
//   node node-floor-sign.mjs IN OUT KEY.pem
import { createHash, createPrivateKey, sign } from 'node:crypto';
import { copyFile, open, readFile, rename } from 'node:fs/promises';

const [, , inPath, outPath, keyPath] = process.argv;
const tmp = `${outPath}.tmp`;
const copied = (async () => {
  await copyFile(inPath, tmp);
  const fh = await open(tmp, 'r+');
  await fh.datasync();
  await fh.close();
})();
const hash = createHash('sha256');
const input = await open(inPath, 'r');
const chunk = Buffer.allocUnsafe(1 << 20);
for (let at = 0; ; ) {
  const { bytesRead } = await input.read(chunk, 0, chunk.length, at);
  if (bytesRead === 0) break;
  hash.update(chunk.subarray(0, bytesRead));
  at += bytesRead;
}
await input.close();
const signature = sign(null, hash.digest(), createPrivateKey(await readFile(keyPath)));
await copied;
const out = await open(tmp, 'a');
await out.write(signature);
await out.datasync();
await out.close();
await rename(tmp, outPath);
