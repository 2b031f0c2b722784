'use strict';
// `withFallbacks(models, options)`: a language model that is a chain of models. The chain runs in
// Rust (crates/core/src/engine/fallback.rs): a model failing before its first content with an error
// of a class the chain falls through on hands the call to the next. This file only builds the
// native chain from model objects and calls `onFallback`.
const { host, deferredProvider } = require('./host.js');
const { callNative, fromNative, InvalidArgumentError, jsonArgument, optionsObject } = require('./errors.js');
const { languageModel, nativeOf, resolveLanguageModel } = require('./providers.js');

const CHAIN = Symbol.for('llm-native.fallback-chain');
const OPTIONS = ['fallbackOn', 'cooldownMs', 'onFallback'];

function invalid(argument, message) {
  return new InvalidArgumentError({ argument, message: `Invalid argument for parameter ${argument}: ${message}` });
}

/** The model objects of the chain, checked. */
function members(models) {
  if (!Array.isArray(models) || models.length === 0) throw invalid('models', 'expected a non-empty array of models');
  return models.map((m) => {
    const model = resolveLanguageModel(m);
    if (model[CHAIN]) throw invalid('models', 'a fallback chain cannot be a member of another; list its models instead');
    return model;
  });
}

/**
 * `withFallbacks([primary, ...fallbacks], { fallbackOn, cooldownMs, onFallback })`. `fallbackOn`:
 * the error classes that move on (default all: 'rate-limit', 'overloaded', 'context-length',
 * 'auth', 'unavailable'); `cooldownMs`: the rest after a 429 without `retry-after` (default
 * 30,000; 0 for none); `onFallback({ error, errorClass, provider, modelId })`, awaited, for each
 * model passed over, when the step's parts are read (the next model is then already being tried).
 */
function withFallbacks(models, options) {
  const settings = optionsObject('options', options);
  const unknown = Object.keys(settings).find((k) => !OPTIONS.includes(k));
  if (unknown !== undefined) throw invalid('options', `unknown option '${unknown}' (${OPTIONS.join(', ')})`);
  const { fallbackOn, cooldownMs, onFallback } = settings;
  if (onFallback != null && typeof onFallback !== 'function') throw invalid('onFallback', 'expected a function');
  const chain = members(models);
  const policy = jsonArgument('options', { fallbackOn, cooldownMs });
  const natives = chain.map((model) => [nativeOf(model), model.modelId]);
  let native;
  if (natives.some(([n]) => n.target)) {
    // A string id on an async host resolves in the background: the chain waits for its members.
    const resolved = natives.map(([n, id]) => (n.target ? n.target.then(({ handle, modelId }) => [handle, modelId ?? id]) : [n, id]));
    native = deferredProvider(Promise.all(resolved).then((list) => ({ handle: host().createFallback(policy, list) })));
  } else {
    native = callNative(() => host().createFallback(policy, natives));
  }
  // It stands for its first model (`provider`, `modelId`); each step's response names the one that served.
  return Object.freeze({ ...languageModel(native, chain[0].provider, chain[0].modelId), [CHAIN]: { onFallback } });
}

/** A `$fallback` part of a step of `model`: the chain's `onFallback`, if it has one. */
async function reportFallback(model, part) {
  const onFallback = model?.[CHAIN]?.onFallback;
  if (onFallback == null) return;
  await onFallback({ error: fromNative(part.error), errorClass: part.errorClass, provider: part.provider, modelId: part.modelId });
}

module.exports = { withFallbacks, reportFallback };
