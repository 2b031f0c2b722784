'use strict';
// The stream one step of the loop (lib/steps.js) reads: an llm-native model's native stream; a
// wrapped llm-native model whose middleware only transforms params, the native stream of the
// transformed call; any other LanguageModelV2, lib/foreign-model-stream.js. All three give
// `next()` batches in llm-native's part format and `abort()`.
const { nativeOf } = require('./providers.js');
const { openNative, failedCallParts } = require('./native-stream.js');
const { ForeignModelStream } = require('./foreign-model-stream.js');
const { nativeTransforms, transformNativeCall } = require('./wrap-language-model.js');

const NATIVE = Symbol.for('llm-native.provider');

/** The stream of a call that failed before its request: its error and the record of it, as Rust ends one. */
function failedStream(error) {
  let parts = [{ type: 'start' }, ...failedCallParts(error)];
  return {
    async next() {
      const batch = parts;
      parts = null;
      return batch;
    },
    abort() {},
  };
}

/** A native stream opened once an async step (the transforms) is done. */
class DeferredNativeStream {
  #open;
  #opening = null;
  #stream = null;
  #aborted = false;

  constructor(open) {
    this.#open = open;
  }

  async next() {
    this.#opening ??= this.#open().then((stream) => {
      this.#stream = stream;
      if (this.#aborted) stream.abort();
      return stream;
    }, failedStream);
    return (await this.#opening).next();
  }

  abort() {
    this.#aborted = true;
    this.#stream?.abort();
  }

  requestBody() {
    return this.#stream?.requestBody?.() ?? null;
  }
}

/** `context`: `{ tools, abortSignal, generate }` of the step. */
function openStepStream(model, call, context) {
  if (model?.[NATIVE]) return openNative(model[NATIVE], model.modelId, call);
  const chain = nativeTransforms(model);
  if (chain) {
    return new DeferredNativeStream(async () => {
      const transformed = await transformNativeCall(chain.layers, call, { ...context, toolSet: context.tools });
      return openNative(chain.model[NATIVE], chain.model.modelId, transformed);
    });
  }
  if (model?.specificationVersion === 'v2' && typeof model.doStream === 'function') return new ForeignModelStream(model, call, context);
  return openNative(nativeOf(model), model.modelId, call); // nativeOf throws the error for what is no model
}

module.exports = { openStepStream };
