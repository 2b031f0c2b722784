'use strict';
// `createProviderRegistry` and `customProvider` as in the AI SDK v5: plain lookups over provider
// objects (ours), with the AI SDK's error classes and messages.
const { NoSuchModelError, NoSuchProviderError, optionsObject } = require('./errors.js');

function customProvider(options) {
  const { languageModels, fallbackProvider } = optionsObject('options', options);
  return {
    languageModel(modelId) {
      if (languageModels != null && Object.hasOwn(languageModels, modelId)) return languageModels[modelId];
      if (fallbackProvider) return fallbackProvider.languageModel(modelId);
      throw new NoSuchModelError({ modelId, modelType: 'languageModel', message: `No such languageModel: ${modelId}` });
    },
  };
}

function createProviderRegistry(providers, options) {
  const { separator = ':' } = optionsObject('options', options);
  const registry = Object.create(null);
  for (const [id, provider] of Object.entries(providers ?? {})) registry[id] = provider;
  return {
    registerProvider({ id, provider }) {
      registry[id] = provider;
    },
    languageModel(id) {
      const index = id.indexOf(separator);
      if (index === -1) {
        throw new NoSuchModelError({
          modelId: id, modelType: 'languageModel',
          message: `Invalid languageModel id for registry: ${id} (must be in the format "providerId${separator}modelId")`,
        });
      }
      const providerId = id.slice(0, index);
      const modelId = id.slice(index + separator.length);
      const provider = registry[providerId];
      if (provider == null) {
        const availableProviders = Object.keys(registry);
        throw new NoSuchProviderError({
          modelId: providerId, modelType: 'languageModel', providerId, availableProviders,
          message: `No such provider: ${providerId} (available providers: ${availableProviders.join()})`,
        });
      }
      const model = (provider.languageModel ?? provider)?.call(provider, modelId);
      if (model == null) throw new NoSuchModelError({ modelId: id, modelType: 'languageModel', message: `No such languageModel: ${id}` });
      return model;
    },
  };
}

module.exports = { customProvider, createProviderRegistry };
