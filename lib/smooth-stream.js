'use strict';
// `smoothStream` (AI SDK v5 `experimental_transform`): re-chunks text deltas by word, line or a
// custom rule, with a delay between chunks. Every other part (reasoning with its signatures,
// tool parts) passes through untouched and in order.
const { InvalidArgumentError, optionsObject } = require('./errors.js');
const { delay } = require('./provider-utils.js');

const CHUNKING_REGEXPS = { word: /\S+\s+/m, line: /\n+/m };

function chunkDetector(chunking) {
  if (typeof chunking === 'function') {
    return (buffer) => {
      const match = chunking(buffer);
      if (match == null) return null;
      if (!match.length) throw new Error('Chunking function must return a non-empty string.');
      if (!buffer.startsWith(match)) {
        throw new Error(`Chunking function must return a match that is a prefix of the buffer. Received: "${match}" expected to start with "${buffer}"`);
      }
      return match;
    };
  }
  const regex = typeof chunking === 'string' ? CHUNKING_REGEXPS[chunking] : chunking;
  if (regex == null) {
    throw new InvalidArgumentError({
      argument: 'chunking',
      message: `Chunking must be "word" or "line" or a RegExp. Received: ${chunking}`,
    });
  }
  return (buffer) => {
    const match = regex.exec(buffer);
    return match ? buffer.slice(0, match.index) + match[0] : null;
  };
}

function smoothStream(options) {
  const { delayInMs = 10, chunking = 'word', _internal: { delay: wait = delay } = {} } = optionsObject('options', options);
  const detectChunk = chunkDetector(chunking);
  return () => {
    let buffer = '';
    let id = '';
    let providerMetadata;
    const delta = (text) => ({ type: 'text-delta', text, id, ...(providerMetadata != null ? { providerMetadata } : {}) });
    const flush = (controller) => {
      if (buffer.length > 0 || providerMetadata != null) {
        controller.enqueue(delta(buffer));
        buffer = '';
        providerMetadata = undefined;
      }
    };
    return new TransformStream({
      async transform(chunk, controller) {
        if (chunk.type !== 'text-delta' || (chunk.text.length === 0 && chunk.providerMetadata != null)) {
          flush(controller);
          controller.enqueue(chunk);
          return;
        }
        if (buffer.length > 0 && (chunk.id !== id || providerMetadata != null || chunk.providerMetadata != null)) {
          flush(controller);
        }
        buffer += chunk.text;
        id = chunk.id;
        providerMetadata = chunk.providerMetadata;
        let match;
        while ((match = detectChunk(buffer)) != null) {
          controller.enqueue(delta(match));
          buffer = buffer.slice(match.length);
          await wait(delayInMs);
        }
        if (buffer.length === 0) providerMetadata = undefined;
      },
    });
  };
}

module.exports = { smoothStream };
