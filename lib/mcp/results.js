'use strict';
// Checks each method's result before the client returns it, as `@ai-sdk/mcp` parses them with
// its zod schemas (a result that fails is a "Failed to parse server response" MCPClientError).
// Content items are checked only for a string `type`: newer servers' kinds (audio, resource
// links) pass, where `@ai-sdk/mcp` 0.0.x refuses them.
const { isObject } = require('./json-rpc.js');

const str = (v) => typeof v === 'string';
const arrayOf = (v, item) => Array.isArray(v) && v.every((x) => isObject(x) && item(x));
const content = (c) => str(c.type);

const CHECKS = {
  initialize: (r) => str(r.protocolVersion) && isObject(r.capabilities) && isObject(r.serverInfo) && str(r.serverInfo.name) && str(r.serverInfo.version),
  'tools/list': (r) => arrayOf(r.tools, (t) => str(t.name) && isObject(t.inputSchema) && t.inputSchema.type === 'object'),
  'tools/call': (r) => arrayOf(r.content, content) || 'toolResult' in r,
  'resources/list': (r) => arrayOf(r.resources, (x) => str(x.uri) && str(x.name)),
  'resources/read': (r) => arrayOf(r.contents, (x) => str(x.uri) && (str(x.text) || str(x.blob))),
  'resources/templates/list': (r) => arrayOf(r.resourceTemplates, (x) => str(x.uriTemplate) && str(x.name)),
  'prompts/list': (r) => arrayOf(r.prompts, (x) => str(x.name)),
  'prompts/get': (r) => arrayOf(r.messages, (m) => (m.role === 'user' || m.role === 'assistant') && isObject(m.content) && content(m.content)),
};

/**
 * A `tools/call` result as the AI SDK's schema leaves it — `isError` defaults to false, and the
 * schema's keys come first — so a tool result the model sees is the same JSON text as with ai@5.
 */
function toolResult(r) {
  if (!Array.isArray(r.content)) return r;
  const { _meta, content: items, isError = false, ...rest } = r;
  return { ...(_meta !== undefined ? { _meta } : {}), content: items, isError, ...rest };
}

/** The result, or an Error saying it is not what `method` returns. */
function checkResult(method, result) {
  if (!CHECKS[method](result)) throw new Error(`Invalid ${method} result: ${JSON.stringify(result).slice(0, 500)}`);
  return method === 'tools/call' ? toolResult(result) : result;
}

module.exports = { checkResult };
