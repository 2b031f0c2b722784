'use strict';
// `experimental_telemetry`: the AI SDK v5's OpenTelemetry spans with its names and attributes —
// `ai.streamText` / `ai.generateText` around the call, `….doStream` / `….doGenerate` per step,
// `ai.toolCall` per tool execution — built from what the step loop already holds. None of this
// runs when telemetry is off: the call sites hold `null` then and test it once per call or step.
const { sniffImage } = require('./image-media-type.js');
const { InvalidArgumentError, fromNative } = require('./errors.js');
const { bytesToBase64 } = require('./base64.js');

// The key under which @opentelemetry/api keeps a context's span (`Symbol.for`, so every copy of
// the API shares it): with an app's `tracer` the API is not loaded, and children get their parent
// through a context that holds only that span.
const SPAN_KEY = Symbol.for('OpenTelemetry Context Key SPAN');
const STATUS_ERROR = 2; // SpanStatusCode.ERROR

const now = () => globalThis.performance?.now() ?? Date.now();

class SpanOnlyContext {
  #values;

  constructor(values) {
    this.#values = values;
  }

  getValue(key) {
    return this.#values.get(key);
  }

  setValue(key, value) {
    return new SpanOnlyContext(new Map(this.#values).set(key, value));
  }

  deleteValue(key) {
    const values = new Map(this.#values);
    values.delete(key);
    return new SpanOnlyContext(values);
  }
}

let otelApi;
/** `@opentelemetry/api`, loaded the first time a call has telemetry on and no `tracer`. */
function loadApi() {
  if (otelApi === undefined) {
    try {
      otelApi = require('@opentelemetry/api');
    } catch (cause) {
      throw new InvalidArgumentError({
        argument: 'experimental_telemetry',
        message: 'experimental_telemetry without a `tracer` needs the @opentelemetry/api package (install it, or pass `tracer`)',
        cause,
      });
    }
  }
  return otelApi;
}

/** AI SDK `selectTelemetryAttributes`: drops empty values, and inputs / outputs when not recorded. */
function select(settings, attributes) {
  const out = {};
  for (const key of Object.keys(attributes)) {
    let value = attributes[key];
    if (value == null) continue;
    if (typeof value === 'object' && typeof value.input === 'function') {
      if (settings.recordInputs === false) continue;
      value = value.input();
    } else if (typeof value === 'object' && typeof value.output === 'function') {
      if (settings.recordOutputs === false) continue;
      value = value.output();
    }
    if (value != null) out[key] = value;
  }
  return out;
}

function prefixed(prefix, record, out = {}) {
  for (const [key, value] of Object.entries(record ?? {})) out[`${prefix}${key}`] = value;
  return out;
}

/** AI SDK `recordErrorOnSpan`. */
function recordError(span, error) {
  if (error instanceof Error) {
    span.recordException({ name: error.name, message: error.message, stack: error.stack });
    span.setStatus({ code: STATUS_ERROR, message: error.message });
  } else {
    span.setStatus({ code: STATUS_ERROR });
  }
}

// --- the step's prompt as the model receives it (AI SDK `convertToLanguageModelPrompt`) --------

/** AI SDK `convertToLanguageModelV2DataContent`, with bytes as base64 (`stringifyForTelemetry`). */
function dataContent(value) {
  if (value instanceof Uint8Array) return { data: bytesToBase64(value) };
  if (value instanceof ArrayBuffer) return { data: bytesToBase64(new Uint8Array(value)) };
  let data = value;
  if (typeof value === 'string') {
    try {
      data = new URL(value);
    } catch {
      return { data: value };
    }
  }
  if (data instanceof URL && data.protocol === 'data:') {
    const [header, base64] = data.toString().split(',');
    return { data: base64, mediaType: header.split(';')[0].split(':')[1] };
  }
  const originalUrl = typeof value === 'string' && data instanceof URL && data.toString() !== value ? value : undefined;
  return { data, originalUrl };
}

const withOriginalUrl = (part, originalUrl) => (originalUrl != null ? { ...part, originalUrl } : part);

function userPart(part) {
  if (part.type === 'text') return { type: 'text', text: part.text, providerOptions: part.providerOptions };
  if (part.type !== 'image' && part.type !== 'file') return part;
  const { data, mediaType: urlType, originalUrl } = dataContent(part.type === 'image' ? part.image : part.data);
  let mediaType = urlType ?? part.mediaType;
  if (part.type === 'image' && typeof data === 'string') mediaType = sniffImage(data) ?? mediaType;
  return withOriginalUrl({
    type: 'file',
    mediaType: part.type === 'image' ? mediaType ?? 'image/*' : mediaType,
    filename: part.type === 'image' ? undefined : part.filename,
    data,
    providerOptions: part.providerOptions,
  }, originalUrl);
}

function assistantPart(part) {
  const providerOptions = part.providerOptions;
  switch (part.type) {
    case 'file': {
      const { data, mediaType, originalUrl } = dataContent(part.data);
      return withOriginalUrl({ type: 'file', data, filename: part.filename, mediaType: mediaType ?? part.mediaType, providerOptions }, originalUrl);
    }
    case 'reasoning':
    case 'text':
      return { type: part.type, text: part.text, providerOptions };
    case 'tool-call':
      return {
        type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input,
        providerExecuted: part.providerExecuted, providerOptions,
      };
    case 'tool-result':
      return { type: 'tool-result', toolCallId: part.toolCallId, toolName: part.toolName, output: part.output, providerOptions };
    default:
      return part;
  }
}

function modelMessage(message) {
  const { role, content, providerOptions } = message;
  switch (role) {
    case 'system':
      return { role, content, providerOptions };
    case 'user':
    case 'assistant':
      if (typeof content === 'string') return { role, content: [{ type: 'text', text: content }], providerOptions };
      return {
        role,
        content: role === 'user'
          ? content.map(userPart).filter((p) => p.type !== 'text' || p.text !== '')
          : content.filter((p) => p.type !== 'text' || p.text !== '' || p.providerOptions != null).map(assistantPart),
        providerOptions,
      };
    case 'tool':
      return {
        role,
        content: content.map((p) => ({ type: 'tool-result', toolCallId: p.toolCallId, toolName: p.toolName, output: p.output, providerOptions: p.providerOptions })),
        providerOptions,
      };
    default:
      return message;
  }
}

function promptJson(system, messages) {
  return JSON.stringify([...(system != null ? [{ role: 'system', content: system }] : []), ...messages.map(modelMessage)]);
}

/** AI SDK `prepareToolsAndToolChoice`'s tool choice (only with tools). */
function toolChoiceOf(toolChoice) {
  if (toolChoice == null) return { type: 'auto' };
  return typeof toolChoice === 'string' ? { type: toolChoice } : { type: 'tool', toolName: toolChoice.toolName };
}

// --- the model's answer -------------------------------------------------------------------------

/** The text of a step's content; `undefined` without text parts (AI SDK `extractTextContent`). */
function textOf(content) {
  const texts = content.filter((c) => c.type === 'text');
  return texts.length > 0 ? texts.map((c) => c.text).join('') : undefined;
}

/** generateText's `ai.response.toolCalls` (AI SDK `asToolCalls`: the model's calls, input as text). */
function modelToolCallsJson(content) {
  const calls = content.filter((c) => c.type === 'tool-call');
  if (calls.length === 0) return undefined;
  return JSON.stringify(calls.map((c) => ({
    toolCallId: c.toolCallId, toolName: c.toolName, input: typeof c.input === 'string' ? c.input : JSON.stringify(c.input),
  })));
}

const isoTimestamp = (t) => (t == null ? undefined : (t instanceof Date ? t : new Date(t)).toISOString());

/**
 * The spans of one `streamText` / `generateText` call. The step loop calls the `step…` hooks, the
 * result the `finish` / `fail` / `end` ones; every hook is a no-op once the call's span ended.
 */
class CallTelemetry {
  #settings;
  #tracer;
  #stream; // streamText (doStream spans, stream events) or generateText (doGenerate)
  #stepName;
  #base;
  #root;
  #context; // the root span's, for its children
  #step = null; // { span, start, firstChunk, errored, done }
  #finishedSteps = 0;
  #failedAfterSteps = false;
  #lastModelStep = null; // generateText: the last step's text and calls, for the root span
  #closed = false;

  constructor(operationId, settings, { model, callSettings, headers, system, prompt, messages }) {
    const { tracer } = settings;
    if (tracer != null && (typeof tracer.startSpan !== 'function' || typeof tracer.startActiveSpan !== 'function')) {
      throw new InvalidArgumentError({ argument: 'experimental_telemetry.tracer', message: 'experimental_telemetry.tracer must be an OpenTelemetry Tracer' });
    }
    const api = tracer == null ? loadApi() : null;
    this.#settings = settings;
    this.#tracer = tracer ?? api.trace.getTracer('ai');
    this.#stream = operationId === 'ai.streamText';
    this.#stepName = this.#stream ? 'ai.streamText.doStream' : 'ai.generateText.doGenerate';
    this.#base = {
      'ai.model.provider': model.provider,
      'ai.model.id': model.modelId,
      ...prefixed('ai.settings.', callSettings),
      ...prefixed('ai.telemetry.metadata.', settings.metadata),
      ...prefixed('ai.request.headers.', headers),
    };
    const attributes = this.#select({
      ...this.#operation(operationId),
      ...this.#base,
      'ai.prompt': { input: () => JSON.stringify({ system, prompt, messages }) },
    });
    if (api) {
      const active = api.context.active();
      this.#root = this.#tracer.startSpan(operationId, { attributes }, active);
      this.#context = api.trace.setSpan(active, this.#root);
    } else {
      this.#root = this.#tracer.startSpan(operationId, { attributes });
      this.#context = new SpanOnlyContext(new Map([[SPAN_KEY, this.#root]]));
    }
  }

  #select(attributes) {
    return select(this.#settings, attributes);
  }

  /** AI SDK `assembleOperationName`. */
  #operation(operationId) {
    const { functionId } = this.#settings;
    return {
      'operation.name': `${operationId}${functionId != null ? ` ${functionId}` : ''}`,
      'resource.name': functionId,
      'ai.operationId': operationId,
      'ai.telemetry.functionId': functionId,
    };
  }

  /** A step's request (`call`: its options) is about to go out: its doStream / doGenerate span starts. */
  stepStart(model, call, messages) {
    if (this.#closed) return;
    this.#endStep();
    const tools = call.tools?.length > 0 ? call.tools : undefined;
    const attributes = this.#select({
      ...this.#operation(this.#stepName),
      ...this.#base,
      'ai.model.provider': model.provider,
      'ai.model.id': model.modelId,
      'ai.prompt.messages': { input: () => promptJson(call.system, messages) },
      'ai.prompt.tools': { input: () => tools?.map((t) => JSON.stringify({ type: 'function', ...t })) },
      'ai.prompt.toolChoice': { input: () => (tools ? JSON.stringify(toolChoiceOf(call.toolChoice)) : undefined) },
      'gen_ai.system': model.provider,
      'gen_ai.request.model': model.modelId,
      'gen_ai.request.frequency_penalty': call.frequencyPenalty,
      'gen_ai.request.max_tokens': call.maxOutputTokens,
      'gen_ai.request.presence_penalty': call.presencePenalty,
      'gen_ai.request.stop_sequences': call.stopSequences,
      'gen_ai.request.temperature': call.temperature,
      'gen_ai.request.top_k': call.topK,
      'gen_ai.request.top_p': call.topP,
    });
    const span = this.#tracer.startSpan(this.#stepName, { attributes }, this.#context);
    this.#step = { span, start: now(), firstChunk: false, errored: false, done: null };
  }

  /** The step's first chunk arrived (streamText: `ai.stream.firstChunk`). */
  firstChunk() {
    const step = this.#step;
    if (!this.#stream || step == null || step.firstChunk) return;
    step.firstChunk = true;
    const ms = now() - step.start;
    step.span.addEvent('ai.stream.firstChunk', { 'ai.response.msToFirstChunk': ms });
    step.span.setAttributes({ 'ai.response.msToFirstChunk': ms });
  }

  /** generateText: the call failed with an error of this step (recorded on its span). */
  stepError(error) {
    const step = this.#step;
    if (step == null || step.errored) return;
    step.errored = true;
    recordError(step.span, error);
  }

  /** The step's request failed before any content (the AI SDK's doStream / doGenerate threw). */
  stepFailed(nativeError) {
    // Without an error the call was aborted: what it throws then (`fail`) or its `end` closes.
    if (this.#closed || nativeError === undefined) return;
    const error = fromNative(nativeError);
    this.stepError(error);
    this.#endStep();
    if (!this.#stream) return;
    // streamText: the root span sees the first step's failure only, as in the AI SDK.
    if (this.#finishedSteps === 0) recordError(this.#root, error);
    else this.#failedAfterSteps = true;
  }

  /**
   * The model's stream of this step ended (`step` is Rust's step record, `calls` the streamed
   * tool calls): generateText's doGenerate span ends here, before the tools run.
   */
  modelDone(step, calls) {
    const current = this.#step;
    if (this.#closed || current == null) return;
    current.done = { step, calls };
    if (this.#stream) return;
    const { content, usage, response } = step;
    const toolCalls = modelToolCallsJson(content);
    this.#lastModelStep = { content, toolCalls };
    current.span.setAttributes(this.#select({
      'ai.response.finishReason': step.finishReason,
      'ai.response.text': { output: () => textOf(content) },
      'ai.response.toolCalls': { output: () => toolCalls },
      'ai.response.id': response?.id,
      'ai.response.model': response?.modelId,
      'ai.response.timestamp': isoTimestamp(response?.timestamp),
      'ai.response.providerMetadata': JSON.stringify(step.providerMetadata),
      'ai.usage.promptTokens': usage?.inputTokens,
      'ai.usage.completionTokens': usage?.outputTokens,
      'gen_ai.response.finish_reasons': [step.finishReason],
      'gen_ai.response.id': response?.id,
      'gen_ai.response.model': response?.modelId,
      'gen_ai.usage.input_tokens': usage?.inputTokens,
      'gen_ai.usage.output_tokens': usage?.outputTokens,
    }));
    this.#endStep();
    this.#finishedSteps++;
  }

  /** The step is over, its tools ran (streamText: `ai.stream.finish`, the doStream span ends). */
  stepDone() {
    const current = this.#step;
    if (this.#closed || !this.#stream || current?.done == null) return;
    const { step, calls } = current.done;
    const { usage = {}, response } = step;
    const msToFinish = now() - current.start;
    current.span.addEvent('ai.stream.finish');
    current.span.setAttributes({
      'ai.response.msToFinish': msToFinish,
      'ai.response.avgOutputTokensPerSecond': (1000 * (usage.outputTokens ?? 0)) / msToFinish,
    });
    const toolCalls = [...calls.values()].map((c) => c.call);
    current.span.setAttributes(this.#select({
      'ai.response.finishReason': step.finishReason,
      'ai.response.text': { output: () => textOf(step.content) ?? '' },
      'ai.response.toolCalls': { output: () => (toolCalls.length > 0 ? JSON.stringify(toolCalls) : undefined) },
      'ai.response.id': response?.id,
      'ai.response.model': response?.modelId,
      'ai.response.timestamp': isoTimestamp(response?.timestamp),
      'ai.response.providerMetadata': JSON.stringify(step.providerMetadata),
      ...usageAttributes(usage),
      'gen_ai.response.finish_reasons': [step.finishReason],
      'gen_ai.response.id': response?.id,
      'gen_ai.response.model': response?.modelId,
      'gen_ai.usage.input_tokens': usage.inputTokens,
      'gen_ai.usage.output_tokens': usage.outputTokens,
    }));
    this.#endStep();
    this.#finishedSteps++;
  }

  /**
   * A tool's results (an async iterable) inside an `ai.toolCall` span. They are read inside the
   * span's context (an `execute` that makes spans makes them under it), as they arrive.
   */
  toolCall(call, results) {
    const attributes = this.#select({
      ...this.#operation('ai.toolCall'),
      ...prefixed('ai.telemetry.metadata.', this.#settings.metadata),
      'ai.toolCall.name': call.toolName,
      'ai.toolCall.id': call.toolCallId,
      'ai.toolCall.args': { output: () => JSON.stringify(call.input) },
    });
    const queue = [];
    let wake = null;
    let finished = false;
    let failure = null;
    const notify = () => {
      const w = wake;
      wake = null;
      w?.();
    };
    this.#tracer.startActiveSpan('ai.toolCall', { attributes }, this.#context, async (span) => {
      let output;
      try {
        for await (const r of results) {
          if (!r.preliminary) output = r.output;
          queue.push(r);
          notify();
        }
        try {
          span.setAttributes(this.#select({ 'ai.toolCall.result': { output: () => JSON.stringify(output) } }));
        } catch {
          // (an output JSON cannot hold is not recorded, as in the AI SDK)
        }
      } catch (error) {
        recordError(span, error);
        failure = { error };
      } finally {
        span.end();
        finished = true;
        notify();
      }
    });
    return (async function* () {
      for (;;) {
        if (queue.length > 0) yield queue.shift();
        else if (finished) break;
        else await new Promise((resolve) => { wake = resolve; });
      }
      if (failure) throw failure.error;
    })();
  }

  /** The call finished with these steps: the root span's answer attributes, and its end. */
  finish({ steps, totalUsage }) {
    if (this.#closed) return;
    const last = steps[steps.length - 1];
    if (this.#stream) {
      const failed = this.#failedAfterSteps;
      this.#root.setAttributes(this.#select({
        'ai.response.finishReason': failed ? 'unknown' : last.finishReason,
        'ai.response.text': { output: () => last.text },
        'ai.response.toolCalls': { output: () => (last.toolCalls?.length ? JSON.stringify(last.toolCalls) : undefined) },
        'ai.response.providerMetadata': JSON.stringify(last.providerMetadata),
        ...usageAttributes(failed ? {} : totalUsage),
      }));
    } else {
      const model = this.#lastModelStep;
      this.#root.setAttributes(this.#select({
        'ai.response.finishReason': last.finishReason,
        'ai.response.text': { output: () => (model ? textOf(model.content) : undefined) },
        'ai.response.toolCalls': { output: () => model?.toolCalls },
        'ai.response.providerMetadata': JSON.stringify(last.providerMetadata),
        'ai.usage.promptTokens': last.usage?.inputTokens,
        'ai.usage.completionTokens': last.usage?.outputTokens,
      }));
    }
    this.end();
  }

  /**
   * The call threw `error`: recorded on the open step's span and the root's (streamText's root
   * only before a step finished: the AI SDK's sees the first step's setup only), then they end.
   */
  fail(error) {
    if (this.#closed) return;
    this.stepError(error);
    if (!this.#stream || this.#finishedSteps === 0) recordError(this.#root, error);
    this.end();
  }

  /** Ends what is still open (after an abort, or when the result settled). */
  end() {
    if (this.#closed) return;
    this.#closed = true;
    this.#endStep();
    this.#root.end();
  }

  #endStep() {
    this.#step?.span.end();
    this.#step = null;
  }
}

function usageAttributes(usage) {
  return {
    'ai.usage.inputTokens': usage.inputTokens,
    'ai.usage.outputTokens': usage.outputTokens,
    'ai.usage.totalTokens': usage.totalTokens,
    'ai.usage.reasoningTokens': usage.reasoningTokens,
    'ai.usage.cachedInputTokens': usage.cachedInputTokens,
  };
}

/**
 * The telemetry of one call whose `experimental_telemetry.isEnabled` is true (the caller checks):
 * its root span starts now, as the AI SDK's does when the function is called.
 */
function startTelemetry(operationId, settings, call) {
  return new CallTelemetry(operationId, settings, call);
}

module.exports = { startTelemetry };
