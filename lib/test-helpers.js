'use strict';
// `llm-native/test`: test doubles of the same shape as `ai/test`, so an app's tests swap the
// import too. The mocks record their calls and answer with a value, a function of the call, or
// (an array) one answer per call.
const { simulateReadableStream } = require('./simulate-readable-stream.js');

function notImplemented() {
  throw new Error('Not implemented');
}

/** A mock `doX`: records `options` in `calls`, then answers as `answer` says. */
function recorded(calls, answer) {
  return async (options) => {
    calls.push(options);
    if (typeof answer === 'function') return answer(options);
    return Array.isArray(answer) ? answer[calls.length - 1] : answer;
  };
}

class MockLanguageModelV2 {
  specificationVersion = 'v2';
  doGenerateCalls = [];
  doStreamCalls = [];

  constructor({ provider = 'mock-provider', modelId = 'mock-model-id', supportedUrls = {}, doGenerate = notImplemented, doStream = notImplemented } = {}) {
    this.provider = provider;
    this.modelId = modelId;
    this.doGenerate = recorded(this.doGenerateCalls, doGenerate);
    this.doStream = recorded(this.doStreamCalls, doStream);
    this._supportedUrls = typeof supportedUrls === 'function' ? supportedUrls : async () => supportedUrls;
  }

  get supportedUrls() {
    return this._supportedUrls();
  }
}

class MockEmbeddingModelV2 {
  specificationVersion = 'v2';
  doEmbedCalls = [];

  constructor({ provider = 'mock-provider', modelId = 'mock-model-id', maxEmbeddingsPerCall = 1, supportsParallelCalls = false, doEmbed = notImplemented } = {}) {
    this.provider = provider;
    this.modelId = modelId;
    this.maxEmbeddingsPerCall = maxEmbeddingsPerCall ?? undefined;
    this.supportsParallelCalls = supportsParallelCalls;
    this.doEmbed = recorded(this.doEmbedCalls, doEmbed);
  }
}

function convertArrayToReadableStream(values) {
  return new ReadableStream({
    start(controller) {
      try {
        for (const value of values) controller.enqueue(value);
      } finally {
        controller.close();
      }
    },
  });
}

function convertArrayToAsyncIterable(values) {
  return {
    async *[Symbol.asyncIterator]() {
      yield* values;
    },
  };
}

async function convertReadableStreamToArray(stream) {
  const reader = stream.getReader();
  const out = [];
  for (let read = await reader.read(); !read.done; read = await reader.read()) out.push(read.value);
  return out;
}

/** `mockId({ prefix = 'id' })`: ids `id-0`, `id-1`, … */
function mockId({ prefix = 'id' } = {}) {
  let counter = 0;
  return () => `${prefix}-${counter++}`;
}

/** `mockValues(a, b, c)`: a function returning a, b, c, then c again. */
function mockValues(...values) {
  let counter = 0;
  return () => values[counter++] ?? values[values.length - 1];
}

module.exports = {
  MockLanguageModelV2, MockEmbeddingModelV2, simulateReadableStream, convertArrayToReadableStream,
  convertArrayToAsyncIterable, convertReadableStreamToArray, mockId, mockValues,
};
