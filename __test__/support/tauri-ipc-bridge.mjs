// The llm-native Tauri plugin's commands, served in a test process by the Node addon: what
// `mockIPC` answers to the webview build, so its `streamText` runs end to end against the real
// Rust core. Same command names, arguments and answer shapes as crates/tauri-plugin/src/commands.rs
// (batches as raw bytes, registry and status values as JSON text, errors as the error object).
import * as binding from '../../binding.js';

const providers = new Map();
const streams = new Map();
let nextId = 1;

/** What the plugin rejects with: the AI SDK error object (the addon throws it as JSON text). */
function errorObject(e) {
  try {
    return JSON.parse(e.message);
  } catch {
    return { name: 'Error', message: String(e?.message ?? e) };
  }
}

const text = (value) => JSON.stringify(value);

/**
 * The bytes of a batch as the plugin sends them (crates/tauri-plugin/src/batch_bytes.rs): the
 * step's request body, which the addon keeps on the stream (`requestBody()`), goes once ahead of
 * the first batch after the request went out, as `B<length>\n<body><batch>`.
 */
function batchBytes(batch, stream) {
  const utf8 = new TextEncoder();
  const body = sentBodies.has(stream) ? null : stream.requestBody();
  if (body == null) return utf8.encode(batch).buffer;
  sentBodies.add(stream);
  const bodyBytes = utf8.encode(body);
  return utf8.encode(`B${bodyBytes.length}\n${body}${batch}`).buffer;
}
const sentBodies = new WeakSet();

/** The stream handle `id` of this webview, or the plugin's error. */
function streamOf(id) {
  const s = streams.get(id);
  if (!s) throw new Error(text({ name: 'AI_InvalidArgumentError', message: `no stream ${id} in this webview`, argument: 'id' }));
  return s;
}

/** The provider handle `id` of this webview, or the plugin's error. */
function providerOf(id) {
  const p = providers.get(id);
  if (!p) throw new Error(text({ name: 'AI_InvalidArgumentError', message: `no provider ${id} in this webview`, argument: 'id' }));
  return p;
}

/** A raw body (crates/tauri-plugin/src/raw_args.rs): its JSON header line, and the bytes after it. */
function rawBody(body) {
  if (!ArrayBuffer.isView(body)) {
    throw new Error(text({ name: 'AI_InvalidArgumentError', message: 'this command takes a raw body: a JSON header line, then its data', argument: 'arguments' }));
  }
  const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  const end = bytes.indexOf(0x0a);
  return { header: JSON.parse(new TextDecoder().decode(bytes.subarray(0, end))), data: bytes.subarray(end + 1) };
}

/** A stream `start` of the raw body `body`, kept under a new id. */
function startWith(body, start) {
  const { header: { provider, modelId }, data } = rawBody(body);
  const stream = start(providerOf(provider), modelId, new TextDecoder().decode(data));
  const id = nextId++;
  streams.set(id, stream);
  return id;
}

const commands = {
  provider_create: ({ init }) => {
    const id = nextId++;
    providers.set(id, new binding.NativeProvider(init));
    return id;
  },
  provider_from_registry: ({ providerId }) => {
    const id = nextId++;
    providers.set(id, binding.providerFromRegistry(providerId));
    return id;
  },
  provider_fallback: ({ policy, members }) => {
    const chain = binding.createFallbackChain(policy);
    for (const [member, modelId] of members) chain.addFallback(providerOf(member), modelId);
    const id = nextId++;
    providers.set(id, chain);
    return id;
  },
  provider_drop: ({ id }) => void providers.delete(id),
  stream_start: (body) => startWith(body, (p, modelId, options) => p.stream(modelId, options)),
  embed_start: (body) => startWith(body, (p, modelId, options) => p.embed(modelId, options)),
  stream_next: async ({ id }) => {
    const s = streamOf(id);
    const batch = await s.next();
    if (batch === null) {
      streams.delete(id);
      return new ArrayBuffer(0);
    }
    return batchBytes(batch, s);
  },
  stream_abort: ({ id }) => {
    streams.get(id)?.abort();
    streams.delete(id);
  },
  stream_fetch_head: ({ id, fetch, status, headers }) => streamOf(id).fetchHead(fetch, status, headers),
  stream_fetch_chunk: (body) => {
    const { header: { id, fetch }, data } = rawBody(body);
    return streamOf(id).fetchChunk(fetch, data);
  },
  stream_fetch_end: ({ id, fetch, error, kind }) => streamOf(id).fetchEnd(fetch, error ?? undefined, kind ?? undefined),
  configure: ({ options }) => binding.configure(options),
  list_providers: () => binding.listProviders(),
  register_provider: ({ config }) => binding.registerProvider(config),
  update_provider: ({ id, patch }) => binding.updateProvider(id, patch),
  remove_provider: ({ id }) => binding.removeProvider(id),
  resolve_model: ({ modelId }) => binding.resolveModel(modelId),
  add_models: ({ entries }) => binding.addModels(entries),
  list_models: () => binding.listModels(),
  update_catalog: ({ options }) => binding.updateCatalog(options),
  query_usage: ({ options }) => binding.queryUsage(options),
  list_available_models: ({ options }) => binding.listAvailableModels(options),
  estimate_cost: ({ modelId, usage }) => binding.estimateCost(modelId, usage),
  configure_auth: ({ options }) => binding.configureAuth(options),
  set_api_key: ({ providerId, key }) => binding.setApiKey(providerId, key),
  has_api_key: ({ providerId }) => binding.hasApiKey(providerId),
  delete_api_key: ({ providerId }) => binding.deleteApiKey(providerId),
  auth_status: async ({ providerId }) => text(await binding.authStatus(providerId)),
  logout: ({ providerId }) => binding.logout(providerId),
  start_oauth: async ({ providerId, options }) => text(await binding.startOAuth(providerId, options)),
  complete_oauth: async ({ providerId, options }) => text(await binding.completeOAuth(providerId, options)),
  start_device_flow: async ({ providerId }) => text(await binding.startDeviceFlow(providerId)),
  poll_device_flow: async ({ providerId }) => text(await binding.pollDeviceFlow(providerId)),
};

/** The `mockIPC` handler; `calls` records every command name it served. */
export function bridge(calls = []) {
  return async (cmd, args) => {
    const name = cmd.startsWith('plugin:llm-native|') ? cmd.slice('plugin:llm-native|'.length) : null;
    const command = name && commands[name];
    if (!command) throw new Error(`unknown command ${cmd}`);
    calls.push(name);
    try {
      return await command(args ?? {});
    } catch (e) {
      throw errorObject(e);
    }
  };
}

export const openStreams = () => streams.size;
export const commandNames = Object.keys(commands);
