'use strict';
// The media type of image data from its first bytes, as ai@5's `detectMediaType` with its
// `imageMediaTypeSignatures` (prompt conversion and telemetry both sniff images).

// `null` matches any byte.
const IMAGE_SIGNATURES = [
  ['image/gif', [0x47, 0x49, 0x46]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47]],
  ['image/jpeg', [0xff, 0xd8]],
  ['image/webp', [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]],
  ['image/bmp', [0x42, 0x4d]],
  ['image/tiff', [0x49, 0x49, 0x2a, 0x00]],
  ['image/tiff', [0x4d, 0x4d, 0x00, 0x2a]],
  ['image/avif', [0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66]],
  ['image/heic', [0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63]],
];

/** The first bytes of bytes or base64 text (enough for every signature). */
function prefixBytes(data) {
  if (typeof data !== 'string') return data.subarray(0, 12);
  try {
    return Uint8Array.from(atob(data.slice(0, 16)), (c) => c.charCodeAt(0));
  } catch {
    return new Uint8Array(0);
  }
}

/** The image media type of `data` (bytes or base64), if a signature matches. */
function sniffImage(data) {
  const bytes = prefixBytes(data);
  const found = IMAGE_SIGNATURES.find(([, sig]) => bytes.length >= sig.length && sig.every((b, i) => b === null || bytes[i] === b));
  return found?.[0];
}

module.exports = { sniffImage };
