'use strict';
// `streamText`: the AI SDK v5 result shape around the step loop. No protocol logic lives here:
// Rust produces the parts (already in AI SDK v5 form) and each step's record; this file routes
// batches to the consumers (fullStream / textStream iterators, result promises, callbacks).
const { fromNative, NoOutputGeneratedError, NoOutputSpecifiedError, InvalidArgumentError } = require('./errors.js');
const { withPartialOutput, partialOutputOf } = require('./partial-output.js');
const { resolveLanguageModel } = require('./providers.js');
const { StepRunner, stepCountIs } = require('./steps.js');
const ui = require('./ui-stream.js');
const { checkCallOptions } = require('./call-settings.js');
const { timeoutLimits } = require('./timeout-option.js');
const { startTelemetry } = require('./telemetry.js');

/** Parts a subscriber may hold before the pump waits for it (backpressure). */
const HIGH_WATER_PARTS = 4096;

/** A promise created only when someone asks for it, so a rejection nobody awaits is not "unhandled". */
class DelayedPromise {
  #status = { type: 'pending' };
  #promise;
  #resolve;
  #reject;

  get promise() {
    if (!this.#promise) {
      this.#promise = new Promise((resolve, reject) => {
        if (this.#status.type === 'resolved') resolve(this.#status.value);
        else if (this.#status.type === 'rejected') reject(this.#status.error);
        this.#resolve = resolve;
        this.#reject = reject;
      });
    }
    return this.#promise;
  }

  get settled() {
    return this.#status.type !== 'pending';
  }

  resolve(value) {
    if (this.settled) return;
    this.#status = { type: 'resolved', value };
    this.#resolve?.(value);
  }

  reject(error) {
    if (this.settled) return;
    this.#status = { type: 'rejected', error };
    this.#reject?.(error);
  }
}

/** One reader of the part stream (a `fullStream` or `textStream` access). */
class Subscriber {
  queue = [];
  head = 0;
  active = false; // counts for backpressure once it has pulled
  done = false;
  waiter = null;

  constructor(owner, map) {
    this.owner = owner;
    this.map = map;
  }

  get length() {
    return this.queue.length - this.head;
  }

  push(part) {
    const value = this.map ? this.map(part) : part;
    if (value === undefined) return;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value, done: false });
    } else {
      this.queue.push(value);
    }
  }

  /** A batch: adopted as the queue when this reader has nothing queued (no copy per part). */
  pushAll(parts) {
    if (this.map || this.head < this.queue.length) {
      for (let i = 0; i < parts.length; i++) this.push(parts[i]);
      return;
    }
    let head = 0;
    if (this.waiter && parts.length > 0) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: parts[0], done: false });
      head = 1;
    }
    if (head < parts.length) {
      this.queue = parts;
      this.head = head;
    }
  }

  /**
   * The call was aborted: parts queued but not yet read are dropped and `abort` comes next, as in
   * the AI SDK, which delivers no part it reads after the signal fired.
   */
  abort() {
    this.queue = [];
    this.head = 0;
    this.push({ type: 'abort' });
  }

  end() {
    this.done = true;
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w({ value: undefined, done: true });
    }
  }

  next() {
    this.active = true;
    if (this.head >= this.queue.length && !this.done) {
      // Starting the pump may deliver at once (a synchronous failure ends the stream), so the
      // queue is looked at after it, not before.
      this.owner.start();
      this.owner.drained();
    }
    if (this.head < this.queue.length) {
      const value = this.queue[this.head];
      this.queue[this.head++] = undefined;
      if (this.head === this.queue.length) {
        this.queue = [];
        this.head = 0;
        this.owner.drained();
      } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => { this.waiter = resolve; });
  }

  return() {
    this.owner.unsubscribe(this);
    this.queue = [];
    this.head = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }
}

/**
 * An async-iterable stream of parts. Also offers the ReadableStream methods apps use
 * (`getReader`, `pipeThrough`, `pipeTo`), backed by a ReadableStream made on demand.
 */
class PartStream {
  #subscriber;
  #readable;

  constructor(subscriber) {
    this.#subscriber = subscriber;
  }

  [Symbol.asyncIterator]() {
    const s = this.#subscriber;
    return { next: () => s.next(), return: () => s.return(), [Symbol.asyncIterator]() { return this; } };
  }

  #toReadable() {
    if (!this.#readable) {
      const s = this.#subscriber;
      this.#readable = new ReadableStream(
        {
          async pull(controller) {
            const { value, done } = await s.next();
            if (done) controller.close();
            else controller.enqueue(value);
          },
          cancel: () => { s.return(); },
        },
        { highWaterMark: 0 },
      );
    }
    return this.#readable;
  }

  getReader(...args) { return this.#toReadable().getReader(...args); }
  pipeThrough(...args) { return this.#toReadable().pipeThrough(...args); }
  pipeTo(...args) { return this.#toReadable().pipeTo(...args); }
  tee() { return this.#toReadable().tee(); }
  get locked() { return this.#readable?.locked ?? false; }
}

const CHUNK_TYPES = new Set([
  'text-delta', 'reasoning-delta', 'source', 'tool-call', 'tool-input-start', 'tool-input-delta', 'tool-result', 'raw',
]);

const RESULT_FIELDS = [
  'text', 'content', 'reasoning', 'reasoningText', 'files', 'sources', 'toolCalls', 'staticToolCalls',
  'dynamicToolCalls', 'toolResults', 'staticToolResults', 'dynamicToolResults', 'finishReason', 'usage',
  'totalUsage', 'warnings', 'steps', 'request', 'response', 'providerMetadata',
];

function hasError(parts) {
  for (let i = 0; i < parts.length; i++) if (parts[i].type === 'error') return true;
  return false;
}

class DefaultStreamTextResult {
  #runner;
  #subscribers = new Set();
  #started = false;
  #finished = false;
  #aborted = false;
  #completed = false;
  #demand = null; // resolves when the pump may pull again
  #promises = new Map(RESULT_FIELDS.map((f) => [f, new DelayedPromise()]));
  #callbacks;
  #transforms;
  #output; // `experimental_output`
  #telemetry; // lib/telemetry.js, or null

  constructor(runner, callbacks, { abortSignal, transforms = [], tools, telemetry = null, output } = {}) {
    this.#runner = runner;
    this.#output = output;
    this.#telemetry = telemetry;
    this.#callbacks = callbacks;
    this.#transforms = transforms;
    this.tools = tools;
    if (abortSignal) {
      if (abortSignal.aborted) queueMicrotask(() => this.#abort());
      else abortSignal.addEventListener('abort', () => this.#abort(), { once: true });
    }
  }

  // --- consumers --------------------------------------------------------------------------

  get fullStream() {
    return new PartStream(this.#subscribe(null));
  }

  get textStream() {
    return new PartStream(this.#subscribe((p) => (p.type === 'text-delta' ? p.text : undefined)));
  }

  /** With `experimental_output`: each new partial output (`Output.object`: the parsed JSON so far). */
  get experimental_partialOutputStream() {
    if (this.#output == null) throw new NoOutputSpecifiedError();
    return new PartStream(this.#subscribe(partialOutputOf));
  }

  #subscribe(map) {
    const s = new Subscriber(this, map);
    if (this.#finished) s.end();
    else this.#subscribers.add(s);
    return s;
  }

  unsubscribe(s) {
    this.#subscribers.delete(s);
    // Nobody left to see further parts and no result promise was asked for: stop the call.
    const promiseWanted = [...this.#promises.values()].some((p) => p.asked);
    if (this.#started && !this.#finished && this.#subscribers.size === 0 && !promiseWanted) this.#abort();
    this.drained();
  }

  #promise(field) {
    const p = this.#promises.get(field);
    p.asked = true;
    this.start();
    return p.promise;
  }

  get text() { return this.#promise('text'); }
  get content() { return this.#promise('content'); }
  get reasoning() { return this.#promise('reasoning'); }
  get reasoningText() { return this.#promise('reasoningText'); }
  get files() { return this.#promise('files'); }
  get sources() { return this.#promise('sources'); }
  get toolCalls() { return this.#promise('toolCalls'); }
  get staticToolCalls() { return this.#promise('staticToolCalls'); }
  get dynamicToolCalls() { return this.#promise('dynamicToolCalls'); }
  get toolResults() { return this.#promise('toolResults'); }
  get staticToolResults() { return this.#promise('staticToolResults'); }
  get dynamicToolResults() { return this.#promise('dynamicToolResults'); }
  get finishReason() { return this.#promise('finishReason'); }
  get usage() { return this.#promise('usage'); }
  get totalUsage() { return this.#promise('totalUsage'); }
  get warnings() { return this.#promise('warnings'); }
  get steps() { return this.#promise('steps'); }
  get request() { return this.#promise('request'); }
  get response() { return this.#promise('response'); }
  get providerMetadata() { return this.#promise('providerMetadata'); }

  /** Reads the stream to the end without keeping parts (AI SDK `consumeStream`). */
  async consumeStream(options = {}) {
    this.start();
    try {
      await this.#done();
    } catch (error) {
      options.onError?.(error);
    }
  }

  #done() {
    const p = this.#promises.get('finishReason');
    p.asked = true;
    return p.promise.catch(() => {});
  }

  // --- serving to a browser (lib/ui-stream.js) ---------------------------------------------

  toUIMessageStream(options) { return ui.toUIMessageStream(this, options); }
  toUIMessageStreamResponse(options) { return ui.toUIMessageStreamResponse(this, options); }
  pipeUIMessageStreamToResponse(response, options) { return ui.pipeUIMessageStreamToResponse(this, response, options); }
  toTextStreamResponse(init) { return ui.toTextStreamResponse(this, init); }
  pipeTextStreamToResponse(response, init) { return ui.pipeTextStreamToResponse(this, response, init); }

  // --- the pump ---------------------------------------------------------------------------

  /** Starts pulling from Rust (first pull of a reader, or first result promise asked for). */
  start() {
    if (this.#started) return;
    this.#started = true;
    this.#pump();
  }

  drained() {
    if (this.#demand && this.#mayPull()) {
      const d = this.#demand;
      this.#demand = null;
      d();
    }
  }

  #mayPull() {
    for (const s of this.#subscribers) if (s.active && s.length >= HIGH_WATER_PARTS) return false;
    return true;
  }

  async #pump() {
    try {
      const base = this.#transforms.length > 0 ? this.#transformed() : this.#runner;
      const source = this.#output != null ? withPartialOutput(base, this.#output) : base;
      for (;;) {
        if (!this.#mayPull()) await new Promise((resolve) => { this.#demand = resolve; });
        if (this.#aborted) return;
        const parts = await source.next();
        if (this.#aborted) return;
        if (parts === null) break;
        this.#dispatchAll(parts);
      }
      // The run is over (its `finish` is out): an abort from now on, e.g. during `onFinish`,
      // changes nothing, as in the AI SDK.
      this.#completed = true;
      await this.#settle(this.#runner.result);
    } catch (error) {
      // A failure here (e.g. a tool's prepareStep or a callback threw) ends the stream with an
      // error part; callbacks are not called again, so a throwing onError cannot turn into an
      // unhandled rejection.
      this.#runner.abort();
      this.#telemetry?.fail(error);
      for (const s of this.#subscribers) s.push({ type: 'error', error });
    } finally {
      this.#finish();
    }
  }

  /** The runner's parts piped through `experimental_transform`s, one part per read. */
  #transformed() {
    const runner = this.#runner;
    let stopped = false;
    let stream = new ReadableStream({
      async pull(controller) {
        const parts = stopped ? null : await runner.next();
        if (parts === null) controller.close();
        else for (const p of parts) controller.enqueue(p);
      },
      cancel() { runner.abort(); },
    });
    const stopStream = () => { stopped = true; runner.abort(); };
    for (const transform of this.#transforms) {
      const pair = transform({ tools: this.tools, stopStream });
      if (!(pair?.readable instanceof ReadableStream) || !(pair?.writable instanceof WritableStream)) {
        throw new InvalidArgumentError({ argument: 'experimental_transform', message: 'Invalid argument for parameter experimental_transform: a transform must return a TransformStream' });
      }
      stream = stream.pipeThrough(pair);
    }
    const reader = stream.getReader();
    return {
      async next() {
        const { value, done } = await reader.read();
        return done ? null : [value];
      },
    };
  }

  /**
   * The common case — one reader, no `onChunk`, no error in the batch — hands the batch over
   * whole; anything else goes part by part.
   */
  #dispatchAll(parts) {
    if (this.#callbacks.onChunk == null && this.#subscribers.size === 1 && !hasError(parts)) {
      for (const s of this.#subscribers) s.pushAll(parts);
      return;
    }
    for (let i = 0; i < parts.length; i++) this.#dispatch(parts[i]);
  }

  #dispatch(part) {
    const { onChunk, onError } = this.#callbacks;
    if (part.type === 'error') {
      onError({ error: part.error });
    } else if (onChunk && CHUNK_TYPES.has(part.type)) {
      onChunk({ chunk: part });
    }
    for (const s of this.#subscribers) s.push(part);
  }

  async #settle(result) {
    if (result == null || result.error !== undefined || !result.steps?.length) {
      const cause = result?.error !== undefined ? fromNative(result.error) : undefined;
      this.#rejectAll(new NoOutputGeneratedError({ message: 'No output generated. Check the stream for errors.', cause }));
      return;
    }
    const { steps, totalUsage } = result;
    const last = steps[steps.length - 1];
    const values = { ...last, totalUsage, steps };
    for (const [field, p] of this.#promises) p.resolve(values[field]);
    await this.#callbacks.onFinish?.({ ...values });
    this.#telemetry?.finish(result);
  }

  #rejectAll(error) {
    for (const p of this.#promises.values()) p.reject(error);
  }

  #finish() {
    if (this.#finished) return;
    this.#finished = true;
    this.#telemetry?.end();
    if (!this.#promises.get('finishReason').settled) {
      this.#rejectAll(new NoOutputGeneratedError({ message: 'No output generated. Check the stream for errors.' }));
    }
    for (const s of this.#subscribers) s.end();
    this.#subscribers.clear();
  }

  #abort() {
    if (this.#finished || this.#aborted || this.#completed) return;
    this.#aborted = true;
    this.#runner.abort();
    for (const s of this.#subscribers) s.abort();
    this.#callbacks.onAbort?.({ steps: this.#runner.steps });
    this.#finish();
    // The pump may be parked waiting for demand; let it see the abort and return.
    this.#demand?.();
  }
}

function defaultOnError({ error }) {
  console.error(error);
}


const warned = new Set();
/** v4 spellings still work, with one deprecation warning per process. */
function deprecated(old, replacement) {
  if (warned.has(old)) return;
  warned.add(old);
  const message = `llm-native: \`${old}\` is the AI SDK v4 spelling; use \`${replacement}\`.`;
  // Node's warning channel where there is one (a webview has none).
  if (typeof globalThis.process?.emitWarning === 'function') globalThis.process.emitWarning(message, 'DeprecationWarning');
  else console.warn(message);
}

const asArray = (v) => (v == null ? [] : Array.isArray(v) ? v : [v]);

/**
 * The options both `streamText` and `generateText` take, as a step runner plus the call settings
 * Rust needs, and the call's telemetry (`null` unless `experimental_telemetry.isEnabled`). v4
 * spellings (`maxTokens`, `maxSteps`, tool `parameters`) are accepted.
 */
/**
 * The step loop for `options`; `extra` adds call options of the object functions
 * (`responseFormat`, `partialJson`: which text Rust reads as JSON while it streams).
 */
function prepareRun(options, fnName, extra = {}) {
  if (options == null || typeof options !== 'object') {
    throw new InvalidArgumentError({ argument: 'options', message: `${fnName} needs an options object` });
  }
  checkCallOptions(options);
  const {
    model, system, prompt, messages, tools, toolChoice, maxOutputTokens, maxTokens, temperature, topP, topK,
    presencePenalty, frequencyPenalty, stopSequences, seed, headers, providerOptions, abortSignal, maxRetries, timeouts,
    stopWhen, maxSteps, prepareStep, experimental_activeTools, activeTools = experimental_activeTools,
    includeRawChunks = false, onStepFinish, experimental_context, timeout, experimental_telemetry,
    experimental_repairToolCall: repairToolCall, experimental_include, include = experimental_include,
  } = options;
  if (maxTokens !== undefined) deprecated('maxTokens', 'maxOutputTokens');
  if (maxSteps !== undefined) deprecated('maxSteps', 'stopWhen: stepCountIs(n)');
  const callOptions = {
    maxOutputTokens: maxOutputTokens ?? maxTokens, temperature, topP, topK, presencePenalty, frequencyPenalty,
    stopSequences, seed, headers, providerOptions, maxRetries, timeouts, includeRawChunks: includeRawChunks || undefined,
    // ai@6's `experimental_include: { requestBody: false }`: no body in the steps, none sent back.
    includeRequestBody: include?.requestBody === false ? false : undefined,
    responseFormat: options.experimental_output?.responseFormat,
    // streamText reads its first text block as JSON for `experimental_partialOutputStream`.
    partialJson: fnName === 'streamText' && options.experimental_output?.type === 'object' ? 'first-text' : undefined,
    ...extra,
  };
  const languageModel = resolveLanguageModel(model);
  const limits = timeoutLimits(timeout);
  const telemetry = experimental_telemetry?.isEnabled === true
    ? startTelemetry(`ai.${fnName}`, experimental_telemetry, {
      model: languageModel, headers, system, prompt, messages,
      callSettings: {
        maxOutputTokens: callOptions.maxOutputTokens, temperature, topP, topK, presencePenalty, frequencyPenalty,
        stopSequences, seed, maxRetries: maxRetries ?? 2,
      },
    })
    : null;
  const runner = new StepRunner({
    model: languageModel,
    resolveModel: resolveLanguageModel,
    system, prompt, messages, tools, toolChoice, activeTools, prepareStep, onStepFinish, abortSignal,
    experimental_context, callOptions, timeoutLimits: limits, telemetry, repairToolCall,
    generate: fnName.startsWith('generate'), // a model that is not llm-native's gets doGenerate, as in ai@5
    stopWhen: asArray(stopWhen ?? stepCountIs(maxSteps ?? 1)),
  });
  return { runner, telemetry };
}

/** AI SDK v5 `streamText`. */
function streamText(options) {
  const { runner, telemetry } = prepareRun(options, 'streamText');
  const { onError = defaultOnError, onChunk, onFinish, onAbort, abortSignal, tools, experimental_transform } = options;
  return new DefaultStreamTextResult(runner, { onError, onChunk, onFinish, onAbort }, {
    abortSignal, tools, transforms: asArray(experimental_transform), telemetry, output: options.experimental_output,
  });
}

module.exports = { streamText, prepareRun, DefaultStreamTextResult, DelayedPromise, Subscriber, PartStream };
