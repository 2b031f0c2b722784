'use strict';
// `experimental_createMCPClient` (`@ai-sdk/mcp`'s `createMCPClient`, of the 0.0.x line that goes
// with ai@5): JSON-RPC requests to an MCP server over a transport, the server's tools as AI SDK
// tools for the step loop (`tools()`), its resources and prompts. Beyond `@ai-sdk/mcp` 0.0.x:
// request timeouts (`requestTimeout`, per request `options.timeout`, `initializationOptions`),
// an aborted request rejects at once and tells the server (`notifications/cancelled`), a
// transport that closes with a reason (a crashed stdio server) rejects the pending requests with
// it, `tools()` follows `nextCursor`, and the server's `ping` is answered.
const { MCPClientError } = require('./errors.js');
const { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } = require('./json-rpc.js');
const { checkResult } = require('./results.js');
const { createMcpTransport } = require('./transport.js');
const { tool, dynamicTool, jsonSchema } = require('../tools.js');

const CLIENT_VERSION = '1.0.0';

/** The capability a method needs of the server (`@ai-sdk/mcp`'s `assertCapability`). */
const CAPABILITY = {
  'tools/list': 'tools', 'tools/call': 'tools',
  'resources/list': 'resources', 'resources/read': 'resources', 'resources/templates/list': 'resources',
  'prompts/list': 'prompts', 'prompts/get': 'prompts',
};

const anySignal = (a, b) => (a && b ? AbortSignal.any([a, b]) : a ?? b);

/** `promise`, or the signal's reason once it aborts. */
function abortable(promise, signal) {
  if (!signal) return promise;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * A tool's input schema as `@ai-sdk/mcp` sends it to the model: no other properties allowed, and
 * its keys in the order its schema parse leaves them (`type`, `properties`, the rest), so that
 * request bodies are the same text as with ai@5.
 */
function closedSchema({ type, properties, ...rest }) {
  const schema = { type, ...(properties !== undefined ? { properties } : {}), ...rest };
  return { ...schema, properties: schema.properties ?? {}, additionalProperties: false };
}

class MCPClient {
  #transport;
  #info;
  #capabilities;
  #onUncaughtError;
  #requestTimeout;
  #initOptions;
  #nextId = 0;
  #handlers = new Map();
  #abandoned = new Set(); // ids of requests timed out or aborted: their late answers are dropped
  #server = {};
  #closed = true;
  #closeReason;

  constructor({ transport, name, clientName, version = CLIENT_VERSION, onUncaughtError, capabilities, requestTimeout, initializationOptions } = {}) {
    this.#transport = createMcpTransport(transport);
    this.#info = { name: clientName ?? name ?? 'ai-sdk-mcp-client', version };
    this.#capabilities = capabilities ?? {};
    this.#onUncaughtError = onUncaughtError;
    this.#requestTimeout = requestTimeout;
    this.#initOptions = initializationOptions ?? {};
    this.#transport.onclose = (reason) => this.#onClose(reason);
    this.#transport.onerror = (error) => this.#onError(error);
    this.#transport.onmessage = (message) => this.#onMessage(message);
    // (`close` is passed around as a callback: `onFinish: client.close`.)
    this.close = this.close.bind(this);
  }

  /** What the server said of itself in `initialize`. */
  get serverInfo() { return this.#server.serverInfo; }
  get instructions() { return this.#server.instructions; }

  async init() {
    const { signal, timeout = this.#requestTimeout } = this.#initOptions;
    const timer = timeout == null ? null : new AbortController();
    const timeoutId = timer && setTimeout(() => timer.abort(new MCPClientError({ message: `MCP client initialization timed out after ${timeout}ms` })), timeout);
    const initSignal = anySignal(signal, timer?.signal);
    try {
      await abortable(this.#transport.start(), initSignal);
      this.#closed = false;
      const result = await this.#request('initialize', {
        protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: this.#capabilities, clientInfo: this.#info,
      }, { signal: initSignal, timeout: null });
      if (!SUPPORTED_PROTOCOL_VERSIONS.includes(result.protocolVersion)) {
        throw new MCPClientError({ message: `Server's protocol version is not supported: ${result.protocolVersion}` });
      }
      this.#server = result;
      await this.#notify('notifications/initialized');
      return this;
    } catch (error) {
      this.#closed = false; // (so that `close` closes the transport even when `start` failed)
      await this.close();
      throw error;
    } finally {
      clearTimeout(timeoutId);
    }
  }

  async close() {
    if (this.#closed) return;
    this.#closed = true;
    try {
      await this.#transport.close();
    } finally {
      this.#rejectAll(new MCPClientError({ message: 'Connection closed' }));
    }
  }

  /**
   * The server's tools as AI SDK tools: all of them as dynamic tools with their JSON schemas, or
   * with `schemas`, only the ones named there, with the schemas given (typed inputs).
   */
  async tools({ schemas = 'automatic' } = {}) {
    const tools = {};
    let cursor;
    do {
      const page = await this.listTools({ params: cursor ? { cursor } : undefined });
      for (const { name, description, inputSchema } of page.tools) {
        if (schemas !== 'automatic' && !Object.prototype.hasOwnProperty.call(schemas, name)) continue;
        const execute = async (args, options) => {
          options?.abortSignal?.throwIfAborted();
          return this.#request('tools/call', { name, arguments: args }, { signal: options?.abortSignal });
        };
        tools[name] = schemas === 'automatic'
          ? dynamicTool({ description, inputSchema: jsonSchema(closedSchema(inputSchema)), execute })
          : tool({ description, inputSchema: schemas[name].inputSchema, execute });
      }
      cursor = page.nextCursor;
    } while (cursor);
    return tools;
  }

  listTools({ params, options } = {}) { return this.#request('tools/list', params, options); }
  listResources({ params, options } = {}) { return this.#request('resources/list', params, options); }
  readResource({ uri, options }) { return this.#request('resources/read', { uri }, options); }
  listResourceTemplates({ options } = {}) { return this.#request('resources/templates/list', undefined, options); }
  listPrompts({ params, options } = {}) { return this.#request('prompts/list', params, options); }
  getPrompt({ name, arguments: args, options }) { return this.#request('prompts/get', { name, arguments: args }, options); }
  // (`@ai-sdk/mcp` 1.x names.)
  experimental_listPrompts(options) { return this.listPrompts(options); }
  experimental_getPrompt(args) { return this.getPrompt(args); }

  #request(method, params, { signal, timeout = this.#requestTimeout } = {}) {
    return new Promise((resolve, reject) => {
      if (this.#closed) {
        const why = this.#closeReason ? `: ${this.#closeReason.message}` : '';
        throw new MCPClientError({ message: `Attempted to send a request from a closed client${why}`, cause: this.#closeReason });
      }
      const needs = CAPABILITY[method];
      if (needs && !this.#server.capabilities?.[needs]) throw new MCPClientError({ message: `Server does not support ${needs}` });
      signal?.throwIfAborted();
      const id = this.#nextId++;
      let timeoutId;
      const settle = (error, result) => {
        this.#handlers.delete(id);
        signal?.removeEventListener('abort', onAbort);
        clearTimeout(timeoutId);
        if (error) reject(error);
        else resolve(result);
      };
      const abandon = (error) => {
        this.#abandoned.add(id);
        settle(error);
        this.#notify('notifications/cancelled', { requestId: id, reason: error.message }).catch(() => {});
      };
      // An abort whose reason is already an MCPClientError (the initialization deadline) is that error.
      const onAbort = () => abandon(MCPClientError.isInstance(signal.reason) ? signal.reason : new MCPClientError({ message: 'Request was aborted', cause: signal.reason }));
      this.#handlers.set(id, (response) => {
        if (response instanceof Error) return settle(response);
        try {
          settle(null, checkResult(method, response.result));
        } catch (error) {
          settle(new MCPClientError({ message: 'Failed to parse server response', cause: error }));
        }
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      if (timeout != null) timeoutId = setTimeout(() => abandon(new MCPClientError({ message: `Request timed out after ${timeout}ms` })), timeout);
      const message = { jsonrpc: '2.0', id, method };
      if (params !== undefined) message.params = params;
      this.#transport.send(message).catch((error) => { if (this.#handlers.has(id)) settle(error); });
    });
  }

  #notify(method, params) {
    return this.#transport.send(params === undefined ? { jsonrpc: '2.0', method } : { jsonrpc: '2.0', method, params });
  }

  #onMessage(message) {
    if ('method' in message) {
      // A request of the server's: `ping` is answered; elicitation and sampling are not supported.
      // Notifications (logging, progress, list changes) are not acted on.
      if (!('id' in message)) return;
      const answer = message.method === 'ping'
        ? { jsonrpc: '2.0', id: message.id, result: {} }
        : { jsonrpc: '2.0', id: message.id, error: { code: -32601, message: `Unsupported request method: ${message.method}` } };
      this.#transport.send(answer).catch((error) => this.#onError(error));
      return;
    }
    const id = Number(message.id);
    const handler = this.#handlers.get(id);
    if (handler === undefined) {
      if (this.#abandoned.delete(id)) return;
      this.#onError(new MCPClientError({ message: `Protocol error: Received a response for an unknown message ID: ${JSON.stringify(message)}` }));
      return;
    }
    handler('result' in message ? message : new MCPClientError({
      message: message.error.message, code: message.error.code, data: message.error.data, cause: message.error,
    }));
  }

  /** The transport closed (on its own, or by `close`): pending requests fail with its reason. */
  #onClose(reason) {
    if (reason) this.#closeReason = reason;
    this.#closed = true;
    this.#rejectAll(reason ?? new MCPClientError({ message: 'Connection closed' }));
  }

  #rejectAll(error) {
    for (const handler of [...this.#handlers.values()]) handler(error);
    this.#handlers.clear();
  }

  #onError(error) {
    this.#onUncaughtError?.(error);
  }
}

async function createMCPClient(config) {
  if (config === null || typeof config !== 'object') {
    throw new MCPClientError({ message: 'experimental_createMCPClient needs a config object with a `transport`.' });
  }
  const client = new MCPClient(config);
  await client.init();
  return client;
}

module.exports = { createMCPClient, MCPClient };
