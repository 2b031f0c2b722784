'use strict';
// `streamObject` (ai@5): one step asking for JSON, its text read as JSON while it streams. Rust
// parses the text incrementally and sends what changed (`$partial-json` parts); this file keeps
// the partial value (lib/partial-json-value.js), checks it per `output` and serves the streams
// and promises of ai@5's `StreamObjectResult`.
const { prepareRun, DelayedPromise, Subscriber, PartStream } = require('./stream-text.js');
const { outputStrategy, parseObjectWithRepair, noElementStream } = require('./object-output.js');
const { PartialJsonValue } = require('./partial-json-value.js');
const { NoObjectGeneratedError, InvalidArgumentError } = require('./errors.js');

const PROMISES = ['object', 'usage', 'providerMetadata', 'warnings', 'request', 'response', 'finishReason'];

/** The options object functions take besides the call's: checked and split off. */
function objectCall(options, fnName) {
  if (options == null || typeof options !== 'object') {
    throw new InvalidArgumentError({ argument: 'options', message: `${fnName} needs an options object` });
  }
  const { output, schema, schemaName, schemaDescription, mode, experimental_repairText: repairText, ...rest } = options;
  const strategy = outputStrategy({ output, schema, schemaName, schemaDescription, enumValues: 'enum' in options ? options.enum : undefined });
  const responseFormat = { type: 'json', schema: strategy.jsonSchema, name: schemaName, description: schemaDescription };
  // Tools and steps are not for objects (ai@5 has neither here).
  const { tools, toolChoice, stopWhen, prepareStep, enum: _enum, ...callOptions } = rest;
  return { strategy, responseFormat, repairText, callOptions };
}

/** The step's response as ai@5's object functions report it (no body, headers separate). */
const responseOf = (r) => ({ id: r.id, timestamp: r.timestamp, modelId: r.modelId });

class DefaultStreamObjectResult {
  #runner;
  #strategy;
  #options;
  #subscribers = new Set();
  #promises = new Map(PROMISES.map((k) => [k, new DelayedPromise()]));
  #started = false;
  #ended = false;

  constructor(runner, strategy, options) {
    this.#runner = runner;
    this.#strategy = strategy;
    this.#options = options;
    const { abortSignal } = options;
    abortSignal?.addEventListener('abort', () => runner.abort(), { once: true });
  }

  get fullStream() { return this.#stream(null); }
  get partialObjectStream() { return this.#stream((p) => (p.type === 'object' ? p.object : undefined)); }
  get textStream() { return this.#stream((p) => (p.type === 'text-delta' ? p.textDelta : undefined)); }
  get elementStream() {
    if (!this.#strategy.elements) throw noElementStream(this.#strategy.type);
    return this.#stream((p) => p.element, true);
  }

  get object() { return this.#promise('object'); }
  get usage() { return this.#promise('usage'); }
  get providerMetadata() { return this.#promise('providerMetadata'); }
  get warnings() { return this.#promise('warnings'); }
  get request() { return this.#promise('request'); }
  get response() { return this.#promise('response'); }
  get finishReason() { return this.#promise('finishReason'); }

  toTextStreamResponse(init) {
    return require('./ui-stream.js').toTextStreamResponse(this, init);
  }

  pipeTextStreamToResponse(response, init) {
    return require('./ui-stream.js').pipeTextStreamToResponse(this, response, init);
  }

  #promise(name) {
    this.#start();
    return this.#promises.get(name).promise;
  }

  /** A reader of the parts (`elements`: of the array's elements, one per new element). */
  #stream(map, elements = false) {
    const s = new Subscriber(this, map);
    s.elements = elements;
    if (this.#ended) s.end();
    else this.#subscribers.add(s);
    this.#start();
    return new PartStream(s);
  }

  // What a Subscriber calls on its owner (lib/stream-text.js).
  start() { this.#start(); }
  unsubscribe(s) { this.#subscribers.delete(s); }
  drained() {}

  #emit(part) {
    for (const s of this.#subscribers) if (!s.elements) s.push(part);
  }

  #emitElements(elements, from) {
    for (const s of this.#subscribers) {
      if (s.elements) for (let i = from; i < elements.length; i++) s.push({ element: elements[i] });
    }
  }

  #rejectAll(error) {
    for (const p of this.#promises.values()) {
      p.reject(error);
      p.promise.catch(() => {});
    }
  }

  #start() {
    if (this.#started) return;
    this.#started = true;
    this.#pump().finally(() => {
      this.#ended = true;
      for (const s of this.#subscribers) s.end();
    });
  }

  async #pump() {
    const strategy = this.#strategy;
    const { onError = ({ error }) => console.error(error), onFinish, repairText } = this.#options;
    const value = new PartialJsonValue();
    let text = '';
    let textDelta = '';
    let latest;
    let first = true;
    let warnings;
    let usage;
    let providerMetadata;
    let response;
    let headers;
    let object;
    let error;
    let finishReason;
    const promise = (k) => this.#promises.get(k);
    try {
      for (let parts = await this.#runner.next(); parts !== null; parts = await this.#runner.next()) {
        for (const part of parts) {
          switch (part.type) {
            case 'start-step':
              warnings = part.warnings;
              promise('request').resolve(part.request ?? {});
              break;
            case 'text-delta':
              text += part.text;
              textDelta += part.text;
              break;
            case '$partial-json': {
              if (!value.take(part) && !(strategy.elements && part.complete)) break;
              const r = await strategy.partial({ value: value.snapshot(), textDelta, latestObject: latest, isFirstDelta: first, isFinalDelta: part.complete });
              // Unchanged (ai@5 compares in full; here elements only grow and an enum value is a string).
              if (!r.success || (strategy.type === 'array' && latest?.length === r.value.partial.length) || (strategy.type === 'enum' && latest === r.value.partial)) break;
              if (strategy.elements) this.#emitElements(r.value.partial, latest?.length ?? 0);
              latest = r.value.partial;
              this.#emit({ type: 'object', object: latest });
              this.#emit({ type: 'text-delta', textDelta: r.value.textDelta });
              textDelta = '';
              first = false;
              break;
            }
            case 'error':
              if (error === undefined) {
                error = part.error;
                finishReason = 'error';
                this.#rejectAll(error);
              }
              onError({ error: part.error });
              this.#emit({ type: 'error', error: part.error });
              break;
            case 'finish-step': {
              if (textDelta !== '') this.#emit({ type: 'text-delta', textDelta });
              textDelta = '';
              usage = part.usage;
              providerMetadata = part.providerMetadata;
              response = responseOf(part.response);
              headers = part.response.headers;
              if (error === undefined) finishReason = part.finishReason;
              this.#emit({ type: 'finish', finishReason: part.finishReason, usage, providerMetadata, response });
              if (error !== undefined) break;
              promise('usage').resolve(usage);
              promise('providerMetadata').resolve(providerMetadata);
              promise('warnings').resolve(warnings);
              promise('response').resolve({ ...response, headers });
              promise('finishReason').resolve(finishReason ?? 'unknown');
              try {
                object = await parseObjectWithRepair(text, strategy, repairText, { response, usage, finishReason });
                promise('object').resolve(object);
              } catch (e) {
                error = e;
                promise('object').reject(e);
                promise('object').promise.catch(() => {});
              }
              break;
            }
            default:
          }
        }
      }
      if (response === undefined && error === undefined) {
        error = new NoObjectGeneratedError({ message: 'No object generated: the model did not return a response.' });
        this.#rejectAll(error);
      }
      await onFinish?.({ usage: usage ?? { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined }, object, error, response: response && { ...response, headers }, warnings, providerMetadata });
    } catch (e) {
      this.#rejectAll(e);
      this.#emit({ type: 'error', error: e });
    }
  }
}

/** AI SDK v5 `streamObject`. */
function streamObject(options) {
  const { strategy, responseFormat, repairText, callOptions } = objectCall(options, 'streamObject');
  const { runner } = prepareRun(callOptions, 'streamObject', { responseFormat, partialJson: 'all-text' });
  return new DefaultStreamObjectResult(runner, strategy, { ...options, repairText });
}

module.exports = { streamObject, objectCall, responseOf };
