'use strict';
// What the SSE and Streamable HTTP transports share: their request headers, the `fetch` they
// use (the config's, else the global one at call time, so a webview app can pass its own), and
// handing the JSON-RPC messages of an event stream to the transport's `onmessage`.
const { MCPClientError } = require('./errors.js');
const { LATEST_PROTOCOL_VERSION, parseJSONRPCMessage } = require('./json-rpc.js');
const { sseEvents } = require('./sse-events.js');

function mcpHeaders(config, extra, sessionId) {
  const headers = { ...config.headers, ...extra, 'mcp-protocol-version': LATEST_PROTOCOL_VERSION };
  if (sessionId) headers['mcp-session-id'] = sessionId;
  return headers;
}

const fetchOf = (config) => config.fetch ?? globalThis.fetch;

const isAbort = (error) => error != null && error.name === 'AbortError';

/**
 * Reads the `message` events of `body` into `transport.onmessage` until the stream ends (a
 * message that does not parse is an `onerror`, and the stream goes on); `onEvent` sees every
 * event first (the `endpoint` event, event ids). Rejects with the stream's error, aborts aside.
 */
async function readMessages(body, transport, label, onEvent) {
  try {
    for await (const e of sseEvents(body)) {
      if (onEvent?.(e) === false) continue;
      if (e.event !== undefined && e.event !== 'message') continue;
      let message;
      try {
        message = parseJSONRPCMessage(e.data);
      } catch (error) {
        transport.onerror?.(new MCPClientError({ message: `MCP ${label} Transport Error: Failed to parse message`, cause: error }));
        continue;
      }
      transport.onmessage?.(message);
    }
  } catch (error) {
    if (!isAbort(error)) throw error;
  }
}

module.exports = { mcpHeaders, fetchOf, isAbort, readMessages };
