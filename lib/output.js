'use strict';
// `Output.text()` / `Output.object({ schema })` for `experimental_output` (ai@5): the response
// format a call asks for and how the last step's text becomes the output.
const { asSchema } = require('./schema.js');
const { parseObject } = require('./object-output.js');
const { safeValidateTypes } = require('./provider-utils.js');

const text = () => ({
  type: 'text',
  responseFormat: { type: 'text' },
  async parseOutput({ text: t }) {
    return t;
  },
});

function object({ schema: inputSchema }) {
  const schema = asSchema(inputSchema);
  return {
    type: 'object',
    responseFormat: { type: 'json', schema: schema.jsonSchema },
    async parseOutput({ text: t }, context) {
      return parseObject(t, { final: (value) => safeValidateTypes({ value, schema }) }, context);
    },
  };
}

module.exports = { Output: { text, object } };
