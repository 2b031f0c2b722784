'use strict';
// `wrapLanguageModel` / `wrapProvider` as in ai@5: middleware (`transformParams`, `wrapGenerate`,
// `wrapStream`, `override*`) around a LanguageModelV2. A wrapped model is a LanguageModelV2 like
// any other (llm-native's loop runs it through lib/foreign-model-stream.js), except for an
// llm-native model under middleware that only transforms params: `nativeTransforms` finds that
// case, and the step keeps its native stream (Rust transport and decoders) with the call the
// transforms made.
const { InvalidArgumentError, optionsObject } = require('./errors.js');
const { toV2CallOptions, fromV2CallOptions } = require('./v2-call-options.js');

const NATIVE = Symbol.for('llm-native.provider');
const WRAPPED = Symbol.for('llm-native.wrapped-model');

const asArray = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]);

function check(argument, ok, what) {
  if (!ok) throw new InvalidArgumentError({ argument, message: `Invalid argument for parameter ${argument}: ${what}` });
}

function doWrap(model, middleware, modelId, providerId) {
  const { transformParams, wrapGenerate, wrapStream, overrideProvider, overrideModelId, overrideSupportedUrls } = middleware;
  const transform = async (params, type) => (transformParams ? transformParams({ params, type, model }) : params);
  return {
    specificationVersion: 'v2',
    provider: providerId ?? overrideProvider?.({ model }) ?? model.provider,
    modelId: modelId ?? overrideModelId?.({ model }) ?? model.modelId,
    supportedUrls: overrideSupportedUrls?.({ model }) ?? model.supportedUrls,
    async doGenerate(params) {
      const transformed = await transform(params, 'generate');
      const doGenerate = async () => model.doGenerate(transformed);
      const doStream = async () => model.doStream(transformed);
      return wrapGenerate ? wrapGenerate({ doGenerate, doStream, params: transformed, model }) : doGenerate();
    },
    async doStream(params) {
      const transformed = await transform(params, 'stream');
      const doGenerate = async () => model.doGenerate(transformed);
      const doStream = async () => model.doStream(transformed);
      return wrapStream ? wrapStream({ doGenerate, doStream, params: transformed, model }) : doStream();
    },
    [WRAPPED]: { model, middleware },
  };
}

/** `wrapLanguageModel({ model, middleware, modelId?, providerId? })`: the first middleware is the outermost. */
function wrapLanguageModel(options) {
  const { model, middleware, modelId, providerId } = optionsObject('options', options);
  check('model', model?.specificationVersion === 'v2' && typeof model.doStream === 'function', 'expected a LanguageModelV2');
  check('middleware', asArray(middleware).every((m) => m !== null && typeof m === 'object'), 'expected a middleware object or an array of them');
  return [...asArray(middleware)].reverse().reduce((wrapped, m) => doWrap(wrapped, m, modelId, providerId), model);
}

/** `wrapProvider({ provider, languageModelMiddleware })`: its language models wrapped, the rest as they are. */
function wrapProvider(options) {
  const { provider, languageModelMiddleware } = optionsObject('options', options);
  check('provider', typeof provider?.languageModel === 'function', 'expected a provider with a languageModel function');
  return {
    languageModel: (modelId) => wrapLanguageModel({ model: provider.languageModel(modelId), middleware: languageModelMiddleware }),
    textEmbeddingModel: provider.textEmbeddingModel,
    imageModel: provider.imageModel,
    transcriptionModel: provider.transcriptionModel,
    speechModel: provider.speechModel,
  };
}

/**
 * For a wrapped llm-native model whose middleware has no `wrapGenerate` / `wrapStream`: the
 * native model and the `transformParams` on the way to it, outermost first. Otherwise `null`.
 */
function nativeTransforms(model) {
  const layers = [];
  let inner = model;
  while (inner?.[WRAPPED]) {
    const { model: next, middleware } = inner[WRAPPED];
    if (middleware.wrapGenerate || middleware.wrapStream) return null;
    if (middleware.transformParams) layers.push({ transformParams: middleware.transformParams, model: next });
    inner = next;
  }
  return inner !== model && inner?.[NATIVE] ? { model: inner, layers } : null;
}

/**
 * A step's call through the transforms: as V2 call options in, back to the call Rust takes
 * (what V2 has no field for, such as retries and timeouts, kept from the call).
 */
async function transformNativeCall(layers, call, { toolSet, abortSignal, generate }) {
  const type = generate ? 'generate' : 'stream';
  let params = { ...(await toV2CallOptions(call, { toolSet, generate })), abortSignal };
  for (const { transformParams, model } of layers) params = await transformParams({ params, type, model });
  const { system, prompt, messages, tools, toolChoice, includeRawChunks, ...rest } = call;
  return fromV2CallOptions(params, rest);
}

module.exports = { wrapLanguageModel, wrapProvider, nativeTransforms, transformNativeCall };
