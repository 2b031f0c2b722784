'use strict';
// `MCPClientError`, as `@ai-sdk/mcp` defines it: name `MCPClientError`, the JSON-RPC error's
// `code` and `data` when the server answered with one, and the `AI_MCPClientError` marker its
// `isInstance` checks (so `@ai-sdk/mcp`'s own check recognises ours).
const { AISDKError } = require('../errors.js');

const MARKER = Symbol.for('vercel.ai.error.AI_MCPClientError');

class MCPClientError extends AISDKError {
  constructor({ name = 'MCPClientError', message, cause, data, code }) {
    super({ name, message, cause });
    this[MARKER] = true;
    this.data = data;
    this.code = code;
  }

  static isInstance(error) {
    return AISDKError.hasMarker(error, MARKER);
  }
}

module.exports = { MCPClientError };
