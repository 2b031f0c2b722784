'use strict';
// `streamText`: the AI SDK v5 result shape around a native stream. No protocol logic lives here:
// Rust produces the parts (already in AI SDK v5 form) and a final result record; this file routes
// batches to the consumers (fullStream / textStream iterators, result promises, callbacks).
const { fromNative, callNative, NoOutputGeneratedError, InvalidArgumentError } = require('./errors.js');
const { nativeOf } = require('./providers.js');
const { toolsToNative } = require('./tools.js');

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
    this.owner.start();
    this.owner.drained();
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

function reviveTimestamp(response) {
  if (response && typeof response.timestamp === 'number') response.timestamp = new Date(response.timestamp);
  return response;
}

/** Turns error objects and timestamps inside a part from their JSON form into JS values. */
function revivePart(part) {
  switch (part.type) {
    case 'error':
      part.error = fromNative(part.error);
      break;
    case 'tool-call':
      if (part.error) part.error = fromNative(part.error);
      break;
    case 'finish-step':
      reviveTimestamp(part.response);
      break;
    default:
  }
  return part;
}

const CHUNK_TYPES = new Set([
  'text-delta', 'reasoning-delta', 'source', 'tool-call', 'tool-input-start', 'tool-input-delta', 'tool-result', 'raw',
]);

const RESULT_FIELDS = [
  'text', 'content', 'reasoning', 'reasoningText', 'files', 'sources', 'toolCalls', 'staticToolCalls',
  'dynamicToolCalls', 'toolResults', 'staticToolResults', 'dynamicToolResults', 'finishReason', 'usage',
  'totalUsage', 'warnings', 'steps', 'request', 'response', 'providerMetadata',
];

class DefaultStreamTextResult {
  #native;
  #subscribers = new Set();
  #started = false;
  #finished = false;
  #aborted = false;
  #demand = null; // resolves when the pump may pull again
  #promises = new Map(RESULT_FIELDS.map((f) => [f, new DelayedPromise()]));
  #callbacks;

  constructor(native, callbacks, abortSignal) {
    this.#native = native;
    this.#callbacks = callbacks;
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
      for (;;) {
        if (!this.#mayPull()) await new Promise((resolve) => { this.#demand = resolve; });
        if (this.#aborted) return;
        const batch = await this.#native.next();
        if (this.#aborted) return;
        if (batch === null) break;
        const parts = JSON.parse(batch);
        for (let i = 0; i < parts.length; i++) this.#dispatch(parts[i]);
      }
    } catch (error) {
      // A failure here (e.g. a user callback threw) ends the stream with an error part; callbacks
      // are not called again, so a throwing onError cannot turn into an unhandled rejection.
      for (const s of this.#subscribers) s.push({ type: 'error', error });
    } finally {
      this.#finish();
    }
  }

  #dispatch(part) {
    if (part.type === '$result') {
      this.#settle(part.result);
      return;
    }
    revivePart(part);
    const { onChunk, onError } = this.#callbacks;
    if (part.type === 'error') {
      onError({ error: part.error });
    } else if (onChunk && CHUNK_TYPES.has(part.type)) {
      onChunk({ chunk: part });
    }
    for (const s of this.#subscribers) s.push(part);
  }

  #settle(result) {
    if (result.error !== undefined || !result.steps?.length) {
      const cause = result.error !== undefined ? fromNative(result.error) : undefined;
      this.#rejectAll(new NoOutputGeneratedError({ message: 'No output generated. Check the stream for errors.', cause }));
      return;
    }
    const steps = result.steps;
    for (const step of steps) reviveTimestamp(step.response);
    for (const step of steps) {
      for (const c of [...step.content, ...step.toolCalls]) if (c.type === 'tool-call' && c.error) c.error = fromNative(c.error);
      step.staticToolCalls = step.toolCalls.filter((c) => !c.dynamic);
      step.dynamicToolCalls = step.toolCalls.filter((c) => c.dynamic);
      step.staticToolResults = step.toolResults.filter((r) => !r.dynamic);
      step.dynamicToolResults = step.toolResults.filter((r) => r.dynamic);
    }
    const last = steps[steps.length - 1];
    const response = { ...last.response, messages: steps.flatMap((s) => s.response.messages) };
    const values = { ...last, totalUsage: result.totalUsage, steps, response };
    for (const [field, p] of this.#promises) p.resolve(values[field]);
    this.#callbacks.onFinish?.({ ...values });
  }

  #rejectAll(error) {
    for (const p of this.#promises.values()) p.reject(error);
  }

  #finish() {
    if (this.#finished) return;
    this.#finished = true;
    if (!this.#promises.get('finishReason').settled) {
      this.#rejectAll(new NoOutputGeneratedError({ message: 'No output generated. Check the stream for errors.' }));
    }
    for (const s of this.#subscribers) s.end();
    this.#subscribers.clear();
  }

  #abort() {
    if (this.#finished || this.#aborted) return;
    this.#aborted = true;
    this.#native.abort();
    for (const s of this.#subscribers) s.push({ type: 'abort' });
    this.#callbacks.onAbort?.({ steps: [] });
    this.#finish();
    // The pump may be parked waiting for demand; let it see the abort and return.
    this.#demand?.();
  }
}

function defaultOnError({ error }) {
  console.error(error);
}

/** Serialises call options for Rust; bytes become base64 (JSON has no bytes). */
function toNativeJson(options) {
  return JSON.stringify(options, (_key, value) => {
    if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
    if (value instanceof ArrayBuffer) return Buffer.from(value).toString('base64');
    if (value && value.type === 'Buffer' && Array.isArray(value.data)) return Buffer.from(value.data).toString('base64');
    return value;
  });
}

/** AI SDK v5 `streamText`. */
function streamText(options) {
  if (options == null || typeof options !== 'object') {
    throw new InvalidArgumentError({ argument: 'options', message: 'streamText needs an options object' });
  }
  const {
    model, system, prompt, messages, tools, toolChoice, maxOutputTokens, temperature, topP, topK,
    presencePenalty, frequencyPenalty, stopSequences, seed, headers, providerOptions, abortSignal, maxRetries, timeouts,
    onError = defaultOnError, onChunk, onFinish, onAbort,
  } = options;
  const native = nativeOf(model);
  const callOptions = {
    system, prompt, messages, tools: toolsToNative(tools), toolChoice, maxOutputTokens, temperature, topP, topK,
    presencePenalty, frequencyPenalty, stopSequences, seed, headers, providerOptions, maxRetries, timeouts,
  };
  const stream = callNative(() => native.stream(model.modelId, toNativeJson(callOptions)));
  return new DefaultStreamTextResult(stream, { onError, onChunk, onFinish, onAbort }, abortSignal);
}

module.exports = { streamText, DefaultStreamTextResult };
