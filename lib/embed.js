'use strict';
// `embed`, `embedMany` and `cosineSimilarity` as in `ai@5`. The calls run in Rust
// (crates/core/src/engine/embed.rs: splitting the values by the model's limits, parallel calls,
// retries); this file checks the arguments, waits for the one result batch and shapes the result.
const { callNative, fromNative, InvalidArgumentError, NoSuchModelError, jsonArgument, optionsObject } = require('./errors.js');
const { withHostFetch } = require('./host-fetch.js');

const NATIVE = Symbol.for('llm-native.provider');
const EMBEDDING = Symbol.for('llm-native.embedding-model');

/** An embedding model of a native provider, with `@ai-sdk`'s limits. */
function embeddingModel(native, providerId, modelId) {
  return Object.freeze({
    specificationVersion: 'v2',
    provider: providerId,
    modelId,
    maxEmbeddingsPerCall: 2048,
    supportsParallelCalls: true,
    [NATIVE]: native,
    [EMBEDDING]: true,
  });
}

/** `provider.textEmbeddingModel` of a provider without embeddings (Anthropic), as `@ai-sdk` has it. */
function noEmbeddingModel(modelId) {
  throw new NoSuchModelError({ modelId, modelType: 'textEmbeddingModel', message: `No such textEmbeddingModel: ${modelId}` });
}

function invalid(argument, message) {
  return new InvalidArgumentError({ argument, parameter: argument, message: `Invalid argument for parameter ${argument}: ${message}` });
}

function checkModel(model) {
  if (model == null || typeof model !== 'object' || !model[EMBEDDING]) {
    throw invalid('model', 'expected an embedding model from an llm-native provider (e.g. openai.textEmbeddingModel(\'text-embedding-3-small\'))');
  }
  return model;
}

function abortError(signal) {
  return signal.reason ?? Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
}

/** One native embedding call for `values`: `{ embeddings, usage, providerMetadata, responses }`. */
async function run(model, values, { maxRetries, abortSignal, headers, providerOptions, maxParallelCalls }) {
  checkModel(model);
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw invalid('values', 'expected an array of strings');
  if (maxParallelCalls !== undefined && maxParallelCalls !== Infinity && !(Number.isInteger(maxParallelCalls) && maxParallelCalls > 0)) {
    throw invalid('maxParallelCalls', 'expected a positive integer');
  }
  if (abortSignal?.aborted) throw abortError(abortSignal);
  const options = jsonArgument('options', {
    values, headers, providerOptions, maxRetries, maxParallelCalls: maxParallelCalls === Infinity ? undefined : maxParallelCalls,
  });
  const native = withHostFetch(callNative(() => model[NATIVE].embed(model.modelId, options)));
  const onAbort = () => native.abort();
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  let batch;
  try {
    batch = await callNative(() => native.next());
  } finally {
    abortSignal?.removeEventListener('abort', onAbort);
  }
  if (abortSignal?.aborted || batch == null) throw abortError(abortSignal ?? {});
  const [part] = typeof batch === 'string' ? JSON.parse(batch) : batch;
  if (part.type === 'error') throw fromNative(part.error);
  const { result } = part;
  // No count reported: `undefined`, not the AI SDK's NaN.
  result.usage = { tokens: result.usage.tokens ?? undefined };
  return result;
}

/** `embed({ model, value, maxRetries, abortSignal, headers, providerOptions })` */
async function embed(settings) {
  const { model, value, ...options } = optionsObject('options', settings);
  if (typeof value !== 'string') throw invalid('value', 'expected a string');
  const r = await run(model, [value], options);
  return { value, embedding: r.embeddings[0], usage: r.usage, providerMetadata: r.providerMetadata, response: r.responses[0] };
}

/** `embedMany({ model, values, maxParallelCalls, maxRetries, abortSignal, headers, providerOptions })` */
async function embedMany(settings) {
  const { model, values, ...options } = optionsObject('options', settings);
  const r = await run(model, values, options);
  return { values, embeddings: r.embeddings, usage: r.usage, providerMetadata: r.providerMetadata, responses: r.responses };
}

/** The cosine of the angle between two vectors (0 when either is all zeros), as `ai@5` computes it. */
function cosineSimilarity(vector1, vector2) {
  for (const [name, v] of [['vector1', vector1], ['vector2', vector2]]) {
    if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw invalid(name, 'expected an array of numbers');
  }
  if (vector1.length !== vector2.length) {
    throw new InvalidArgumentError({
      parameter: 'vector1,vector2',
      value: { vector1Length: vector1.length, vector2Length: vector2.length },
      message: 'Invalid argument for parameter vector1,vector2: Vectors must have the same length',
    });
  }
  let magnitudeSquared1 = 0;
  let magnitudeSquared2 = 0;
  let dotProduct = 0;
  for (let i = 0; i < vector1.length; i++) {
    magnitudeSquared1 += vector1[i] * vector1[i];
    magnitudeSquared2 += vector2[i] * vector2[i];
    dotProduct += vector1[i] * vector2[i];
  }
  return magnitudeSquared1 === 0 || magnitudeSquared2 === 0 ? 0 : dotProduct / (Math.sqrt(magnitudeSquared1) * Math.sqrt(magnitudeSquared2));
}

module.exports = { embed, embedMany, cosineSimilarity, embeddingModel, noEmbeddingModel };
