'use strict';
// `generateObject` (ai@5): one step asking for JSON, its text parsed and checked once at the end.
const { prepareRun } = require('./stream-text.js');
const { runToEnd } = require('./generate-text.js');
const { objectCall, responseOf } = require('./stream-object.js');
const { parseObjectWithRepair } = require('./object-output.js');
const { NoObjectGeneratedError } = require('./errors.js');

class DefaultGenerateObjectResult {
  constructor(fields) {
    Object.assign(this, fields);
  }

  toJsonResponse(init) {
    return new Response(JSON.stringify(this.object), {
      status: init?.status ?? 200,
      statusText: init?.statusText,
      headers: { 'content-type': 'application/json; charset=utf-8', ...init?.headers },
    });
  }
}

/** AI SDK v5 `generateObject`: resolves with the checked object, or throws. */
async function generateObject(options) {
  const { strategy, responseFormat, repairText, callOptions } = objectCall(options, 'generateObject');
  const { runner, telemetry } = prepareRun(callOptions, 'generateObject', { responseFormat });
  const step = (await runToEnd(runner, telemetry, options.abortSignal)).steps[0];
  const response = { ...responseOf(step.response), headers: step.response.headers, body: step.response.body };
  const { usage, finishReason } = step;
  const texts = step.content.filter((c) => c.type === 'text');
  if (texts.length === 0) {
    throw new NoObjectGeneratedError({ message: 'No object generated: the model did not return a response.', response, usage, finishReason });
  }
  const text = texts.map((c) => c.text).join('');
  const object = await parseObjectWithRepair(text, strategy, repairText, { response, usage, finishReason });
  const reasoning = step.content.filter((c) => c.type === 'reasoning').map((c) => c.text);
  return new DefaultGenerateObjectResult({
    object,
    reasoning: reasoning.length > 0 ? reasoning.join('\n') : undefined,
    finishReason,
    usage,
    warnings: step.warnings,
    request: step.request ?? {},
    response,
    providerMetadata: step.providerMetadata,
  });
}

module.exports = { generateObject };
