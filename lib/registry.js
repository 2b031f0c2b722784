'use strict';
// The provider registry and model catalogue live in Rust (crates/core: providers/, catalog/); these are
// thin wrappers that pass JSON across and turn native errors into the AI SDK error classes.
const { host, andThen, deferredProvider } = require('./host.js');
const { callNative, callNativeAsync, InvalidArgumentError, jsonArgument, optionsObject, checkString } = require('./errors.js');
const { languageModel, setStringModelResolver } = require('./providers.js');

const options = (argument, value) => jsonArgument(argument, optionsObject(argument, value));

/** `configure({ configDir })`: where `providers.json` lives (default: the OS config directory). */
function configure(settings) {
  return andThen(callNative(() => host().configure(options('settings', settings))), JSON.parse);
}

/** Built-in and registered providers, without secrets, each with `builtin` and `hasCredentials`. */
function listProviders() {
  return andThen(callNative(() => host().listProviders()), JSON.parse);
}

/** Registers a custom provider and writes it to `providers.json`. */
async function registerProvider(config) {
  return JSON.parse(await callNativeAsync(() => host().registerProvider(jsonArgument('config', config ?? null))));
}

/** Changes fields of a custom provider (`null` resets a field). */
async function updateProvider(id, patch) {
  checkString('id', id);
  return JSON.parse(await callNativeAsync(() => host().updateProvider(id, jsonArgument('patch', patch ?? null))));
}

async function removeProvider(id) {
  checkString('id', id);
  await callNativeAsync(() => host().removeProvider(id));
}

/** `'provider/model'` or a bare catalogue id → `{ provider, modelId, model, modelProvider }`. */
function resolveModel(modelId) {
  checkString('modelId', modelId);
  return andThen(callNative(() => host().resolveModel(modelId)), JSON.parse);
}

/** Adds or replaces catalogue entries (same provider and id) for this process. */
function addModels(models) {
  if (!Array.isArray(models)) {
    throw new InvalidArgumentError({ argument: 'models', message: 'Invalid argument for parameter models: expected an array' });
  }
  callNative(() => host().addModels(jsonArgument('models', models)));
}

/** The whole catalogue: compiled-in entries and `addModels` additions. */
function listModels() {
  return andThen(callNative(() => host().listModels()), JSON.parse);
}

/**
 * Models of the providers that have credentials (or need none): catalogue entries merged with
 * the providers' live lists. `{ models, errors }`; a provider whose list failed is in `errors`.
 */
async function listAvailableModels(settings) {
  return JSON.parse(await callNativeAsync(() => host().listAvailableModels(options('settings', settings))));
}

/**
 * `updateCatalog({ url | file, sha256? })`: loads a newer catalogue (models.json's format or
 * models.dev's), checked, and keeps it under `configDir` for later processes. A bad or
 * unverifiable file changes nothing (CatalogUpdateError says why).
 */
async function updateCatalog(settings) {
  return JSON.parse(await callNativeAsync(() => host().updateCatalog(options('options', settings))));
}

/** USD cost of `usage` on a model from its catalogue prices, or `null` if it has none. */
function estimateCost(modelId, usage) {
  checkString('modelId', modelId);
  return andThen(callNative(() => host().estimateCost(modelId, options('usage', usage))), JSON.parse);
}

/** A language model for `'provider/model'` (or a bare catalogue id); the key is read in Rust per request. */
function languageModelFromId(modelId) {
  const resolved = resolveModel(modelId);
  if (typeof resolved.then !== 'function') {
    const { provider, modelId: id, modelProvider } = resolved;
    return languageModel(callNative(() => host().providerFromRegistry(provider.id)), modelProvider, id);
  }
  // An async host resolves in the background; the first stream waits for it (and reports its error).
  const target = resolved.then(async ({ provider, modelId: id }) => ({
    handle: await callNative(() => host().providerFromRegistry(provider.id)),
    modelId: id,
  }));
  return languageModel(deferredProvider(target), modelId.split('/')[0], modelId);
}

// `streamText({ model: 'anthropic/claude-sonnet-4-5' })` resolves here.
setStringModelResolver(languageModelFromId);

module.exports = {
  configure, listProviders, registerProvider, updateProvider, removeProvider, resolveModel, addModels, listModels,
  listAvailableModels, estimateCost, languageModelFromId, updateCatalog,
};
