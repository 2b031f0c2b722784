'use strict';
// Provider factories mirroring @ai-sdk/openai and @ai-sdk/openai-compatible. The settings (with the
// API key) go straight into a Rust `NativeProvider`; the returned JS objects hold no key.
const { host } = require('./host.js');
const { callNative, InvalidArgumentError, jsonArgument, checkString } = require('./errors.js');
const { embeddingModel, noEmbeddingModel } = require('./embed.js');
const { registerFetch, releaseFetchWith } = require('./host-fetch.js');
const { nativeModelMethods } = require('./language-model-v2.js');
const { googleTools, anthropicTools, openaiTools } = require('./provider-tools.js');

const NATIVE = Symbol.for('llm-native.provider');

function languageModel(native, providerId, modelId) {
  return Object.freeze({
    specificationVersion: 'v2',
    provider: providerId,
    modelId,
    supportedUrls: {},
    // A LanguageModelV2 for ai@5 and middleware; llm-native's own loop uses the native stream.
    ...nativeModelMethods(native, modelId),
    [NATIVE]: native,
  });
}

/** A provider function with its model methods; `embeddingProviderId` names its embedding models (none: it has none). */
function makeProvider({ fetch, ...init }, chatProviderId, embeddingProviderId) {
  // The app's `fetch` stays here; Rust gets its number and hands its requests back to it.
  const hostFetch = fetch === undefined ? undefined : registerFetch(fetch);
  const native = callNative(() => host().createProvider(jsonArgument('settings', { ...init, hostFetch })));
  if (hostFetch !== undefined) releaseFetchWith(native, hostFetch);
  const chat = (modelId) => languageModel(native, chatProviderId, modelId);
  const provider = (modelId) => chat(modelId);
  provider.languageModel = chat;
  provider.chatModel = chat;
  provider.chat = chat;
  provider.messages = chat;
  const embedding = embeddingProviderId === undefined
    ? noEmbeddingModel
    : (modelId) => embeddingModel(native, embeddingProviderId, modelId);
  provider.textEmbeddingModel = embedding;
  provider.textEmbedding = embedding;
  provider.embedding = embedding;
  return provider;
}

/** Settings every provider takes: timeouts, client-side rate limits, proxy, extra CA roots, the app's `fetch`. */
function networkSettings({ timeouts, rateLimit, proxy, caCertificates, fetch }) {
  if (fetch != null && typeof fetch !== 'function') {
    throw new InvalidArgumentError({ argument: 'fetch', message: 'the fetch setting must be a function (url, init) => Promise<Response>' });
  }
  return { timeouts, rateLimit, proxy, caCertificates, fetch: fetch ?? undefined };
}

/**
 * Where the key comes from when no `apiKey` is given: the keychain entry of
 * `credentialProviderId` (default: the provider's own id; `false` skips the keychain), then the
 * env var. `oauth: true` (or a login id: 'anthropic', 'openai', 'github-copilot') uses the stored
 * OAuth login instead.
 */
function credentialSettings({ credentialProviderId, oauth }, defaultId) {
  const oauthProvider = oauth === true ? defaultId : typeof oauth === 'string' ? oauth : undefined;
  if (oauth === true && defaultId === undefined) {
    throw new InvalidArgumentError({ argument: 'oauth', message: "name the login: oauth: 'github-copilot' (or another login id)" });
  }
  const stored = credentialProviderId === false ? undefined : credentialProviderId ?? defaultId;
  return { oauthProvider, credentialProviderId: stored };
}

function checkSettings(settings) {
  if (settings != null && (typeof settings !== 'object' || Array.isArray(settings))) {
    throw new InvalidArgumentError({ argument: 'settings', message: 'provider settings must be an object' });
  }
  const s = settings ?? {};
  for (const field of ['name', 'baseURL']) if (s[field] != null) checkString(field, s[field]);
  return s;
}

/** `createOpenAICompatible({ name, baseURL, apiKey, headers, includeUsage, supportsStructuredOutputs })` */
function createOpenAICompatible(settings) {
  settings = checkSettings(settings);
  const { name, baseURL, apiKey, headers, includeUsage, supportsStructuredOutputs } = settings;
  if (typeof name !== 'string' || typeof baseURL !== 'string') {
    throw new InvalidArgumentError({
      argument: 'settings',
      message: 'createOpenAICompatible needs a string `name` and `baseURL`',
    });
  }
  return makeProvider(
    {
      protocol: 'openai-chat', name, providerId: `${name}.chat`, baseUrl: baseURL, apiKey, headers, includeUsage, supportsStructuredOutputs,
      ...networkSettings(settings), ...credentialSettings(settings, undefined),
    },
    `${name}.chat`,
    `${name}.embedding`,
  );
}

/**
 * `createOpenAI({ baseURL, apiKey, headers, name })`, like AI SDK v5: `openai(id)` and
 * `openai.responses(id)` use the Responses API, `openai.chat(id)` Chat Completions. The key
 * defaults to `OPENAI_API_KEY`, read in Rust.
 */
function createOpenAI(settings) {
  settings = checkSettings(settings);
  const { baseURL, apiKey, headers, name = 'openai', organization, project } = settings;
  const allHeaders = { ...headers };
  if (organization) allHeaders['OpenAI-Organization'] = organization;
  if (project) allHeaders['OpenAI-Project'] = project;
  const common = {
    name: 'openai',
    // As @ai-sdk/openai: `baseURL`, else OPENAI_BASE_URL (read in Rust), else the API.
    baseUrl: baseURL,
    baseUrlEnvVar: 'OPENAI_BASE_URL',
    defaultBaseUrl: 'https://api.openai.com/v1',
    apiKey,
    apiKeyEnvVar: 'OPENAI_API_KEY',
    apiKeyDescription: 'OpenAI',
    headers: allHeaders,
    ...networkSettings(settings),
    ...credentialSettings(settings, 'openai'),
  };
  const chat = makeProvider({ ...common, protocol: 'openai-platform-chat', providerId: `${name}.chat` }, `${name}.chat`, `${name}.embedding`);
  const responses = makeProvider({ ...common, protocol: 'openai-responses', providerId: `${name}.responses` }, `${name}.responses`);
  const provider = (modelId) => responses(modelId);
  provider.languageModel = responses;
  provider.responses = responses;
  provider.chat = chat;
  provider.tools = openaiTools;
  provider.textEmbeddingModel = chat.textEmbeddingModel;
  provider.textEmbedding = chat.textEmbeddingModel;
  provider.embedding = chat.textEmbeddingModel;
  return provider;
}

/** `createAnthropic({ baseURL, apiKey, headers, name })`; the key defaults to `ANTHROPIC_API_KEY`, read in Rust. */
function createAnthropic(settings) {
  settings = checkSettings(settings);
  const { baseURL, apiKey, headers, name = 'anthropic.messages' } = settings;
  const provider = makeProvider(
    {
      protocol: 'anthropic-messages',
      name: 'anthropic',
      providerId: name,
      // As @ai-sdk/anthropic: `baseURL`, else ANTHROPIC_BASE_URL (read in Rust), else the API.
      baseUrl: baseURL,
      baseUrlEnvVar: 'ANTHROPIC_BASE_URL',
      defaultBaseUrl: 'https://api.anthropic.com/v1',
      apiKey,
      apiKeyEnvVar: 'ANTHROPIC_API_KEY',
      apiKeyDescription: 'Anthropic',
      headers,
      ...networkSettings(settings),
      ...credentialSettings(settings, 'anthropic'),
    },
    name,
  );
  provider.tools = anthropicTools;
  return provider;
}

/**
 * An OpenAI-compatible vendor with its own factory in the AI SDK ecosystem: its base URL, key
 * variable and `provider` string, the app's settings over them.
 */
function compatibleVendor({ name, defaultBaseUrl, apiKeyEnvVar, description, headers: vendorHeaders }) {
  return (settings) => {
    settings = checkSettings(settings);
    const { baseURL, apiKey, headers } = settings;
    return makeProvider(
      {
        protocol: 'openai-chat', name, providerId: `${name}.chat`,
        baseUrl: baseURL, defaultBaseUrl, apiKey, apiKeyEnvVar, apiKeyDescription: description,
        headers: { ...vendorHeaders?.(settings), ...headers }, includeUsage: true,
        ...networkSettings(settings), ...credentialSettings(settings, name),
      },
      `${name}.chat`,
      `${name}.embedding`,
    );
  };
}

/** `createDeepSeek({ apiKey, baseURL, headers, fetch })` as `@ai-sdk/deepseek`; key default `DEEPSEEK_API_KEY`. */
const createDeepSeek = compatibleVendor({
  name: 'deepseek', defaultBaseUrl: 'https://api.deepseek.com/v1', apiKeyEnvVar: 'DEEPSEEK_API_KEY', description: 'DeepSeek',
});

/**
 * `createOpenRouter({ apiKey, baseURL, headers, appName, appUrl, fetch })` as
 * `@openrouter/ai-sdk-provider`'s chat models; key default `OPENROUTER_API_KEY`. `appUrl` /
 * `appName` become OpenRouter's `HTTP-Referer` / `X-Title` attribution headers.
 */
const createOpenRouter = compatibleVendor({
  name: 'openrouter', defaultBaseUrl: 'https://openrouter.ai/api/v1', apiKeyEnvVar: 'OPENROUTER_API_KEY', description: 'OpenRouter',
  headers: ({ appUrl, appName }) => {
    const headers = {};
    for (const [argument, value, header] of [['appUrl', appUrl, 'HTTP-Referer'], ['appName', appName, 'X-Title']]) {
      if (value == null) continue;
      checkString(argument, value);
      headers[header] = value;
    }
    return headers;
  },
});

/**
 * `createGateway({ apiKey, baseURL, headers, fetch })`: the Vercel AI Gateway through its
 * OpenAI-compatible API (`provider/model` ids); key default `AI_GATEWAY_API_KEY`.
 */
const createGateway = compatibleVendor({
  name: 'gateway', defaultBaseUrl: 'https://ai-gateway.vercel.sh/v1', apiKeyEnvVar: 'AI_GATEWAY_API_KEY', description: 'Vercel AI Gateway',
});

/**
 * `createGitHubCopilot({ baseURL, headers })`: GitHub Copilot with the stored login
 * (`startDeviceFlow('github-copilot')`); models Copilot serves only through the Responses API
 * go there (from the catalogue).
 */
function createGitHubCopilot(settings) {
  settings = checkSettings(settings);
  const { baseURL, headers } = settings;
  return makeProvider(
    {
      protocol: 'openai-chat', name: 'github-copilot', providerId: 'github-copilot.chat',
      baseUrl: baseURL, defaultBaseUrl: 'https://api.githubcopilot.com', headers, includeUsage: true,
      ...networkSettings(settings), oauthProvider: 'github-copilot',
    },
    'github-copilot.chat',
  );
}

let defaultAnthropic;
/** The default Anthropic provider (key from `ANTHROPIC_API_KEY`), created on first use. */
function anthropic(modelId) {
  defaultAnthropic ??= createAnthropic();
  return defaultAnthropic(modelId);
}
anthropic.languageModel = (modelId) => anthropic(modelId);
anthropic.messages = anthropic.languageModel;
anthropic.tools = anthropicTools;
anthropic.textEmbeddingModel = noEmbeddingModel;
anthropic.textEmbedding = noEmbeddingModel;
anthropic.embedding = noEmbeddingModel;

/** `createGoogleGenerativeAI({ baseURL, apiKey, headers, name })`; key default `GOOGLE_GENERATIVE_AI_API_KEY`, read in Rust. */
function createGoogleGenerativeAI(settings) {
  settings = checkSettings(settings);
  const { baseURL, apiKey, headers, name = 'google.generative-ai' } = settings;
  const provider = makeProvider(
    {
      protocol: 'google-generative-ai',
      name: 'google',
      providerId: name,
      baseUrl: baseURL,
      defaultBaseUrl: 'https://generativelanguage.googleapis.com/v1beta',
      apiKey,
      apiKeyEnvVar: 'GOOGLE_GENERATIVE_AI_API_KEY',
      apiKeyDescription: 'Google Generative AI',
      headers,
      ...networkSettings(settings),
      ...credentialSettings(settings, 'google'),
    },
    name,
    name,
  );
  provider.tools = googleTools;
  return provider;
}

let defaultGoogle;
/** The default Google provider (key from `GOOGLE_GENERATIVE_AI_API_KEY`), created on first use. */
function google(modelId) {
  defaultGoogle ??= createGoogleGenerativeAI();
  return defaultGoogle(modelId);
}
google.languageModel = (modelId) => google(modelId);
google.tools = googleTools;
google.chat = google.languageModel;
google.textEmbeddingModel = (modelId) => {
  defaultGoogle ??= createGoogleGenerativeAI();
  return defaultGoogle.textEmbeddingModel(modelId);
};
google.textEmbedding = google.textEmbeddingModel;
google.embedding = google.textEmbeddingModel;

let defaultOpenAI;
/** The default OpenAI provider (key from `OPENAI_API_KEY`), created on first use like the AI SDK's `openai`. */
function openai(modelId) {
  defaultOpenAI ??= createOpenAI();
  return defaultOpenAI(modelId);
}
openai.responses = (modelId) => openai(modelId);
openai.languageModel = openai.responses;
openai.tools = openaiTools;
openai.chat = (modelId) => {
  defaultOpenAI ??= createOpenAI();
  return defaultOpenAI.chat(modelId);
};
openai.textEmbeddingModel = (modelId) => {
  defaultOpenAI ??= createOpenAI();
  return defaultOpenAI.textEmbeddingModel(modelId);
};
openai.textEmbedding = openai.textEmbeddingModel;
openai.embedding = openai.textEmbeddingModel;

/** The native provider behind a model object, or a typed error for anything else. */
function nativeOf(model) {
  const native = model != null && typeof model === 'object' ? model[NATIVE] : undefined;
  if (!native) {
    const what = typeof model === 'string' ? `the string "${model}"` : 'this value';
    throw new InvalidArgumentError({
      argument: 'model',
      message: `Invalid argument for parameter model: expected a model from an llm-native provider (e.g. createOpenAI()('gpt-4o')), got ${what}.`,
    });
  }
  return native;
}

function isLanguageModelV2(model) {
  return model != null && typeof model === 'object' && model.specificationVersion === 'v2' && typeof model.doStream === 'function';
}

/** How a string model id becomes a model; the registry (lib/registry.js) installs itself here. */
let stringModelResolver = null;
function setStringModelResolver(fn) {
  stringModelResolver = fn;
}

/** A model option as the AI SDK accepts it: a model object, or a `provider/model` string. */
function resolveLanguageModel(model) {
  if (typeof model === 'string' && stringModelResolver) return stringModelResolver(model);
  // Any other LanguageModelV2 (a community provider, a wrapped or mock model): lib/foreign-model-stream.js.
  if (isLanguageModelV2(model)) return model;
  nativeOf(model);
  return model;
}

module.exports = {
  createOpenAI, createOpenAICompatible, openai, createAnthropic, anthropic, createGoogleGenerativeAI, google, nativeOf,
  createDeepSeek, createOpenRouter, createGateway, createGitHubCopilot,
  languageModel, resolveLanguageModel, setStringModelResolver,
};
