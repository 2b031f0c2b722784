'use strict';
// Tool definitions: `tool()`, `dynamicTool()`, and turning a tools record into the plain JSON list
// that Rust builds requests from.
const { InvalidArgumentError } = require('./errors.js');
const { SCHEMA, isZod, zodToJsonSchema, jsonSchema } = require('./schema.js');

/** Identity helper, as in the AI SDK: it only gives TypeScript the tool's types. */
function tool(definition) {
  return definition;
}

/** A tool whose input and output are not known statically (MCP, user-defined tools). */
function dynamicTool(definition) {
  return { ...definition, type: 'dynamic' };
}

function toJsonSchema(schema, toolName) {
  if (schema == null) return { type: 'object', properties: {}, additionalProperties: false };
  if (schema[SCHEMA] === true || 'jsonSchema' in schema) return schema.jsonSchema;
  if (isZod(schema)) return zodToJsonSchema(schema);
  if (typeof schema === 'object' && (schema.type || schema.properties || schema.$schema)) return schema;
  throw new InvalidArgumentError({ argument: 'tools', message: `tool ${toolName}: unsupported inputSchema` });
}

/** `{ name: tool }` → `[{ name, description, inputSchema }]` (v4 `parameters` accepted; provider-defined tools as `{ name, type, id, args }`). */
function toolsToNative(tools) {
  if (tools == null) return [];
  return Object.entries(tools).map(([name, t]) => (t?.type === 'provider-defined'
    // A provider's own tool (`openai.tools.webSearch()`, …): Rust sends it, or drops it with an
    // `unsupported-tool` warning where the protocol has no such tool.
    ? { name, type: 'provider-defined', id: t.id, args: t.args ?? {} }
    : {
      name,
      description: t.description,
      inputSchema: toJsonSchema(t.inputSchema ?? t.parameters, name),
      providerOptions: t.providerOptions,
    }));
}

module.exports = { tool, dynamicTool, jsonSchema, toolsToNative, toJsonSchema };
