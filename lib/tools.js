'use strict';
// Tool definitions: `tool()`, `jsonSchema()`, and turning a tools record into the plain JSON list
// that Rust builds requests from.
const { InvalidArgumentError, optionsObject } = require('./errors.js');

const SCHEMA = Symbol.for('vercel.ai.schema');
const VALIDATOR = Symbol.for('vercel.ai.validator');

/** Identity helper, as in the AI SDK: it only gives TypeScript the tool's types. */
function tool(definition) {
  return definition;
}

/** Wraps a JSON schema (AI SDK `jsonSchema`); recognised by the AI SDK's own `asSchema` too. */
function jsonSchema(schema, options) {
  const { validate } = optionsObject('options', options);
  return { [SCHEMA]: true, _type: undefined, [VALIDATOR]: true, jsonSchema: schema, validate };
}

/** Objects without `additionalProperties` get `false`, as the AI SDK does for zod v4 schemas. */
function closeObjects(schema) {
  if (schema.type === 'object') {
    const extra = schema.additionalProperties;
    schema.additionalProperties = extra != null && typeof extra !== 'boolean' ? closeObjects(extra) : false;
    for (const k in schema.properties ?? {}) schema.properties[k] = closeObjects(schema.properties[k]);
  }
  if (schema.type === 'array' && schema.items != null) {
    schema.items = Array.isArray(schema.items) ? schema.items.map(closeObjects) : closeObjects(schema.items);
  }
  return schema;
}

function toJsonSchema(schema, toolName) {
  if (schema == null) return { type: 'object', properties: {}, additionalProperties: false };
  if (schema[SCHEMA] === true || 'jsonSchema' in schema) return schema.jsonSchema;
  if (schema._zod) {
    const params = { target: 'draft-7', io: 'input', reused: 'inline' };
    // zod 4 schemas convert themselves; `zod/v4/core` for those that do not (zod mini).
    const json = typeof schema.toJSONSchema === 'function' ? schema.toJSONSchema(params) : require('zod/v4/core').toJSONSchema(schema, params);
    return closeObjects(json);
  }
  if (schema._def) {
    try {
      return require('zod-to-json-schema').zodToJsonSchema(schema, { $refStrategy: 'none', target: 'jsonSchema7' });
    } catch {
      throw new InvalidArgumentError({
        argument: 'tools',
        message: `tool ${toolName}: zod v3 schemas need the zod-to-json-schema package (or use zod v4 / jsonSchema())`,
      });
    }
  }
  if (typeof schema === 'object' && (schema.type || schema.properties || schema.$schema)) return schema;
  throw new InvalidArgumentError({ argument: 'tools', message: `tool ${toolName}: unsupported inputSchema` });
}

/** `{ name: tool }` → `[{ name, description, inputSchema }]` (v4 `parameters` accepted). */
function toolsToNative(tools) {
  if (tools == null) return [];
  return Object.entries(tools).map(([name, t]) => ({
    name,
    description: t.description,
    inputSchema: toJsonSchema(t.inputSchema ?? t.parameters, name),
    providerOptions: t.providerOptions,
  }));
}

module.exports = { tool, jsonSchema, toolsToNative, toJsonSchema };
