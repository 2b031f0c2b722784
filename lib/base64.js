'use strict';
// Bytes → base64 in Node and in a webview (no `Buffer` there).

function bytesToBase64(bytes) {
  if (typeof globalThis.Buffer === 'function') {
    return globalThis.Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  }
  // `String.fromCharCode` takes its arguments on the stack: convert in slices.
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

module.exports = { bytesToBase64 };
