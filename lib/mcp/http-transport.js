'use strict';
// The Streamable HTTP transport (`{ type: 'http', url, headers }`): each message is a POST whose
// answer is JSON or an event stream, the server's `mcp-session-id` goes back on every request,
// a GET event stream carries what the server sends unasked, and `close()` ends the session with a
// DELETE. As `@ai-sdk/mcp`'s HttpMCPTransport, with `fetch` only (it runs in a webview too).
const { MCPClientError } = require('./errors.js');
const { validateJSONRPCMessage } = require('./json-rpc.js');
const { mcpHeaders, fetchOf, isAbort, readMessages } = require('./http-common.js');

const RECONNECT = { initialDelay: 1000, maxDelay: 30000, growFactor: 1.5, maxRetries: 2 };
const fail = (message) => new MCPClientError({ message: `MCP HTTP Transport Error: ${message}` });

class HttpMCPTransport {
  #config;
  #url;
  #abort = null;
  #sessionId;
  #inbound = false; // whether the GET stream was opened
  #reconnects = 0;
  #lastEventId;

  constructor(config) {
    this.#config = config;
    this.#url = new URL(config.url);
  }

  async start() {
    if (this.#abort) throw fail('Transport already started. Note: client.connect() calls start() automatically.');
    this.#abort = new AbortController();
    // (The GET stream opens after the first 202: before `initialize` a server with sessions
    // refuses it, having no session to tie it to.)
  }

  async close() {
    if (this.#sessionId && this.#abort && !this.#abort.signal.aborted) {
      await fetchOf(this.#config)(this.#url, { method: 'DELETE', headers: this.#headers({}), signal: this.#abort.signal }).catch(() => {});
    }
    this.#abort?.abort(); // (ends the GET stream and the answers still streaming)
    this.onclose?.();
  }

  async send(message) {
    try {
      await this.#post(message);
    } catch (error) {
      if (!isAbort(error)) this.onerror?.(error);
      throw error;
    }
  }

  #headers(extra) {
    return mcpHeaders(this.#config, extra, this.#sessionId);
  }

  #keepSession(response) {
    const id = response.headers.get('mcp-session-id');
    if (id) this.#sessionId = id;
  }

  async #post(message) {
    const response = await fetchOf(this.#config)(this.#url, {
      method: 'POST',
      headers: this.#headers({ 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' }),
      body: JSON.stringify(message),
      signal: this.#abort?.signal,
    });
    this.#keepSession(response);
    if (response.status === 202) {
      if (!this.#inbound) this.#openInbound();
      return;
    }
    if (!response.ok) {
      const text = await response.text().catch(() => null);
      const hint = response.status === 404 ? '. This server does not support HTTP transport. Try using `sse` transport instead' : '';
      throw fail(`POSTing to endpoint (HTTP ${response.status}): ${text}${hint}`);
    }
    const type = response.headers.get('content-type') || '';
    if (type.includes('application/json')) {
      const data = await response.json();
      for (const m of Array.isArray(data) ? data : [data]) this.onmessage?.(validateJSONRPCMessage(m));
      return;
    }
    if (type.includes('text/event-stream')) {
      if (!response.body) throw fail('text/event-stream response without body');
      // The answer streams in after `send` returns; the request waits for it by id.
      readMessages(response.body, this, 'HTTP').catch((error) => this.onerror?.(error));
      return;
    }
    throw fail(`Unexpected content type: ${type}`);
  }

  /** The optional GET stream: best effort, resumed from the last event id when it breaks. */
  #openInbound() {
    this.#inbound = true;
    const run = async () => {
      const headers = this.#headers({ Accept: 'text/event-stream' });
      if (this.#lastEventId) headers['last-event-id'] = this.#lastEventId;
      const response = await fetchOf(this.#config)(this.#url.href, { method: 'GET', headers, signal: this.#abort?.signal });
      this.#keepSession(response);
      if (response.status === 405) return; // the server has no GET stream
      if (!response.ok || !response.body) {
        this.onerror?.(fail(`GET SSE failed: ${response.status} ${response.statusText}`));
        return;
      }
      this.#reconnects = 0;
      await readMessages(response.body, this, 'HTTP', (e) => { if (e.id) this.#lastEventId = e.id; });
    };
    run().catch((error) => {
      if (isAbort(error) || this.#abort?.signal.aborted) return;
      this.onerror?.(error);
      this.#reconnect();
    });
  }

  #reconnect() {
    if (this.#reconnects >= RECONNECT.maxRetries) {
      this.onerror?.(fail(`Maximum reconnection attempts (${RECONNECT.maxRetries}) exceeded.`));
      return;
    }
    const delay = Math.min(RECONNECT.initialDelay * RECONNECT.growFactor ** this.#reconnects, RECONNECT.maxDelay);
    this.#reconnects++;
    setTimeout(() => { if (!this.#abort?.signal.aborted) this.#openInbound(); }, delay);
  }
}

module.exports = { HttpMCPTransport };
