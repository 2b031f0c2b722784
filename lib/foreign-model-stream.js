'use strict';
// One step of llm-native's loop on a LanguageModelV2 that is not llm-native's (a community
// provider, a wrapped or mock model). It offers what lib/steps.js reads from a native stream —
// `next()` batches of parts in llm-native's part format, ending with `$result`, and `abort()` —
// by calling the model's `doStream` (or, for generateText, `doGenerate`, as ai@5 does) and
// turning V2 parts into the parts Rust would have made (crates/core/src/engine/step.rs), with
// ai@5's streamText rules: `start-step` at the first part, tool calls parsed, missing blocks
// reported, `finish-step` with the step's record.
const { ReparsedPartialJson } = require('./partial-json-value.js');
const { NoSuchToolError, InvalidToolInputError, JSONParseError, errorMessage } = require('./errors.js');
const { secureJsonParse, createIdGenerator } = require('./provider-utils.js');
const { GeneratedFile } = require('./generated-file.js');
const { toV2CallOptions } = require('./v2-call-options.js');
const { generateResultToStream } = require('./v2-stream-content.js');
const { withRetries } = require('./retry.js');
const { failedCallParts } = require('./native-stream.js');

const responseId = createIdGenerator({ prefix: 'aitxt', size: 24 });

/** A V2 tool call as the loop's `tool-call` part (ai@5 `parseToolCall`; schemas and repair are the loop's). */
function parseToolCall({ toolCallId, toolName, input, providerExecuted, providerMetadata }, tools) {
  let parsed;
  let cause;
  try {
    parsed = input.trim() === '' ? {} : secureJsonParse(input);
  } catch (e) {
    cause = new JSONParseError({ text: input, cause: e, message: `JSON parsing failed: Text: ${input}.\nError message: ${errorMessage(e)}` });
  }
  const call = { type: 'tool-call', toolCallId, toolName, input: cause ? input : parsed, providerExecuted, providerMetadata };
  const tool = tools?.[toolName];
  let error;
  if (tool == null && !providerExecuted) {
    const availableTools = tools == null ? undefined : Object.keys(tools);
    error = new NoSuchToolError({
      toolName, availableTools,
      message: `Model tried to call unavailable tool '${toolName}'. ${availableTools === undefined ? 'No tools are available.' : `Available tools: ${availableTools.join(', ')}.`}`,
    });
  } else if (cause) {
    error = new InvalidToolInputError({ toolName, toolInput: input, cause, message: `Invalid input for tool ${toolName}: ${cause.message}` });
  }
  if (error) return { ...call, dynamic: true, invalid: true, error };
  return tool == null || tool.type === 'dynamic' ? { ...call, dynamic: true } : call;
}

/** What one step made so far, and the parts of each V2 part (as steps.js expects them). */
class StepRecord {
  content = [];
  #blocks = new Map(); // `text:<id>` / `reasoning:<id>` → its open content entry
  #inputs = new Map(); // tool call id → parsed input (for provider-executed results)
  #warnings = [];
  #started = false;
  #finishReason = 'unknown';
  #usage = { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined };
  #providerMetadata;
  #response;

  constructor(model, tools, answer, includeRawChunks) {
    this.tools = tools;
    this.answer = answer;
    this.includeRawChunks = includeRawChunks;
    this.#response = { id: responseId(), timestamp: new Date(), modelId: model.modelId };
  }

  #startStep(out) {
    if (this.#started) return;
    this.#started = true;
    out.push({ type: 'start-step', request: this.answer.request ?? {}, warnings: this.#warnings ?? [] });
  }

  /** A text or reasoning part: the block's content grows; one that never started is an error part, as in ai@5. */
  #block(part, kind, out) {
    const key = `${kind}:${part.id}`;
    if (part.type.endsWith('-start')) {
      const entry = { type: kind, text: '', providerMetadata: part.providerMetadata };
      this.#blocks.set(key, entry);
      this.content.push(entry);
      out.push(part);
      return;
    }
    const isDelta = part.type.endsWith('-delta');
    if (isDelta) {
      // ai@5 drops an empty text delta without metadata (reasoning ones pass).
      if (kind === 'text' && part.delta.length === 0 && part.providerMetadata == null) return;
      out.push({ type: part.type, id: part.id, text: part.delta, providerMetadata: part.providerMetadata });
    } else {
      out.push(part);
    }
    const entry = this.#blocks.get(key);
    if (entry == null) {
      out.push({ type: 'error', error: `${kind} part ${part.id} not found` });
      return;
    }
    if (isDelta) entry.text += part.delta;
    entry.providerMetadata = part.providerMetadata ?? entry.providerMetadata;
    if (!isDelta) this.#blocks.delete(key);
  }

  /** The loop's parts for one V2 stream part. */
  parts(part) {
    const out = [];
    if (part.type === 'stream-start') {
      this.#warnings = part.warnings;
      return out;
    }
    this.#startStep(out);
    switch (part.type) {
      case 'text-start': case 'text-delta': case 'text-end':
        this.#block(part, 'text', out);
        break;
      case 'reasoning-start': case 'reasoning-delta': case 'reasoning-end':
        this.#block(part, 'reasoning', out);
        break;
      case 'tool-input-start':
        out.push({ ...part, dynamic: this.tools?.[part.toolName]?.type === 'dynamic' });
        break;
      case 'tool-input-delta':
      case 'tool-input-end':
        out.push(part);
        break;
      case 'tool-call': {
        const call = parseToolCall(part, this.tools);
        this.#inputs.set(call.toolCallId, call.input);
        this.content.push(call);
        out.push(call);
        if (call.invalid) {
          const error = { type: 'tool-error', toolCallId: call.toolCallId, toolName: call.toolName, input: call.input, error: errorMessage(call.error), dynamic: true };
          this.content.push(error);
          out.push(error);
        }
        break;
      }
      case 'tool-result': {
        const { toolCallId, toolName, result, isError, providerExecuted } = part;
        const base = { toolCallId, toolName, input: this.#inputs.get(toolCallId), providerExecuted };
        const output = isError ? { type: 'tool-error', ...base, error: result } : { type: 'tool-result', ...base, output: result };
        this.content.push(output);
        out.push(output);
        break;
      }
      case 'file': {
        const file = { type: 'file', file: new GeneratedFile(part) };
        this.content.push(file);
        out.push(file);
        break;
      }
      case 'source':
        this.content.push(part);
        out.push(part);
        break;
      case 'response-metadata':
        for (const k of ['id', 'timestamp', 'modelId']) if (part[k] != null) this.#response[k] = part[k];
        break;
      case 'finish':
        this.#finishReason = part.finishReason;
        this.#usage = part.usage;
        this.#providerMetadata = part.providerMetadata;
        out.push({ type: '$model-finish', finishReason: part.finishReason });
        break;
      case 'error':
        this.#finishReason = 'error';
        out.push(part);
        break;
      case 'raw':
        if (this.includeRawChunks) out.push(part);
        break;
      default: // not a V2 part: ignored
    }
    return out;
  }

  /** The step's last parts: `finish-step`, `finish` and the `$result` record (no `start-step` for an empty stream, as in ai@5). */
  finish() {
    const out = [];
    const { headers, body } = this.answer.response ?? {};
    const response = () => ({ ...this.#response, headers, ...(body !== undefined ? { body } : {}) });
    const finishReason = this.#finishReason;
    const usage = this.#usage;
    // ai@5 records request and warnings from `start-step`: without one, none.
    const started = this.#started;
    const step = {
      content: this.content, finishReason, usage, warnings: started ? this.#warnings ?? [] : [], request: started ? this.answer.request ?? {} : {},
      response: response(), providerMetadata: this.#providerMetadata,
    };
    out.push(
      { type: 'finish-step', finishReason, usage, providerMetadata: this.#providerMetadata, response: response() },
      { type: 'finish', finishReason, totalUsage: usage },
      { type: '$result', result: { steps: [step], totalUsage: usage, finishReason } },
    );
    return out;
  }
}

/**
 * What Rust does for a native stream with `partialJson`: a `$partial-json` part after each text
 * delta that changed the value (`all-text`: every delta; `first-text`: the first text block's).
 */
function partialJsonOf(mode) {
  const parser = new ReparsedPartialJson();
  let block;
  return (parts) => {
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (p.type !== 'text-delta' || (mode === 'first-text' && (block ??= p.id) !== p.id)) continue;
      const update = parser.push(p.text);
      if (update) parts.splice(++i, 0, update);
    }
  };
}

class ForeignModelStream {
  #gen;
  #controller = new AbortController();
  #reader = null;
  #aborted = false;

  /**
   * `context`: the step's tool set and whether generateText runs it. (The call's abort signal
   * reaches `abort()` through the loop, as for a native stream.)
   */
  constructor(model, call, context) {
    this.#gen = this.#run(model, call, context);
  }

  async next() {
    const { value, done } = await this.#gen.next();
    return done ? null : value;
  }

  abort() {
    this.#aborted = true;
    this.#controller.abort();
    this.#reader?.cancel().catch(() => {});
  }

  async *#run(model, call, { tools, generate }) {
    yield [{ type: 'start' }];
    const abortSignal = this.#controller.signal;
    let answer;
    try {
      const options = await toV2CallOptions(call, { toolSet: tools, supportedUrls: (await model.supportedUrls) ?? {}, abortSignal, generate });
      options.abortSignal = abortSignal;
      answer = await withRetries(
        async () => (generate ? generateResultToStream(await model.doGenerate(options)) : model.doStream(options)),
        { maxRetries: call.maxRetries, abortSignal },
      );
    } catch (error) {
      if (!this.#aborted) yield failedCallParts(error);
      return;
    }
    // `experimental_include: { requestBody: false }`, as Rust leaves it out for its own models.
    if (call.includeRequestBody === false && answer.request) answer = { ...answer, request: { ...answer.request, body: undefined } };
    const record = new StepRecord(model, tools, answer, call.includeRawChunks === true);
    const json = call.partialJson ? partialJsonOf(call.partialJson) : null;
    const reader = answer.stream.getReader();
    this.#reader = reader;
    for (;;) {
      let read;
      try {
        read = await reader.read();
      } catch (error) {
        if (!this.#aborted) yield failedCallParts(error);
        return;
      }
      if (this.#aborted) return;
      if (read.done) break;
      const parts = record.parts(read.value);
      if (json) json(parts);
      if (parts.length > 0) yield parts;
    }
    yield record.finish();
  }
}

module.exports = { ForeignModelStream };
