'use strict';
// Checks of `streamText` / `generateText` options before anything runs, with the AI SDK's error
// classes and wording (`prepareCallSettings`, `prepareRetries`, `standardizePrompt`): a hostile
// value is an InvalidArgumentError or InvalidPromptError, never a TypeError from deep inside.
const { InvalidArgumentError, InvalidPromptError } = require('./errors.js');

function invalid(parameter, value, message) {
  return new InvalidArgumentError({ parameter, argument: parameter, value, message: `Invalid argument for parameter ${parameter}: ${message}` });
}

const isPlainObject = (v) => v != null && typeof v === 'object' && !Array.isArray(v);

function number(name, value, { integer = false, min } = {}) {
  if (value == null) return;
  if (typeof value !== 'number' || Number.isNaN(value)) throw invalid(name, value, `${name} must be a number`);
  if (integer && !Number.isInteger(value)) throw invalid(name, value, `${name} must be an integer`);
  if (min !== undefined && value < min) throw invalid(name, value, `${name} must be >= ${min}`);
}

function functionOrList(name, value) {
  if (value == null) return;
  const list = Array.isArray(value) ? value : [value];
  if (!list.every((f) => typeof f === 'function')) throw invalid(name, value, `${name} must be a function or an array of functions`);
}

/**
 * The prompt's shape (AI SDK `standardizePrompt`). Checked when the run starts, so that, as in
 * the AI SDK, a bad prompt is an error part of the stream rather than a throw.
 */
function checkPrompt({ prompt, messages, system }) {
  if (prompt != null && typeof prompt !== 'string' && !Array.isArray(prompt)) {
    throw new InvalidPromptError({ prompt, message: 'Invalid prompt: prompt must be a string or an array of messages' });
  }
  if (messages != null && !Array.isArray(messages)) {
    throw new InvalidPromptError({ prompt: messages, message: 'Invalid prompt: messages must be an array of messages' });
  }
  if (system != null && typeof system !== 'string') {
    throw new InvalidPromptError({ prompt: system, message: 'Invalid prompt: system must be a string' });
  }
}

/** Throws the AI SDK error for the first call setting that cannot be right. */
function checkCallOptions(o) {
  number('maxOutputTokens', o.maxOutputTokens ?? o.maxTokens, { integer: true, min: 1 });
  for (const n of ['temperature', 'topP', 'topK', 'presencePenalty', 'frequencyPenalty']) number(n, o[n]);
  number('seed', o.seed, { integer: true });
  number('maxRetries', o.maxRetries, { integer: true, min: 0 });
  if (o.stopSequences != null && !(Array.isArray(o.stopSequences) && o.stopSequences.every((s) => typeof s === 'string'))) {
    throw invalid('stopSequences', o.stopSequences, 'stopSequences must be an array of strings');
  }
  for (const name of ['tools', 'headers', 'providerOptions', 'timeouts']) {
    if (o[name] != null && !isPlainObject(o[name])) throw invalid(name, o[name], `${name} must be an object`);
  }
  if (o.headers != null && !Object.values(o.headers).every((v) => v == null || typeof v === 'string')) {
    throw invalid('headers', o.headers, 'header values must be strings');
  }
  const choice = o.toolChoice;
  if (choice != null && !['auto', 'none', 'required'].includes(choice)
    && !(isPlainObject(choice) && choice.type === 'tool' && typeof choice.toolName === 'string')) {
    throw invalid('toolChoice', choice, "toolChoice must be 'auto', 'none', 'required' or { type: 'tool', toolName }");
  }
  const active = o.activeTools ?? o.experimental_activeTools;
  if (active != null && !(Array.isArray(active) && active.every((t) => typeof t === 'string'))) {
    throw invalid('activeTools', active, 'activeTools must be an array of tool names');
  }
  functionOrList('stopWhen', o.stopWhen);
  functionOrList('experimental_transform', o.experimental_transform);
  for (const name of ['prepareStep', 'onStepFinish', 'onChunk', 'onError', 'onFinish', 'onAbort']) {
    if (o[name] != null && typeof o[name] !== 'function') throw invalid(name, o[name], `${name} must be a function`);
  }
  const signal = o.abortSignal;
  if (signal != null && !(typeof signal === 'object' && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function')) {
    throw invalid('abortSignal', signal, 'abortSignal must be an AbortSignal');
  }
}

module.exports = { checkCallOptions, checkPrompt };
