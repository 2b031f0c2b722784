'use strict';
// The multi-step loop of `streamText` / `generateText`: one native stream per step, the app's
// tools executed between steps, and the messages of each step appended for the next one, as the
// AI SDK v5 does. Rust does everything inside a step (request, decoding, tool-call parsing); this
// file only holds what needs the app's JS functions (`execute`, `prepareStep`, `stopWhen`, zod).
const { fromNative, callNative, errorMessage, InvalidToolInputError, TypeValidationError } = require('./errors.js');
const { toolsToNative } = require('./tools.js');
const { GeneratedFile } = require('./generated-file.js');
const { batchParts } = require('./native-stream.js');
const { openStepStream } = require('./step-stream.js');
const { checkPrompt } = require('./call-settings.js');
const { stepTimeouts, toolTimeoutMs, withToolTimeout } = require('./timeout-option.js');
const { reportFallback } = require('./fallbacks.js');
const { repairToolCall, repairable } = require('./repair-tool-call.js');

/** `stopWhen` condition: stop once `n` steps ran. */
function stepCountIs(stepCount) {
  return ({ steps }) => steps.length === stepCount;
}

/** `stopWhen` condition: stop after a step that called the tool `toolName`. */
function hasToolCall(toolName) {
  return ({ steps }) => steps[steps.length - 1]?.toolCalls?.some((c) => c.toolName === toolName) ?? false;
}

const addTokens = (a, b) => (a == null && b == null ? undefined : (a ?? 0) + (b ?? 0));

/** Sums two usages field by field; a field absent from both stays absent (never NaN). */
function addUsage(a, b) {
  return {
    inputTokens: addTokens(a.inputTokens, b.inputTokens),
    outputTokens: addTokens(a.outputTokens, b.outputTokens),
    totalTokens: addTokens(a.totalTokens, b.totalTokens),
    reasoningTokens: addTokens(a.reasoningTokens, b.reasoningTokens),
    cachedInputTokens: addTokens(a.cachedInputTokens, b.cachedInputTokens),
  };
}

/** Sum of the steps' catalogue costs (USD, llm-native's addition), if any step had one. */
function totalCost(steps) {
  const priced = steps.filter((s) => s.cost);
  if (priced.length === 0) return undefined;
  const sum = (k) => Math.round(priced.reduce((a, s) => a + s.cost[k], 0) * 1e9) / 1e9;
  return { input: sum('input'), output: sum('output'), cacheRead: sum('cacheRead'), cacheWrite: sum('cacheWrite'), total: sum('total') };
}

/** The model-facing form of a tool's output (AI SDK `createToolModelOutput`). */
function toolModelOutput(tool, output, isError) {
  if (isError) return { type: 'error-text', value: errorMessage(output) };
  if (tool?.toModelOutput) return tool.toModelOutput(output);
  return typeof output === 'string' ? { type: 'text', value: output } : { type: 'json', value: output ?? null };
}

/** The `tool` message that answers a step's client-side tool calls (AI SDK `toResponseMessages`). */
function toolMessage(content, tools) {
  const results = content
    .filter((p) => (p.type === 'tool-result' || p.type === 'tool-error') && !p.providerExecuted)
    .map((p) => ({
      type: 'tool-result',
      toolCallId: p.toolCallId,
      toolName: p.toolName,
      output: toolModelOutput(tools?.[p.toolName], p.type === 'tool-result' ? p.output : p.error, p.type === 'tool-error'),
      ...(p.providerMetadata != null ? { providerOptions: p.providerMetadata } : {}),
    }));
  return results.length > 0 ? [{ role: 'tool', content: results }] : [];
}

/** Validates a tool call's input against a zod schema or a `jsonSchema(…, { validate })`. */
async function validateInput(tool, input) {
  const schema = tool.inputSchema ?? tool.parameters;
  if (schema == null) return { success: true, value: input };
  if (typeof schema.safeParseAsync === 'function' || typeof schema.safeParse === 'function') {
    const r = schema.safeParseAsync ? await schema.safeParseAsync(input) : schema.safeParse(input);
    return r.success ? { success: true, value: r.data } : { success: false, error: r.error };
  }
  if (typeof schema.validate === 'function') {
    const r = await schema.validate(input);
    return r.success ? { success: true, value: r.value } : { success: false, error: r.error };
  }
  return { success: true, value: input };
}

/** Runs `execute`: a value, a promise, or an async iterable whose items are preliminary results. */
async function* executeTool(tool, input, options) {
  const result = tool.execute(input, options);
  if (result != null && typeof result[Symbol.asyncIterator] === 'function') {
    let last;
    for await (const output of result) {
      last = output;
      yield { output, preliminary: true };
    }
    yield { output: last };
  } else {
    yield { output: await result };
  }
}

/**
 * A step's `request` whose `body` is read from the native stream when first asked for: a coding
 * agent's body is megabytes the app rarely reads, so it is neither copied nor parsed per step.
 */
function requestReadFrom(native) {
  const request = {};
  // Once read or replaced, `body` is a plain property.
  const settle = (body) => {
    Object.defineProperty(request, 'body', { value: body, enumerable: true, configurable: true, writable: true });
    return body;
  };
  Object.defineProperty(request, 'body', {
    enumerable: true,
    configurable: true,
    get() {
      const text = native.requestBody();
      return settle(text == null ? undefined : JSON.parse(text));
    },
    set: settle,
  });
  return request;
}

/** `request` as the part carries it, or (a host that keeps the body) one that reads it later. */
const stepRequest = (request, native) =>
  request && !('body' in request) && typeof native.requestBody === 'function' ? requestReadFrom(native) : request;

function activeToolSet(tools, activeTools) {
  if (tools == null || activeTools == null) return tools;
  return Object.fromEntries(Object.entries(tools).filter(([name]) => activeTools.includes(name)));
}

/** `prompt` / `messages` as the message list later steps extend (AI SDK `standardizePrompt`). */
function initialMessages({ prompt, messages }) {
  if (messages != null) return messages;
  if (typeof prompt === 'string') return [{ role: 'user', content: prompt }];
  return prompt ?? [];
}

function reviveTimestamp(response) {
  if (response && typeof response.timestamp === 'number') response.timestamp = new Date(response.timestamp);
  return response;
}

function onlyDeltas(parts, hooks) {
  for (let i = 0; i < parts.length; i++) {
    const t = parts[i].type;
    if (t !== 'text-delta' && t !== 'reasoning-delta' && (hooks || t !== 'tool-input-delta')) return false;
  }
  return true;
}

/** The `tool-error` of an invalid call (AI SDK: its error's message, dynamic). */
function invalidCallError(call) {
  return {
    type: 'tool-error', toolCallId: call.toolCallId, toolName: call.toolName, input: call.input,
    error: errorMessage(call.error), dynamic: true,
  };
}

/**
 * An invalid-input message with Rust's JSON error wording replaced by JavaScript's `JSON.parse`
 * wording, the AI SDK's (the model reads it back in the tool result).
 */
function jsonWording(message, text) {
  const at = message.lastIndexOf('\nError message: ');
  if (at < 0 || typeof text !== 'string' || !message.includes('JSON parsing failed')) return message;
  try {
    JSON.parse(text);
    return message;
  } catch (e) {
    return `${message.slice(0, at)}\nError message: ${e.message}`;
  }
}

/** Error objects and timestamps inside a part, from their JSON form to JS values. */
function revivePart(part) {
  switch (part.type) {
    case 'file':
      // Rust sends `{ base64, mediaType }`; the app gets ai@5's file object (bytes on demand).
      if (!(part.file instanceof GeneratedFile)) part.file = new GeneratedFile({ data: part.file.base64, mediaType: part.file.mediaType });
      break;
    case 'error':
      part.error = fromNative(part.error);
      break;
    case 'tool-call':
      if (part.error) {
        part.error = fromNative(part.error);
        if (part.error instanceof Error) part.error.message = jsonWording(part.error.message, part.input);
      }
      break;
    case 'tool-error':
      if (typeof part.error === 'string') part.error = jsonWording(part.error, part.input);
      break;
    case 'finish-step':
      reviveTimestamp(part.response);
      break;
    default:
  }
  return part;
}

/**
 * What the model said in a step, as the assistant message that goes back into the history
 * (with the results of tools the provider ran, as `toResponseMessages` writes them).
 */
function assistantMessage(content, tools) {
  const parts = [];
  for (const c of content) {
    const options = c.providerMetadata != null ? { providerOptions: c.providerMetadata } : {};
    if (c.type === 'text' && c.text !== '') parts.push({ type: 'text', text: c.text, ...options });
    else if (c.type === 'reasoning') parts.push({ type: 'reasoning', text: c.text, ...options });
    else if (c.type === 'file') parts.push({ type: 'file', data: c.file.base64, mediaType: c.file.mediaType, ...options });
    else if (c.type === 'tool-call') {
      // An invalid call's input may be the model's broken text: the next request gets an object
      // (providers refuse a string input; the AI SDK sends it and the next call fails).
      const input = c.invalid && (c.input === null || typeof c.input !== 'object' || Array.isArray(c.input)) ? {} : c.input;
      const executed = c.providerExecuted != null ? { providerExecuted: c.providerExecuted } : {};
      parts.push({ type: 'tool-call', toolCallId: c.toolCallId, toolName: c.toolName, input, ...executed, ...options });
    } else if (c.type === 'tool-result' && c.providerExecuted) {
      const output = toolModelOutput(tools?.[c.toolName], c.output, false);
      parts.push({ type: 'tool-result', toolCallId: c.toolCallId, toolName: c.toolName, output, providerExecuted: true, ...options });
    } else if (c.type === 'tool-error' && c.providerExecuted) {
      const output = { type: 'error-json', value: c.error ?? null };
      parts.push({ type: 'tool-result', toolCallId: c.toolCallId, toolName: c.toolName, output, ...options });
    }
  }
  return parts.length > 0 ? [{ role: 'assistant', content: parts }] : [];
}

/**
 * Completes Rust's step record (its content once, see engine/step.rs) into the AI SDK's
 * `StepResult`: the fields derived from the content, the JS side's tool results and the
 * cumulative messages.
 */
function completeStep(step, streamedCalls, toolOutputs, tools, previousMessages, replacedErrors) {
  reviveTimestamp(step.response);
  for (const c of step.content) if (c.type === 'file') revivePart(c);
  step.text = step.content.filter((c) => c.type === 'text').map((c) => c.text).join('');
  step.reasoning = step.content.filter((c) => c.type === 'reasoning');
  step.reasoningText = step.reasoning.length > 0 ? step.reasoning.map((r) => r.text).join('') : undefined;
  // (Only a model that is not llm-native's has these: lib/foreign-model-stream.js.)
  step.files = step.content.filter((c) => c.type === 'file').map((c) => c.file);
  step.sources = step.content.filter((c) => c.type === 'source');
  // The streamed calls carry what JS added: inputs as the schema parsed them, schema failures,
  // repaired calls.
  step.content = step.content.flatMap((c) => {
    if (c.type === 'tool-error') return replacedErrors.has(c.toolCallId) ? [] : [revivePart(c)];
    if (c.type !== 'tool-call') return [c];
    const streamed = streamedCalls.get(c.toolCallId);
    if (!streamed) return [c];
    return streamed.jsError ? [streamed.call, streamed.jsError] : [streamed.call];
  });
  const modelMessages = assistantMessage(step.content, tools);
  step.toolCalls = step.content.filter((c) => c.type === 'tool-call');
  step.content.push(...toolOutputs);
  step.toolResults = step.content.filter((c) => c.type === 'tool-result');
  step.staticToolCalls = step.toolCalls.filter((c) => !c.dynamic);
  step.dynamicToolCalls = step.toolCalls.filter((c) => c.dynamic);
  step.staticToolResults = step.toolResults.filter((r) => !r.dynamic);
  step.dynamicToolResults = step.toolResults.filter((r) => r.dynamic);
  const stepMessages = [...modelMessages, ...toolMessage(step.content, tools)];
  step.response.messages = [...previousMessages, ...stepMessages];
  return stepMessages;
}

/**
 * Produces the parts of every step as arrays (`next()`), ending with `null`; `result` then holds
 * `{ steps, totalUsage }` or `{ error }`. Parts are the AI SDK v5 `TextStreamPart`s: one `start`,
 * `start-step` … `finish-step` per step (tool results before the `finish-step`), one `finish`.
 */
class StepRunner {
  #o;
  #native = null;
  #gen;
  #aborted = false;
  #deadline; // when `timeout.totalMs` runs out (ms since the epoch)
  steps = [];
  result = null;

  constructor(options) {
    this.#o = options;
    this.#gen = this.#run();
  }

  async next() {
    const { value, done } = await this.#gen.next();
    return done ? null : value;
  }

  abort() {
    this.#aborted = true;
    this.#native?.abort();
  }

  async *#run() {
    const o = this.#o;
    checkPrompt(o);
    const baseMessages = initialMessages(o);
    const responseMessages = [];
    const limits = this.#limits();
    this.#deadline = limits.totalMs != null ? Date.now() + limits.totalMs : undefined;
    let totalUsage = { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined };
    for (let stepNumber = 0; ; stepNumber++) {
      const stepInputMessages = [...baseMessages, ...responseMessages];
      const prep = (await o.prepareStep?.({ model: o.model, steps: this.steps, stepNumber, messages: stepInputMessages })) ?? {};
      const model = prep.model != null ? o.resolveModel(prep.model) : o.model;
      const tools = activeToolSet(o.tools, prep.activeTools ?? o.activeTools);
      const call = {
        ...o.callOptions,
        system: prep.system ?? o.system,
        // The first step sends the prompt as given; later ones the standardised history.
        ...(stepNumber === 0 && prep.messages == null
          ? { prompt: o.prompt, messages: o.messages }
          : { messages: prep.messages ?? stepInputMessages }),
        tools: toolsToNative(tools),
        toolChoice: prep.toolChoice ?? o.toolChoice,
        timeouts: stepTimeouts(o.callOptions.timeouts, limits, this.#deadline),
      };
      o.telemetry?.stepStart(model, call, prep.messages ?? stepInputMessages);
      // An llm-native model's native stream, or (any other LanguageModelV2) lib/foreign-model-stream.js.
      const native = openStepStream(model, call, { tools, abortSignal: o.abortSignal, generate: o.generate });
      this.#native = native;
      if (this.#aborted) native.abort();

      // Tools' input lifecycle hooks (AI SDK `onInputStart` / `onInputDelta` / `onInputAvailable`).
      const hooks = tools != null && Object.values(tools).some((t) => t.onInputStart || t.onInputDelta || t.onInputAvailable);
      const inputTools = new Map(); // tool-input id → tool name, while its input streams
      const pending = []; // valid calls of tools with `execute`
      const streamedCalls = new Map();
      const replacedErrors = new Set(); // calls whose Rust `tool-error` a repair replaced
      let finishStep = null;
      let stepResult = null;
      let request = null;
      const toolOutputs = [];
      let toolRun = null; // the step's tools, once started
      for (;;) {
        // Results of tools that finished while the body still streams go out as they come.
        const ready = toolRun?.take() ?? [];
        if (ready.length > 0) yield ready;
        // (An async host reports a failed start here; its error becomes the AI SDK class.)
        const batch = await callNative(() => native.next());
        if (batch === null) break;
        // (A batch that carries an app fetch's own error comes parsed: lib/host-fetch.js.)
        const parts = batchParts(batch);
        // Most batches are all deltas, which pass as they are: no copy, no second look.
        if (onlyDeltas(parts, hooks)) {
          yield parts;
          continue;
        }
        const out = [];
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i];
          switch (part.type) {
            case 'start':
              if (stepNumber === 0) out.push(part);
              break;
            case 'start-step':
              request = stepRequest(part.request, native);
              part.request = request;
              out.push(part);
              o.telemetry?.firstChunk();
              break;
            case 'finish':
              break; // one `finish` for the whole run, below
            case '$fallback':
              await reportFallback(model, part);
              break;
            case '$model-finish':
              // The model said it finished: its client tools start now (the body may go on).
              if (pending.length > 0 && toolsMayRun(part.finishReason)) {
                toolRun ??= this.#startTools(stepInputMessages, toolOutputs);
                toolRun.start(pending.splice(0));
              }
              break;
            case '$result':
              stepResult = part.result;
              if (request) for (const step of stepResult.steps ?? []) step.request = request;
              break;
            case 'finish-step':
              finishStep = revivePart(part);
              break;
            case 'tool-input-start':
            case 'tool-input-delta':
              // (Rust does not know which tools are dynamic ones: MCP tools, `dynamicTool`.)
              if (part.type === 'tool-input-start') part.dynamic = tools?.[part.toolName]?.type === 'dynamic';
              out.push(part);
              if (hooks) await this.#inputHook(tools, inputTools, part, stepInputMessages);
              break;
            case 'tool-call': {
              revivePart(part);
              const entry = { call: part, jsError: null };
              const tool = part.invalid ? undefined : tools?.[part.toolName];
              let valid = !part.invalid && (tool ? await this.#validate(tool, entry) : true);
              if (!valid && o.repairToolCall && tools != null && repairable(entry.call.error)) {
                valid = await this.#repair(entry, tools, stepInputMessages, prep.system ?? o.system);
                // Rust's `tool-error` for the call it found invalid gives way to this one's.
                if (part.invalid) replacedErrors.add(part.toolCallId);
              }
              const call = entry.call;
              if (valid && tools?.[call.toolName]?.type === 'dynamic') call.dynamic = true;
              streamedCalls.set(call.toolCallId, entry);
              out.push(call);
              if (entry.jsError) out.push(entry.jsError);
              if (valid) {
                const used = tools?.[call.toolName];
                if (used?.onInputAvailable) {
                  await used.onInputAvailable({ input: call.input, toolCallId: call.toolCallId, ...this.#toolContext(stepInputMessages) });
                }
                if (used?.execute && !call.providerExecuted) pending.push({ tool: used, call });
              }
              break;
            }
            case 'tool-error':
              if (!replacedErrors.has(part.toolCallId)) out.push(revivePart(part));
              break;
            default:
              out.push(revivePart(part));
          }
        }
        if (out.length > 0) yield out;
      }
      this.#native = null;

      if (stepResult == null || stepResult.error !== undefined) {
        // The request failed (the error part is already out): keep the steps that did finish.
        o.telemetry?.stepFailed(stepResult?.error);
        this.result = this.steps.length > 0 ? { steps: this.steps, totalUsage } : (stepResult ?? { error: undefined });
        return;
      }
      const step = stepResult.steps[0];
      o.telemetry?.modelDone(step, streamedCalls);
      if (pending.length > 0 && toolsMayRun(step.finishReason)) {
        toolRun ??= this.#startTools(stepInputMessages, toolOutputs);
        toolRun.start(pending.splice(0));
      }
      if (toolRun) yield* toolRun.drain();
      o.telemetry?.stepDone();
      if (finishStep) yield [finishStep];
      const stepMessages = completeStep(step, streamedCalls, toolOutputs, tools, responseMessages, replacedErrors);
      totalUsage = addUsage(totalUsage, step.usage);
      this.steps.push(step);
      await o.onStepFinish?.(step);

      const clientCalls = step.toolCalls.filter((c) => !c.providerExecuted);
      // Every client call's output: a result, a failed `execute`, or an invalid call's `tool-error`.
      const outputs = step.content.filter((c) => (c.type === 'tool-result' || c.type === 'tool-error') && !c.providerExecuted).length;
      const stop =
        clientCalls.length === 0 ||
        outputs !== clientCalls.length ||
        this.#aborted ||
        (await Promise.all(o.stopWhen.map((c) => c({ steps: this.steps })))).some(Boolean);
      if (stop) {
        const finish = { type: 'finish', finishReason: step.finishReason, totalUsage };
        const cost = totalCost(this.steps);
        if (cost !== undefined) finish.totalCost = cost;
        yield [finish];
        this.result = { steps: this.steps, totalUsage };
        return;
      }
      responseMessages.push(...stepMessages);
    }
  }

  /** The `timeout` option, checked (lib/timeout-option.js). */
  #limits() {
    return this.#o.timeoutLimits ?? {};
  }

  #toolContext(messages) {
    return { messages, abortSignal: this.#o.abortSignal, experimental_context: this.#o.experimental_context };
  }

  async #inputHook(tools, inputTools, part, messages) {
    if (part.type === 'tool-input-start') {
      inputTools.set(part.id, part.toolName);
      await tools[part.toolName]?.onInputStart?.({ toolCallId: part.id, ...this.#toolContext(messages) });
    } else {
      const name = inputTools.get(part.id);
      if (name != null) {
        await tools[name]?.onInputDelta?.({ inputTextDelta: part.delta, toolCallId: part.id, ...this.#toolContext(messages) });
      }
    }
  }

  /** Marks a call whose input fails the tool's schema invalid (with its `tool-error`). */
  async #validate(tool, entry) {
    const part = entry.call;
    const r = await validateInput(tool, part.input);
    if (r.success) {
      part.input = r.value;
      return true;
    }
    const cause = new TypeValidationError({
      value: part.input,
      cause: r.error,
      message: `Type validation failed: Value: ${JSON.stringify(part.input)}.\nError message: ${errorMessage(r.error)}`,
    });
    part.invalid = true;
    part.dynamic = true;
    part.error = new InvalidToolInputError({
      toolName: part.toolName,
      toolInput: JSON.stringify(part.input),
      cause,
      message: `Invalid input for tool ${part.toolName}: ${cause.message}`,
    });
    entry.jsError = invalidCallError(part);
    return false;
  }

  /** `experimental_repairToolCall` for an invalid call: whether the call is now valid. */
  async #repair(entry, tools, messages, system) {
    const r = await repairToolCall(this.#o.repairToolCall, entry.call, { tools, system, messages, validate: validateInput });
    if (r === null) {
      entry.jsError ??= invalidCallError(entry.call);
      return false;
    }
    entry.call = r.call;
    entry.jsError = r.error ? invalidCallError(r.call) : null;
    return !r.error;
  }

  /**
   * Runs tool calls in parallel as they are handed to `start`: `take()` returns the results so far,
   * `drain()` yields the rest as they arrive.
   */
  #startTools(messages, toolOutputs) {
    const queue = [];
    let wake = null;
    let running = 0;
    const push = (part) => {
      queue.push(part);
      if (wake) { wake(); wake = null; }
    };
    const run = async ({ tool, call }) => {
      // As the AI SDK: streamText's result parts carry the call's fields (provider metadata,
      // dynamic, …), generateText's the call's ids, input and whether the tool is dynamic.
      const base = this.#o.generate
        ? { toolCallId: call.toolCallId, toolName: call.toolName, input: call.input, dynamic: tool.type === 'dynamic' }
        : call;
      try {
        const context = { toolCallId: call.toolCallId, ...this.#toolContext(messages) };
        const ms = toolTimeoutMs(this.#limits(), call.toolName, this.#deadline);
        const timed = withToolTimeout(ms, call, context.abortSignal,
          (abortSignal) => executeTool(tool, call.input, { ...context, abortSignal }));
        const results = this.#o.telemetry?.toolCall(call, timed) ?? timed; // in an `ai.toolCall` span
        for await (const r of results) {
          const part = { ...base, type: 'tool-result', output: r.output };
          if (r.preliminary) part.preliminary = true;
          else toolOutputs.push(part);
          push(part);
        }
      } catch (error) {
        const part = { ...base, type: 'tool-error', error };
        toolOutputs.push(part);
        push(part);
      } finally {
        running--;
        push(null);
      }
    };
    const take = () => queue.splice(0).filter((p) => p !== null);
    return {
      start(calls) {
        running += calls.length;
        for (const c of calls) run(c);
      },
      take,
      async *drain() {
        while (running > 0 || queue.length > 0) {
          if (queue.length === 0) await new Promise((resolve) => { wake = resolve; });
          const parts = take();
          if (parts.length > 0) yield parts;
        }
      },
    };
  }
}

/** Finish reasons after which a step's client tools run (the AI SDK's). */
function toolsMayRun(finishReason) {
  return finishReason === 'stop' || finishReason === 'tool-calls';
}

module.exports = { StepRunner, stepCountIs, hasToolCall };
