'use strict';
// `generateText`: the step loop run to the end, its result shaped like the AI SDK v5
// `GenerateTextResult`. It streams under the hood (one code path, the same decoders); the request
// differs from the AI SDK's only by `stream: true`.
const { prepareRun } = require('./stream-text.js');
const { NoOutputSpecifiedError } = require('./errors.js');

function abortError() {
  return new DOMException('This operation was aborted', 'AbortError');
}

class DefaultGenerateTextResult {
  #output;

  constructor(steps, totalUsage, output) {
    const last = steps[steps.length - 1];
    Object.assign(this, last);
    this.steps = steps;
    this.totalUsage = totalUsage;
    this.#output = output;
  }

  /** `experimental_output`: the last step's text parsed (only when that step stopped normally). */
  get experimental_output() {
    if (this.#output == null) throw new NoOutputSpecifiedError();
    return this.#output;
  }
}

/** AI SDK v5 `generateText`: resolves with the result, or throws the call's error. */
async function generateText(options) {
  const { runner, telemetry } = prepareRun(options, 'generateText');
  const { steps, totalUsage } = await runToEnd(runner, telemetry, options.abortSignal);
  const last = steps[steps.length - 1];
  const output = options.experimental_output != null && last.finishReason === 'stop'
    ? await options.experimental_output.parseOutput({ text: last.text }, { response: last.response, usage: last.usage, finishReason: last.finishReason })
    : undefined;
  return new DefaultGenerateTextResult(steps, totalUsage, output);
}

/**
 * Runs the step loop to its end (the functions that do not stream to the app): its result, or
 * the call's error thrown — the abort reason, or the first `error` part (what the AI SDK throws).
 */
async function runToEnd(runner, telemetry, abortSignal) {
  const onAbort = () => runner.abort();
  if (abortSignal?.aborted) throw failed(telemetry, abortSignal.reason ?? abortError());
  abortSignal?.addEventListener('abort', onAbort, { once: true });
  let firstError;
  try {
    for (let parts = await runner.next(); parts !== null; parts = await runner.next()) {
      for (const p of parts) {
        if (p.type === 'error' && firstError === undefined) {
          firstError = p.error;
          telemetry?.stepError(firstError);
        }
      }
    }
  } catch (error) {
    throw failed(telemetry, error);
  } finally {
    abortSignal?.removeEventListener('abort', onAbort);
  }
  if (abortSignal?.aborted) throw failed(telemetry, abortSignal.reason ?? abortError());
  // The AI SDK's generateText throws what the call failed with; a stream's error part is that.
  if (firstError !== undefined) throw failed(telemetry, firstError);
  telemetry?.finish(runner.result);
  return runner.result;
}

/** The error the call throws, recorded on its spans first (when telemetry is on). */
function failed(telemetry, error) {
  telemetry?.fail(error);
  return error;
}

module.exports = { generateText, runToEnd };
