'use strict';
// Bytes in a prompt, as JSON can carry them. JSON has no bytes, and a replacer function would
// make `JSON.stringify` visit (and slow down on) every value of a megabyte history; the AI SDK's
// prompt types hold bytes in two places only: `image` parts' `image` and `file` parts' `data`.
const { bytesToBase64 } = require('./base64.js');

// A Map, not an object literal: a part's `type` must not find `constructor` or `__proto__`.
const BYTES_FIELD = new Map([['image', 'image'], ['file', 'data']]);

/** A `Uint8Array` (a `Buffer` too) or an `ArrayBuffer` as base64; anything else as it is. */
function base64IfBytes(value) {
  if (value instanceof Uint8Array) return bytesToBase64(value);
  if (value instanceof ArrayBuffer) return bytesToBase64(new Uint8Array(value));
  return value;
}

/** The message's content with bytes as base64, or the same array when it holds none. */
function contentWithBase64(content) {
  let out = content;
  for (let i = 0; i < content.length; i++) {
    const part = content[i];
    const field = BYTES_FIELD.get(part?.type);
    if (field === undefined) continue;
    const value = part[field];
    const encoded = base64IfBytes(value);
    if (encoded === value) continue;
    if (out === content) out = [...content];
    out[i] = { ...part, [field]: encoded };
  }
  return out;
}

/**
 * `messages` with the bytes of their image and file parts as base64 strings. Only the messages
 * that hold bytes are copied (the app's objects are never changed); none holding any, the same
 * array comes back.
 */
function messagesWithBase64Bytes(messages) {
  if (!Array.isArray(messages)) return messages;
  let out = messages;
  for (let i = 0; i < messages.length; i++) {
    const message = messages[i];
    if (!Array.isArray(message?.content)) continue;
    const content = contentWithBase64(message.content);
    if (content === message.content) continue;
    if (out === messages) out = [...messages];
    out[i] = { ...message, content };
  }
  return out;
}

module.exports = { messagesWithBase64Bytes };
