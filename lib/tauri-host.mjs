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
 * A command's raw IPC body: its small arguments as a JSON header line, then `data` (text or
 * bytes) as it is (crates/tauri-plugin/src/raw_args.rs). Bulk crosses as it is; as a JSON
 * argument, Tauri's IPC would escape it here with a replacer-based stringify (megabytes of
 * history every step), and the plugin would parse it out again.
 */
function rawArgs(header, data) {
  const line = `${JSON.stringify(header)}\n`;
  if (typeof data === 'string') return utf8Encoder.encode(line + data);
  const head = utf8Encoder.encode(line);
  const body = new Uint8Array(head.length + data.byteLength);
  body.set(head);
  body.set(data, head.length);
  return body;
}

/** `B`: `stream_next`'s bytes start with the step's request body (`B<length>\n<body><batch>`). */
const BODY_AHEAD = 0x42;

/**
 * A stream the plugin runs: batches are pulled (the pull is the backpressure) as UTF-8 bytes. The
 * step's request body comes once, ahead of a batch, as the JSON text the call sent
 * (crates/tauri-plugin/src/batch_bytes.rs); it is decoded and parsed only if the app reads
 * `request.body` (`requestBody()`, as the Node addon's).
 */
function streamHandle(id) {
  let done = false;
  let body = null;
  return {
    async next() {
      if (done) return null;
      let bytes = new Uint8Array(await call('stream_next', { id }));
      if (bytes.byteLength === 0) {
        done = true;
        return null;
      }
      if (bytes[0] === BODY_AHEAD) {
        const eol = bytes.indexOf(0x0a);
        const end = eol + 1 + Number(utf8.decode(bytes.subarray(1, eol)));
        body = bytes.subarray(eol + 1, end);
        bytes = bytes.subarray(end);
      }
      return utf8.decode(bytes);
    },
    requestBody: () => (body === null ? null : utf8.decode(body)),
    abort() {
      if (done) return;
      done = true;
      call('stream_abort', { id }).catch(() => {});
    },
    // Answers to `$fetch` parts (lib/host-fetch.js). Body chunks cross as the bytes the page's
    // fetch read: the core reads them as it reads the network, split anywhere.
    fetchHead: (fetch, status, headers) => call('stream_fetch_head', { id, fetch, status, headers }),
    fetchChunk: (fetch, bytes) =>
      bytes.byteLength === 0 ? Promise.resolve(true) : call('stream_fetch_chunk', rawArgs({ id, fetch }, bytes)),
    fetchEnd: (fetch, error, kind) => call('stream_fetch_end', { id, fetch, error, kind }),
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
      deferredStream(created.then((provider) => call('stream_start', rawArgs({ provider, modelId }, options))).then(streamHandle)),
    embed: (modelId, options) =>
      deferredStream(created.then((provider) => call('embed_start', rawArgs({ provider, modelId }, options))).then(streamHandle)),
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
