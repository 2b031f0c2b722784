'use strict';
// The `@ai-sdk/provider-utils` helpers apps import through `ai`: ids (`generateId`,
// `createIdGenerator`), validation against a schema (`validateTypes`, `safeValidateTypes`) and
// parsing JSON that is still streaming (`parsePartialJson`), with the AI SDK's results and errors.
const { InvalidArgumentError, TypeValidationError, errorMessage, optionsObject, checkString } = require('./errors.js');
const { VALIDATOR } = require('./schema.js');
const { fixJson } = require('./fix-json.js');

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random ids of `size` characters from `alphabet`; with a `prefix`, `<prefix><separator><id>`. */
function createIdGenerator(options) {
  const { prefix, size = 16, alphabet = ALPHABET, separator = '-' } = optionsObject('options', options);
  const generator = () => {
    let id = '';
    for (let i = 0; i < size; i++) id += alphabet[(Math.random() * alphabet.length) | 0];
    return id;
  };
  if (prefix == null) return generator;
  // A separator that can occur in the random part would make ids ambiguous.
  if (alphabet.includes(separator)) {
    throw new InvalidArgumentError({
      argument: 'separator',
      message: `The separator "${separator}" must not be part of the alphabet "${alphabet}".`,
    });
  }
  return () => `${prefix}${separator}${generator()}`;
}

const generateId = createIdGenerator();

/** As `TypeValidationError.wrap`: a TypeValidationError for this very value is kept. */
function validationError(value, cause) {
  if (TypeValidationError.isInstance(cause) && cause.value === value) return cause;
  return new TypeValidationError({
    value, cause, message: `Type validation failed: Value: ${JSON.stringify(value)}.\nError message: ${errorMessage(cause)}`,
  });
}

/** A `{ validate }` for a Schema / validator, a Standard Schema (zod ≥ 3.24) or a lazy one. */
function asValidator(schema) {
  if (typeof schema === 'object' && schema !== null && schema[VALIDATOR] === true && 'validate' in schema) return schema;
  if (schema != null && '~standard' in schema) {
    return {
      async validate(value) {
        const r = await schema['~standard'].validate(value);
        return r.issues == null ? { success: true, value: r.value } : { success: false, error: validationError(value, r.issues) };
      },
    };
  }
  return schema();
}

async function safeValidateTypes(options) {
  const { value, schema } = optionsObject('options', options);
  try {
    const validator = asValidator(schema);
    if (validator.validate == null) return { success: true, value, rawValue: value };
    const r = await validator.validate(value);
    if (r.success) return { success: true, value: r.value, rawValue: value };
    return { success: false, error: validationError(value, r.error), rawValue: value };
  } catch (error) {
    return { success: false, error: validationError(value, error), rawValue: value };
  }
}

async function validateTypes(options) {
  const { value, schema } = optionsObject('options', options);
  const r = await safeValidateTypes({ value, schema });
  if (!r.success) throw r.error;
  return r.value;
}

// JSON that would set an object's prototype is refused, as `secure-json-parse` (the AI SDK's
// parser) does: `__proto__` keys, and `constructor` objects with a `prototype`.
const SUSPECT = /"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"\s*:|"(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)"\s*:/;

function checkPrototypes(value) {
  let next = [value];
  while (next.length > 0) {
    const nodes = next;
    next = [];
    for (const node of nodes) {
      if (Object.prototype.hasOwnProperty.call(node, '__proto__')) throw new SyntaxError('Object contains forbidden prototype property');
      const ctor = node.constructor;
      if (ctor != null && typeof ctor === 'object' && Object.prototype.hasOwnProperty.call(ctor, 'prototype')) {
        throw new SyntaxError('Object contains forbidden prototype property');
      }
      for (const key in node) if (node[key] != null && typeof node[key] === 'object') next.push(node[key]);
    }
  }
}

function secureJsonParse(text) {
  const value = JSON.parse(text);
  if (value !== null && typeof value === 'object' && SUSPECT.test(text)) checkPrototypes(value);
  return value;
}

function tryParse(text) {
  try {
    return { ok: true, value: secureJsonParse(text) };
  } catch {
    return { ok: false };
  }
}

/** AI SDK `delay`: resolves after `ms` (a macrotask even for 0); at once for `null` / `undefined`. */
const delay = (ms) => (ms == null ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms)));

/** JSON text that may be cut off: parsed as is, else after `fixJson`, with the state it was in. */
function parsePartialJsonText(text) {
  let r = tryParse(text);
  if (r.ok) return { value: r.value, state: 'successful-parse' };
  r = tryParse(fixJson(text));
  if (r.ok) return { value: r.value, state: 'repaired-parse' };
  return { value: undefined, state: 'failed-parse' };
}

/** AI SDK `parsePartialJson` (its promise form, its check of the argument). */
async function parsePartialJson(jsonText) {
  if (jsonText === undefined) return { value: undefined, state: 'undefined-input' };
  checkString('jsonText', jsonText);
  return parsePartialJsonText(jsonText);
}

module.exports = {
  createIdGenerator, generateId, safeValidateTypes, validateTypes, validationError, parsePartialJson, parsePartialJsonText, secureJsonParse, delay,
};
