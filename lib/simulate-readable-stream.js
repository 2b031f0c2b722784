'use strict';
// `simulateReadableStream` (ai@5): a ReadableStream of `chunks` with the given delays, for tests
// and demos. A `null` delay enqueues without waiting; `0` still waits a macrotask, as in ai@5.

const { InvalidArgumentError, optionsObject } = require('./errors.js');
const { delay: wait } = require('./provider-utils.js');

function simulateReadableStream(options) {
  const { chunks, initialDelayInMs = 0, chunkDelayInMs = 0, _internal } = optionsObject('options', options);
  if (!Array.isArray(chunks)) throw new InvalidArgumentError({ argument: 'chunks', message: 'Invalid argument for parameter chunks: expected an array' });
  const delay = _internal?.delay ?? wait;
  let index = 0;
  return new ReadableStream({
    async pull(controller) {
      if (index >= chunks.length) {
        controller.close();
        return;
      }
      await delay(index === 0 ? initialDelayInMs : chunkDelayInMs);
      controller.enqueue(chunks[index++]);
    },
  });
}

module.exports = { simulateReadableStream };
