'use strict';
// JSON-RPC 2.0 messages as MCP uses them: the protocol versions this client speaks, and checking
// what a server sends before the client acts on it (the checks `@ai-sdk/mcp`'s zod schemas make,
// written out so that zod stays an optional peer dependency).
const { secureJsonParse } = require('../provider-utils.js');

const LATEST_PROTOCOL_VERSION = '2025-06-18';
const SUPPORTED_PROTOCOL_VERSIONS = [LATEST_PROTOCOL_VERSION, '2025-03-26', '2024-11-05'];

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const isId = (v) => typeof v === 'string' || Number.isInteger(v);

/** Why `message` is not a JSON-RPC request, notification, result or error, or null if it is one. */
function problem(message) {
  if (!isObject(message) || message.jsonrpc !== '2.0') return 'not a JSON-RPC 2.0 message';
  if ('method' in message) {
    if (typeof message.method !== 'string') return 'method is not a string';
    if ('id' in message && !isId(message.id)) return 'request id is not a string or an integer';
    if (message.params !== undefined && !isObject(message.params)) return 'params is not an object';
    return null;
  }
  if (!isId(message.id)) return 'response id is not a string or an integer';
  if ('result' in message) return isObject(message.result) ? null : 'result is not an object';
  const { error } = message;
  if (!isObject(error) || !Number.isInteger(error.code) || typeof error.message !== 'string') return 'neither a result nor an error';
  return null;
}

/** `value` as a JSON-RPC message, or a thrown Error saying why it is not one. */
function validateJSONRPCMessage(value) {
  const why = problem(value);
  if (why) throw new Error(`Invalid JSON-RPC message: ${why}`);
  return value;
}

/** Parses one message (a stdio line, an SSE event's data), prototype keys refused. */
function parseJSONRPCMessage(text) {
  return validateJSONRPCMessage(secureJsonParse(text));
}

module.exports = { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, validateJSONRPCMessage, parseJSONRPCMessage, isObject };
