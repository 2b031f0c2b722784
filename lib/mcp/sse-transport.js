'use strict';
// The (older) HTTP+SSE transport (`{ type: 'sse', url, headers }`): a GET event stream whose
// first `endpoint` event names where to POST messages, and which carries every answer. As
// `@ai-sdk/mcp`'s SseMCPTransport, except that a failed POST rejects the request it carried and a
// stream that breaks closes the transport with that error (there it only reaches `onerror`,
// and the requests wait forever).
const { MCPClientError } = require('./errors.js');
const { mcpHeaders, fetchOf, isAbort, readMessages } = require('./http-common.js');

const fail = (message) => new MCPClientError({ message: `MCP SSE Transport Error: ${message}` });

class SseMCPTransport {
  #config;
  #url;
  #abort = null;
  #endpoint = null;
  #closed = false;

  constructor(config) {
    this.#config = config;
    this.#url = new URL(config.url);
  }

  async start() {
    if (this.#endpoint) return;
    this.#abort = new AbortController();
    const response = await fetchOf(this.#config)(this.#url.href, {
      headers: mcpHeaders(this.#config, { Accept: 'text/event-stream' }),
      signal: this.#abort.signal,
    });
    if (!response.ok || !response.body) {
      const hint = response.status === 405 ? '. This server does not support SSE transport. Try using `http` transport instead' : '';
      throw fail(`${response.status} ${response.statusText}${hint}`);
    }
    await new Promise((resolve, reject) => {
      const onEvent = (e) => {
        if (e.event !== 'endpoint') return true;
        if (this.#endpoint) return false;
        const endpoint = new URL(e.data, this.#url);
        if (endpoint.origin !== this.#url.origin) {
          throw fail(`Endpoint origin does not match connection origin: ${endpoint.origin}`);
        }
        this.#endpoint = endpoint;
        resolve();
        return false;
      };
      readMessages(response.body, this, 'SSE', onEvent).then(
        () => this.#lost(fail('Connection closed unexpectedly'), reject),
        (error) => this.#lost(error, reject),
      );
    });
  }

  async close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#endpoint = null;
    this.#abort?.abort();
    this.onclose?.();
  }

  async send(message) {
    if (!this.#endpoint) throw fail('Not connected');
    let response;
    try {
      response = await fetchOf(this.#config)(this.#endpoint, {
        method: 'POST',
        headers: mcpHeaders(this.#config, { 'Content-Type': 'application/json' }),
        body: JSON.stringify(message),
        signal: this.#abort.signal,
      });
    } catch (error) {
      if (!isAbort(error)) this.onerror?.(error);
      throw error;
    }
    if (!response.ok) {
      const text = await response.text().catch(() => null);
      const error = fail(`POSTing to endpoint (HTTP ${response.status}): ${text}`);
      this.onerror?.(error);
      throw error;
    }
  }

  /** The stream ended or broke: before the endpoint, `start` fails; after it, the transport closes. */
  #lost(error, reject) {
    if (this.#closed) return;
    if (!this.#endpoint) {
      this.#abort.abort();
      reject(error);
      return;
    }
    this.onerror?.(error);
    this.#closed = true;
    this.#endpoint = null;
    this.#abort.abort();
    this.onclose?.(error);
  }
}

module.exports = { SseMCPTransport };
