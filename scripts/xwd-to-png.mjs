// An X window dump (XWD, as Xvfb's `-fbdir` keeps its screen) to a PNG, with Node's zlib only:
// the e2e test's screenshot of a real webview without an image tool on the machine.
import zlib from 'node:zlib';

/** PNG bytes of a 24- or 32-bit ZPixmap XWD image. */
export function xwdToPng(xwd) {
  const u32 = (i) => xwd.readUInt32BE(i * 4);
  const headerSize = u32(0);
  const [format, width, height, byteOrder, bitsPerPixel, bytesPerLine, ncolors] = [u32(2), u32(4), u32(5), u32(7), u32(11), u32(12), u32(19)];
  const [redMask, greenMask, blueMask] = [u32(14), u32(15), u32(16)];
  if (format !== 2 || (bitsPerPixel !== 32 && bitsPerPixel !== 24)) {
    throw new Error(`unsupported XWD image (format ${format}, ${bitsPerPixel} bits per pixel)`);
  }
  const data = headerSize + ncolors * 12;
  const shift = (mask) => 31 - Math.clz32(mask & -mask);
  const bytes = bitsPerPixel / 8;
  const rows = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const out = y * (1 + width * 3);
    rows[out] = 0; // no filter
    for (let x = 0; x < width; x++) {
      const at = data + y * bytesPerLine + x * bytes;
      let pixel = 0;
      for (let b = 0; b < bytes; b++) {
        const byte = xwd[at + (byteOrder === 0 ? b : bytes - 1 - b)];
        pixel |= byte << (8 * b);
      }
      pixel >>>= 0;
      rows[out + 1 + x * 3] = (pixel & redMask) >>> shift(redMask);
      rows[out + 2 + x * 3] = (pixel & greenMask) >>> shift(greenMask);
      rows[out + 3 + x * 3] = (pixel & blueMask) >>> shift(blueMask);
    }
  }
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, body) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(body.length, 0);
    head.write(type, 4, 'ascii');
    const tail = Buffer.alloc(4);
    tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), body])), 0);
    return Buffer.concat([head, body, tail]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
