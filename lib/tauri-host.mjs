// The Tauri host: the `llm-native` Tauri plugin (crates/tauri-plugin), reached from the webview
// over IPC, as `lib/host.js` describes hosts. Every call is async here; provider and stream handles
// are ids the plugin keeps per webview. Keys go into the plugin with the provider settings and are
// never sent back.
import { invoke } from '@tauri-apps/api/core';
import hostModule from './host.js';

const { deferredStream } = hostModule;

/** A plugin command; its rejection (the AI SDK error object) as an Error whose message is its JSON. */
function call(command, args) {
  return invoke(`plugin:llm-native|${command}`, args).catch((e) => {
    throw new Error(typeof e === 'string' ? e : JSON.stringify(e));
  });
}

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/**
 * A stream start's arguments as the raw IPC body: a JSON header line, then the options' JSON text
 * as it is (crates/tauri-plugin/src/start_args.rs). Bytes cross as they are; as a JSON argument,
 * megabytes of history would be escaped here by Tauri's replacer-based stringify and parsed out
 * again in the plugin.
 */
const startArgs = (provider, modelId, options) =>
  utf8Encoder.encode(`${JSON.stringify({ provider, modelId })}\n${options}`);

/** A stream the plugin runs: batches are pulled (the pull is the backpressure) as UTF-8 bytes. */
function streamHandle(id) {
  let done = false;
  const decoders = new Map();
  return {
    async next() {
      if (done) return null;
      const bytes = await call('stream_next', { id });
      if (bytes.byteLength === 0) {
        done = true;
        return null;
      }
      return utf8.decode(bytes);
    },
    abort() {
      if (done) return;
      done = true;
      call('stream_abort', { id }).catch(() => {});
    },
    // Answers to `$fetch` parts (lib/host-fetch.js). Bodies cross as text: SSE and JSON are
    // UTF-8, and a decoder per request keeps characters split across chunks whole.
    fetchHead: (fetch, status, headers) => call('stream_fetch_head', { id, fetch, status, headers }),
    fetchChunk(fetch, bytes) {
      if (!decoders.has(fetch)) decoders.set(fetch, new TextDecoder());
      const chunk = decoders.get(fetch).decode(bytes, { stream: true });
      return chunk === '' ? Promise.resolve(true) : call('stream_fetch_chunk', { id, fetch, chunk });
    },
    async fetchEnd(fetch, error, kind) {
      const rest = decoders.get(fetch)?.decode() ?? '';
      decoders.delete(fetch);
      if (rest !== '' && error === undefined) await call('stream_fetch_chunk', { id, fetch, chunk: rest });
      return call('stream_fetch_end', { id, fetch, error, kind });
    },
  };
}

// A provider handle the page no longer references is dropped in the plugin too.
const providerIds = new FinalizationRegistry((id) => {
  call('provider_drop', { id }).catch(() => {});
});

function providerHandle(created) {
  created.catch(() => {}); // reported by the first stream, which waits for it
  const handle = {
    id: created, // (a fallback chain names its members by id)
    stream: (modelId, options) =>
      deferredStream(created.then((provider) => call('stream_start', startArgs(provider, modelId, options))).then(streamHandle)),
    embed: (modelId, options) =>
      deferredStream(created.then((provider) => call('embed_start', startArgs(provider, modelId, options))).then(streamHandle)),
  };
  created.then((id) => providerIds.register(handle, id), () => {});
  return handle;
}

export const host = {
  createProvider: (init) => providerHandle(call('provider_create', { init })),
  providerFromRegistry: (providerId) => providerHandle(call('provider_from_registry', { providerId })),
  createFallback: (policy, members) =>
    providerHandle(
      Promise.all(members.map(([handle]) => handle.id)).then((ids) =>
        call('provider_fallback', { policy, members: ids.map((id, i) => [id, members[i][1]]) })),
    ),
  configure: (options) => call('configure', { options }),
  listProviders: () => call('list_providers'),
  registerProvider: (config) => call('register_provider', { config }),
  updateProvider: (id, patch) => call('update_provider', { id, patch }),
  removeProvider: (id) => call('remove_provider', { id }),
  resolveModel: (modelId) => call('resolve_model', { modelId }),
  addModels: (entries) => call('add_models', { entries }),
  listModels: () => call('list_models'),
  updateCatalog: (options) => call('update_catalog', { options }),
  queryUsage: (options) => call('query_usage', { options }),
  listAvailableModels: (options) => call('list_available_models', { options }),
  estimateCost: (modelId, usage) => call('estimate_cost', { modelId, usage }),
  configureAuth: (options) => call('configure_auth', { options }),
  setApiKey: (providerId, key) => call('set_api_key', { providerId, key }),
  hasApiKey: (providerId) => call('has_api_key', { providerId }),
  deleteApiKey: (providerId) => call('delete_api_key', { providerId }),
  authStatus: (providerId) => call('auth_status', { providerId }).then((s) => JSON.parse(s)),
  hasOAuth: (providerId) => call('auth_status', { providerId }).then((s) => JSON.parse(s).oauth),
  logout: (providerId) => call('logout', { providerId }),
  startOAuth: (providerId, options) => call('start_oauth', { providerId, options }).then((s) => JSON.parse(s)),
  completeOAuth: (providerId, options) => call('complete_oauth', { providerId, options }).then((s) => JSON.parse(s)),
  startDeviceFlow: (providerId) => call('start_device_flow', { providerId }).then((s) => JSON.parse(s)),
  pollDeviceFlow: (providerId) => call('poll_device_flow', { providerId }).then((s) => JSON.parse(s)),
};
