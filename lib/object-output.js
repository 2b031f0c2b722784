'use strict';
// What `generateObject` / `streamObject` ask for and accept, per `output` (ai@5's output
// strategies): the JSON Schema sent as `responseFormat`, the check of a partial value while it
// streams, and the check of the final text. Partial values come from Rust's incremental parser
// (lib/partial-json-value.js); only the final text is parsed here, once.
const { InvalidArgumentError, JSONParseError, TypeValidationError, NoObjectGeneratedError, UnsupportedFunctionalityError, errorMessage } = require('./errors.js');
const { safeValidateTypes, secureJsonParse, validationError } = require('./provider-utils.js');
const { asSchema } = require('./schema.js');

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const typeError = (value, cause) => ({ success: false, error: validationError(value, cause) });

function objectStrategy(schema) {
  return {
    type: 'object',
    jsonSchema: schema.jsonSchema,
    partial: ({ value, textDelta }) => ({ success: true, value: { partial: value, textDelta } }),
    final: (value) => safeValidateTypes({ value, schema }),
  };
}

function arrayStrategy(schema) {
  const { $schema, ...items } = schema.jsonSchema;
  const elementsOf = (value) => (isObject(value) && Array.isArray(value.elements) ? value.elements : undefined);
  const notElements = (value) => typeError(value, 'value must be an object that contains an array of elements');
  // Elements before the last never change while the text streams: each is checked once.
  let checked = [];
  return {
    type: 'array',
    jsonSchema: { $schema: DRAFT_07, type: 'object', properties: { elements: { type: 'array', items } }, required: ['elements'], additionalProperties: false },
    async partial({ value, latestObject, isFirstDelta, isFinalDelta }) {
      const elements = elementsOf(value);
      if (elements === undefined) return notElements(value);
      const ready = isFinalDelta ? elements.length : elements.length - 1;
      for (let i = checked.length; i < ready; i++) {
        const r = await safeValidateTypes({ value: elements[i], schema });
        if (!r.success) return r;
        checked.push(r.value);
      }
      checked = checked.slice(0, Math.max(ready, 0));
      const published = latestObject?.length ?? 0;
      let textDelta = isFirstDelta ? '[' : '';
      if (published > 0) textDelta += ',';
      textDelta += checked.slice(published).map((e) => JSON.stringify(e)).join(',');
      if (isFinalDelta) textDelta += ']';
      return { success: true, value: { partial: checked.slice(), textDelta } };
    },
    async final(value) {
      const elements = elementsOf(value);
      if (elements === undefined) return notElements(value);
      const out = [];
      for (const e of elements) {
        const r = await safeValidateTypes({ value: e, schema });
        if (!r.success) return r;
        out.push(r.value);
      }
      return { success: true, value: out };
    },
    elements: true,
  };
}

function enumStrategy(values) {
  const resultOf = (value) => (isObject(value) && typeof value.result === 'string' ? value.result : undefined);
  const notResult = (value) => typeError(value, 'value must be an object that contains a string in the "result" property.');
  return {
    type: 'enum',
    jsonSchema: { $schema: DRAFT_07, type: 'object', properties: { result: { type: 'string', enum: values } }, required: ['result'], additionalProperties: false },
    partial({ value, textDelta }) {
      const result = resultOf(value);
      if (result === undefined) return notResult(value);
      const possible = values.filter((v) => v.startsWith(result));
      if (result.length === 0 || possible.length === 0) return typeError(value, 'value must be a string in the enum');
      return { success: true, value: { partial: possible.length > 1 ? result : possible[0], textDelta } };
    },
    final(value) {
      const result = resultOf(value);
      if (result === undefined) return notResult(value);
      return values.includes(result) ? { success: true, value: result } : typeError(value, 'value must be a string in the enum');
    },
  };
}

const noSchemaStrategy = {
  type: 'no-schema',
  jsonSchema: undefined,
  partial: ({ value, textDelta }) => ({ success: true, value: { partial: value, textDelta } }),
  final: (value) => ({ success: true, value }),
};

const invalid = (parameter, value, message) => new InvalidArgumentError({ parameter, value, message: `Invalid argument for parameter ${parameter}: ${message}` });

/** ai@5's `validateObjectGenerationInput`, then the strategy. */
function outputStrategy({ output = 'object', schema, schemaName, schemaDescription, enumValues }) {
  if (!['object', 'array', 'enum', 'no-schema'].includes(output)) throw invalid('output', output, 'Invalid output type.');
  const refuse = (parameter, value, message) => { if (value != null) throw invalid(parameter, value, message); };
  if (output === 'no-schema') {
    refuse('schema', schema, 'Schema is not supported for no-schema output.');
    refuse('schemaDescription', schemaDescription, 'Schema description is not supported for no-schema output.');
    refuse('schemaName', schemaName, 'Schema name is not supported for no-schema output.');
    refuse('enumValues', enumValues, 'Enum values are not supported for no-schema output.');
    return noSchemaStrategy;
  }
  if (output === 'enum') {
    refuse('schema', schema, 'Schema is not supported for enum output.');
    refuse('schemaDescription', schemaDescription, 'Schema description is not supported for enum output.');
    refuse('schemaName', schemaName, 'Schema name is not supported for enum output.');
    if (enumValues == null) throw invalid('enumValues', enumValues, 'Enum values are required for enum output.');
    for (const v of enumValues) if (typeof v !== 'string') throw invalid('enumValues', v, 'Enum values must be strings.');
    return enumStrategy(enumValues);
  }
  if (schema == null) throw invalid('schema', schema, output === 'array' ? 'Element schema is required for array output.' : 'Schema is required for object output.');
  refuse('enumValues', enumValues, `Enum values are not supported for ${output} output.`);
  return output === 'array' ? arrayStrategy(asSchema(schema)) : objectStrategy(asSchema(schema));
}

/** The final text → the object, or `NoObjectGeneratedError` (ai@5 `parseAndValidateObjectResult`). */
async function parseObject(text, strategy, context) {
  let value;
  try {
    value = secureJsonParse(text);
  } catch (cause) {
    const error = new JSONParseError({ text, cause, message: `JSON parsing failed: Text: ${text}.\nError message: ${errorMessage(cause)}` });
    throw new NoObjectGeneratedError({ message: 'No object generated: could not parse the response.', cause: error, text, ...context });
  }
  const r = await strategy.final(value);
  if (!r.success) throw new NoObjectGeneratedError({ message: 'No object generated: response did not match schema.', cause: r.error, text, ...context });
  return r.value;
}

/** With `experimental_repairText`: one repair of a text that did not parse or validate. */
async function parseObjectWithRepair(text, strategy, repairText, context) {
  try {
    return await parseObject(text, strategy, context);
  } catch (error) {
    const cause = error?.cause;
    if (repairText == null || !NoObjectGeneratedError.isInstance(error) || !(JSONParseError.isInstance(cause) || TypeValidationError.isInstance(cause))) throw error;
    const repaired = await repairText({ text, error: cause });
    if (repaired === null) throw error;
    return parseObject(repaired, strategy, context);
  }
}

/** `elementStream` outside array output. */
function noElementStream(type) {
  return new UnsupportedFunctionalityError({ functionality: `element streams in ${type} mode`, message: `'element streams in ${type} mode' functionality not supported.` });
}

module.exports = { outputStrategy, parseObject, parseObjectWithRepair, noElementStream };
