'use strict';
// AI SDK `Schema` objects (`jsonSchema`, `zodSchema`, `asSchema`) and zod schemas as the JSON
// Schema sent to providers, converted as `@ai-sdk/provider-utils` does: zod 4 (and `zod/v4` on
// zod 3.25) through zod's own `toJSONSchema`, zod 3's v3 API through `zod-to-json-schema` (the
// converter the AI SDK vendors).
const { optionsObject } = require('./errors.js');

const SCHEMA = Symbol.for('vercel.ai.schema');
const VALIDATOR = Symbol.for('vercel.ai.validator');

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

/** zod 4 schemas carry `_zod`; zod 3's v3 API only `_def`. */
const isZod4 = (schema) => '_zod' in schema;
const isZod = (schema) => schema != null && typeof schema === 'object' && ('_zod' in schema || '_def' in schema);

/** A zod schema's JSON Schema (draft 7, input side, no `$ref`s unless `useReferences`). */
function zodToJsonSchema(schema, { useReferences = false } = {}) {
  if (isZod4(schema)) {
    const params = { target: 'draft-7', io: 'input', reused: useReferences ? 'ref' : 'inline' };
    // Classic zod 4 schemas convert themselves; `zod/v4/core` for those that do not (zod mini,
    // `zod/v4` on zod 3.25).
    const json = typeof schema.toJSONSchema === 'function' ? schema.toJSONSchema(params) : require('zod/v4/core').toJSONSchema(schema, params);
    return closeObjects(json);
  }
  return require('zod-to-json-schema').zodToJsonSchema(schema, { $refStrategy: useReferences ? 'root' : 'none' });
}

async function zodSafeParse(schema, value) {
  const r = typeof schema.safeParseAsync === 'function'
    ? await schema.safeParseAsync(value)
    : await require('zod/v4/core').safeParseAsync(schema, value);
  return r.success ? { success: true, value: r.data } : { success: false, error: r.error };
}

/**
 * AI SDK `jsonSchema`: wraps a JSON schema (or a function returning one, called on first use);
 * recognised by the AI SDK's own `asSchema` too.
 */
function jsonSchema(schema, options) {
  const { validate } = optionsObject('options', options);
  let resolved = schema;
  return {
    [SCHEMA]: true,
    _type: undefined,
    [VALIDATOR]: true,
    get jsonSchema() {
      if (typeof resolved === 'function') resolved = resolved();
      return resolved;
    },
    validate,
  };
}

/** AI SDK `zodSchema`: the JSON Schema is built on first use; `validate` parses with zod. */
function zodSchema(schema, options) {
  return jsonSchema(() => zodToJsonSchema(schema, options), { validate: (value) => zodSafeParse(schema, value) });
}

const isSchema = (value) => typeof value === 'object' && value !== null && value[SCHEMA] === true && 'jsonSchema' in value && 'validate' in value;

/** AI SDK `asSchema`: a Schema as is, a lazy schema called, anything else taken as zod. */
function asSchema(schema) {
  if (schema == null) return jsonSchema({ properties: {}, additionalProperties: false });
  if (isSchema(schema)) return schema;
  return typeof schema === 'function' ? schema() : zodSchema(schema);
}

module.exports = { SCHEMA, VALIDATOR, isZod, zodToJsonSchema, zodSchema, jsonSchema, asSchema };
