import { deflateSync } from 'node:zlib';
import type { PdfRef } from '../reader/index.js';
import { WritableDict, name } from '../writer/serialize.js';
import type { IncrementalUpdate } from '../writer/update.js';
import type { DecodedPng } from './png.js';

/** Writes a decoded PNG as an RGB image XObject; its alpha channel becomes a DeviceGray /SMask. */
export function addImage(update: IncrementalUpdate, img: DecodedPng): PdfRef {
  let smask: PdfRef | undefined;
  if (img.alpha) {
    const a = deflateSync(img.alpha);
    smask = update.add(
      WritableDict.of({
        Type: name('XObject'),
        Subtype: name('Image'),
        Width: img.width,
        Height: img.height,
        ColorSpace: name('DeviceGray'),
        BitsPerComponent: 8,
        Filter: name('FlateDecode'),
        Length: a.length,
      }),
      a,
    );
  }
  const data = deflateSync(img.rgb);
  return update.add(
    WritableDict.of({
      Type: name('XObject'),
      Subtype: name('Image'),
      Width: img.width,
      Height: img.height,
      ColorSpace: name('DeviceRGB'),
      BitsPerComponent: 8,
      Filter: name('FlateDecode'),
      SMask: smask,
      Length: data.length,
    }),
    data,
  );
}
