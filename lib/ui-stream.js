'use strict';
// Serving a stream to a browser the AI SDK v5 way: the UI message stream (`toUIMessageStream`,
// `toUIMessageStreamResponse`, `pipeUIMessageStreamToResponse`, SSE with the `x-vercel-ai-ui-
// message-stream: v1` header, what `useChat` reads) and the plain text stream responses.

const { InvalidArgumentError, optionsObject } = require('./errors.js');

const UI_MESSAGE_STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache',
  connection: 'keep-alive',
  'x-vercel-ai-ui-message-stream': 'v1',
  'x-accel-buffering': 'no',
};
const TEXT_HEADERS = { 'content-type': 'text/plain; charset=utf-8' };

function prepareHeaders(headers, defaults) {
  const h = new Headers(headers ?? {});
  for (const [k, v] of Object.entries(defaults)) if (!h.has(k)) h.set(k, v);
  return h;
}

const withMeta = (part) => (part.providerMetadata != null ? { providerMetadata: part.providerMetadata } : {});

/** One `fullStream` part as UI message chunks (AI SDK `toUIMessageStream` mapping). */
function toUIChunks(part, o, isDynamic, toolNames) {
  switch (part.type) {
    case 'text-start':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-end':
      return [{ type: part.type, id: part.id, ...withMeta(part) }];
    case 'text-delta':
      return [{ type: 'text-delta', id: part.id, delta: part.text, ...withMeta(part) }];
    case 'reasoning-delta':
      return o.sendReasoning ? [{ type: 'reasoning-delta', id: part.id, delta: part.text, ...withMeta(part) }] : [];
    case 'file':
      return [{ type: 'file', mediaType: part.file.mediaType, url: `data:${part.file.mediaType};base64,${part.file.base64}` }];
    case 'source':
      if (!o.sendSources) return [];
      if (part.sourceType === 'url') return [{ type: 'source-url', sourceId: part.id, url: part.url, title: part.title, ...withMeta(part) }];
      return [{
        type: 'source-document', sourceId: part.id, mediaType: part.mediaType, title: part.title, filename: part.filename,
        ...withMeta(part),
      }];
    case 'tool-input-start': {
      toolNames[part.id] = part.toolName;
      const dynamic = isDynamic(part.id);
      return [{
        type: 'tool-input-start', toolCallId: part.id, toolName: part.toolName,
        ...(part.providerExecuted != null ? { providerExecuted: part.providerExecuted } : {}),
        ...(dynamic != null ? { dynamic } : {}),
      }];
    }
    case 'tool-input-delta':
      return [{ type: 'tool-input-delta', toolCallId: part.id, inputTextDelta: part.delta }];
    case 'tool-call': {
      toolNames[part.toolCallId] = part.toolName;
      const dynamic = isDynamic(part.toolCallId);
      const common = {
        toolCallId: part.toolCallId, toolName: part.toolName, input: part.input,
        ...(part.providerExecuted != null ? { providerExecuted: part.providerExecuted } : {}),
        ...withMeta(part),
        ...(dynamic != null ? { dynamic } : {}),
      };
      return part.invalid
        ? [{ type: 'tool-input-error', ...common, errorText: o.onError(part.error) }]
        : [{ type: 'tool-input-available', ...common }];
    }
    case 'tool-result': {
      const dynamic = isDynamic(part.toolCallId);
      return [{
        type: 'tool-output-available', toolCallId: part.toolCallId, output: part.output,
        ...(part.providerExecuted != null ? { providerExecuted: part.providerExecuted } : {}),
        ...(part.preliminary != null ? { preliminary: part.preliminary } : {}),
        ...(dynamic != null ? { dynamic } : {}),
      }];
    }
    case 'tool-error': {
      const dynamic = isDynamic(part.toolCallId);
      return [{
        type: 'tool-output-error', toolCallId: part.toolCallId, errorText: o.onError(part.error),
        ...(part.providerExecuted != null ? { providerExecuted: part.providerExecuted } : {}),
        ...(dynamic != null ? { dynamic } : {}),
      }];
    }
    case 'error':
      return [{ type: 'error', errorText: o.onError(part.error) }];
    case 'start-step':
      return [{ type: 'start-step' }];
    case 'finish-step':
      return [{ type: 'finish-step' }];
    case 'start':
      return o.sendStart ? [{ type: 'start', ...(o.meta != null ? { messageMetadata: o.meta } : {}), ...(o.messageId != null ? { messageId: o.messageId } : {}) }] : [];
    case 'finish':
      return o.sendFinish ? [{ type: 'finish', finishReason: part.finishReason, ...(o.meta != null ? { messageMetadata: o.meta } : {}) }] : [];
    case 'abort':
      return [part];
    default:
      return []; // tool-input-end, raw
  }
}

/** The assistant UI message the chunks describe, for `onFinish` (what `useChat` would hold). */
class UIMessageBuilder {
  constructor(lastMessage, messageId) {
    this.message = lastMessage ? structuredClone(lastMessage) : { id: messageId ?? '', role: 'assistant', parts: [] };
    this.active = new Map();
    this.tools = new Map();
    this.finishReason = undefined;
  }

  #tool(id) {
    return this.tools.get(id);
  }

  apply(chunk) {
    const parts = this.message.parts;
    switch (chunk.type) {
      case 'start':
        if (chunk.messageId != null) this.message.id = chunk.messageId;
        if (chunk.messageMetadata != null) this.message.metadata = chunk.messageMetadata;
        break;
      case 'start-step':
        parts.push({ type: 'step-start' });
        break;
      case 'text-start':
      case 'reasoning-start': {
        const p = { type: chunk.type === 'text-start' ? 'text' : 'reasoning', text: '', state: 'streaming', ...withMeta(chunk) };
        this.active.set(`${p.type}:${chunk.id}`, p);
        parts.push(p);
        break;
      }
      case 'text-delta':
      case 'reasoning-delta': {
        const p = this.active.get(`${chunk.type === 'text-delta' ? 'text' : 'reasoning'}:${chunk.id}`);
        if (p) {
          p.text += chunk.delta;
          if (chunk.providerMetadata != null) p.providerMetadata = chunk.providerMetadata;
        }
        break;
      }
      case 'text-end':
      case 'reasoning-end': {
        const key = `${chunk.type === 'text-end' ? 'text' : 'reasoning'}:${chunk.id}`;
        const p = this.active.get(key);
        if (p) {
          p.state = 'done';
          if (chunk.providerMetadata != null) p.providerMetadata = chunk.providerMetadata;
          this.active.delete(key);
        }
        break;
      }
      case 'tool-input-start':
      case 'tool-input-available':
      case 'tool-input-error': {
        let p = this.#tool(chunk.toolCallId);
        if (!p) {
          p = chunk.dynamic
            ? { type: 'dynamic-tool', toolName: chunk.toolName, toolCallId: chunk.toolCallId }
            : { type: `tool-${chunk.toolName}`, toolCallId: chunk.toolCallId };
          if (chunk.providerExecuted != null) p.providerExecuted = chunk.providerExecuted;
          this.tools.set(chunk.toolCallId, p);
          parts.push(p);
        }
        if (chunk.type === 'tool-input-start') {
          p.state = 'input-streaming';
          p.input = undefined;
        } else if (chunk.type === 'tool-input-available') {
          p.state = 'input-available';
          p.input = chunk.input;
          if (chunk.providerMetadata != null) p.callProviderMetadata = chunk.providerMetadata;
        } else {
          p.state = 'output-error';
          p.input = chunk.input;
          p.errorText = chunk.errorText;
        }
        break;
      }
      case 'tool-output-available': {
        const p = this.#tool(chunk.toolCallId);
        if (p) {
          p.state = 'output-available';
          p.output = chunk.output;
          if (chunk.preliminary != null) p.preliminary = chunk.preliminary;
          else delete p.preliminary;
        }
        break;
      }
      case 'tool-output-error': {
        const p = this.#tool(chunk.toolCallId);
        if (p) {
          p.state = 'output-error';
          p.errorText = chunk.errorText;
        }
        break;
      }
      case 'file':
        parts.push({ type: 'file', mediaType: chunk.mediaType, url: chunk.url });
        break;
      case 'source-url':
        parts.push({ type: 'source-url', sourceId: chunk.sourceId, url: chunk.url, title: chunk.title, ...withMeta(chunk) });
        break;
      case 'source-document':
        parts.push({
          type: 'source-document', sourceId: chunk.sourceId, mediaType: chunk.mediaType, title: chunk.title,
          filename: chunk.filename, ...withMeta(chunk),
        });
        break;
      case 'finish':
        this.finishReason = chunk.finishReason;
        if (chunk.messageMetadata != null) this.message.metadata = chunk.messageMetadata;
        break;
      case 'message-metadata':
        this.message.metadata = chunk.messageMetadata;
        break;
      default:
        // `data-*` parts (createUIMessageStream writers): one with the same type and id is updated.
        if (chunk.type.startsWith('data-') && !chunk.transient) {
          const existing = chunk.id != null ? parts.find((p) => p.type === chunk.type && p.id === chunk.id) : undefined;
          if (existing) existing.data = chunk.data;
          else parts.push(chunk);
        }
    }
  }
}

/** `result.toUIMessageStream(options)`: an async-iterable ReadableStream of UI message chunks. */
function toUIMessageStream(result, {
  originalMessages, generateMessageId, onFinish, messageMetadata, sendReasoning = true, sendSources = false,
  sendStart = true, sendFinish = true, onError = () => 'An error occurred.',
} = {}) {
  let lastMessage = originalMessages?.[originalMessages.length - 1];
  if (lastMessage?.role !== 'assistant') lastMessage = undefined;
  const messageId = lastMessage?.id ?? (typeof generateMessageId === 'function' ? generateMessageId() : undefined);
  const tools = result.tools;
  const toolNames = {};
  const isDynamic = (id) => (tools?.[toolNames[id]]?.type === 'dynamic' ? true : undefined);
  const builder = onFinish ? new UIMessageBuilder(lastMessage, messageId) : null;
  let outcome = 'unknown';
  let isAborted = false;
  let finished = false;
  const finish = async () => {
    if (finished || !builder) return;
    finished = true;
    const isContinuation = lastMessage != null && builder.message.id === lastMessage.id;
    await onFinish({
      isAborted,
      isContinuation,
      outcome: { status: isAborted ? 'aborted' : outcome },
      responseMessage: builder.message,
      messages: [...(isContinuation ? originalMessages.slice(0, -1) : originalMessages ?? []), builder.message],
      finishReason: builder.finishReason,
    });
  };
  const iterator = result.fullStream[Symbol.asyncIterator]();
  const stream = new ReadableStream({
    async pull(controller) {
      for (;;) {
        const { value: part, done } = await iterator.next();
        if (done) {
          await finish();
          controller.close();
          return;
        }
        const meta = messageMetadata?.({ part });
        const o = { sendReasoning, sendSources, sendStart, sendFinish, onError, meta, messageId };
        const chunks = toUIChunks(part, o, isDynamic, toolNames);
        if (meta != null && part.type !== 'start' && part.type !== 'finish') chunks.push({ type: 'message-metadata', messageMetadata: meta });
        if (part.type === 'finish') outcome = 'completed';
        else if (part.type === 'abort') isAborted = true;
        else if (part.type === 'error' && outcome === 'unknown') outcome = 'failed';
        for (const c of chunks) {
          builder?.apply(c);
          controller.enqueue(c);
        }
        if (chunks.length > 0) return;
      }
    },
    async cancel() {
      await iterator.return?.();
      await finish();
    },
  });
  stream[Symbol.asyncIterator] = async function* iterate() {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        yield value;
      }
    } finally {
      reader.releaseLock();
    }
  };
  return stream;
}

const STREAM_OPEN_COMMENT = ': stream-open\n\n';
const KEEP_ALIVE_COMMENT = ': keep-alive\n\n';

/**
 * SSE text with `keepAliveMs`: an opening comment, then a keep-alive comment whenever the stream
 * was quiet that long, so proxies do not close an idle connection (as ai@5 does).
 */
function withKeepAlive(stream, keepAliveMs) {
  if (keepAliveMs == null) return stream;
  if (!Number.isFinite(keepAliveMs) || keepAliveMs <= 0 || keepAliveMs > 2147483647) {
    throw new Error('keepAliveMs must be a positive finite timer duration no greater than 2147483647');
  }
  const reader = stream.getReader();
  let timer;
  let cancelled = false;
  const schedule = (controller) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (cancelled) return;
      if (controller.desiredSize != null && controller.desiredSize > 0) controller.enqueue(KEEP_ALIVE_COMMENT);
      schedule(controller);
    }, keepAliveMs);
  };
  return new ReadableStream({
    start(controller) {
      controller.enqueue(STREAM_OPEN_COMMENT);
      schedule(controller);
    },
    async pull(controller) {
      let r;
      try {
        r = await reader.read();
      } catch (error) {
        clearTimeout(timer);
        if (!cancelled) throw error;
        return;
      }
      clearTimeout(timer);
      if (cancelled) return;
      if (r.done) controller.close();
      else {
        controller.enqueue(r.value);
        schedule(controller);
      }
    },
    async cancel(reason) {
      cancelled = true;
      clearTimeout(timer);
      await reader.cancel(reason);
    },
  });
}

/** UI chunks → `data: {json}\n\n` SSE lines ending with `data: [DONE]`, as bytes. */
function toSseBytes(stream, consumeSseStream, keepAliveMs) {
  let sse = withKeepAlive(stream.pipeThrough(new TransformStream({
    transform(chunk, controller) { controller.enqueue(`data: ${JSON.stringify(chunk)}\n\n`); },
    flush(controller) { controller.enqueue('data: [DONE]\n\n'); },
  })), keepAliveMs);
  if (consumeSseStream) {
    const [a, b] = sse.tee();
    sse = a;
    consumeSseStream({ stream: b });
  }
  return sse.pipeThrough(new TextEncoderStream());
}

function splitUIOptions(options = {}) {
  const {
    originalMessages, generateMessageId, onFinish, messageMetadata, sendReasoning, sendSources, sendFinish, sendStart,
    onError, ...init
  } = options;
  return [{ originalMessages, generateMessageId, onFinish, messageMetadata, sendReasoning, sendSources, sendFinish, sendStart, onError }, init];
}

/** A Response streaming UI message chunks as SSE (`createUIMessageStreamResponse` in ai@5). */
/** The `{ stream, … }` options of the UI message stream responses; `stream` must be a ReadableStream. */
function streamOptions(options) {
  const o = optionsObject('options', options);
  if (typeof o.stream?.pipeThrough !== 'function') {
    throw new InvalidArgumentError({ argument: 'stream', message: 'Invalid argument for parameter stream: expected a ReadableStream' });
  }
  return o;
}

function uiMessageStreamResponse(options) {
  const { stream, status, statusText, headers, consumeSseStream, keepAliveMs } = streamOptions(options);
  return new Response(toSseBytes(stream, consumeSseStream, keepAliveMs), {
    status, statusText, headers: prepareHeaders(headers, UI_MESSAGE_STREAM_HEADERS),
  });
}

function toUIMessageStreamResponse(result, options) {
  const [uiOptions, init] = splitUIOptions(options);
  return uiMessageStreamResponse({ ...init, stream: toUIMessageStream(result, uiOptions) });
}

/** Writes a byte stream to a Node `ServerResponse`, honouring backpressure and client disconnects. */
function writeToServerResponse({ response, status, statusText, headers, stream }) {
  const statusCode = status ?? 200;
  if (statusText !== undefined) response.writeHead(statusCode, statusText, headers);
  else response.writeHead(statusCode, headers);
  const reader = stream.getReader();
  let disconnected = false;
  let onDisconnect;
  const handleClose = () => {
    if (response.writableFinished) return;
    disconnected = true;
    onDisconnect?.();
    reader.cancel(new Error('Client disconnected.')).catch(() => {});
  };
  response.once('close', handleClose);
  if (response.destroyed) handleClose();
  return (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || disconnected || response.destroyed) break;
        if (!response.write(value)) {
          await new Promise((resolve) => {
            onDisconnect = resolve;
            response.once('drain', resolve);
          });
          onDisconnect = undefined;
        }
      }
    } finally {
      response.off('close', handleClose);
      if (disconnected || response.destroyed) reader.cancel().catch(() => {});
      else response.end();
    }
  })();
}

/** Writes UI message chunks as SSE to a Node `ServerResponse` (`pipeUIMessageStreamToResponse` in ai@5). */
function pipeUIMessageStream(options) {
  const { response, stream, status, statusText, headers, consumeSseStream, keepAliveMs } = streamOptions(options);
  return writeToServerResponse({
    response, status, statusText,
    headers: Object.fromEntries(prepareHeaders(headers, UI_MESSAGE_STREAM_HEADERS).entries()),
    stream: toSseBytes(stream, consumeSseStream, keepAliveMs),
  });
}

function pipeUIMessageStreamToResponse(result, response, options) {
  const [uiOptions, init] = splitUIOptions(options);
  return pipeUIMessageStream({ ...init, response, stream: toUIMessageStream(result, uiOptions) });
}

function textBytes(result) {
  return ReadableStream.from(result.textStream).pipeThrough(new TextEncoderStream());
}

function toTextStreamResponse(result, init = {}) {
  return new Response(textBytes(result), {
    status: init.status ?? 200, statusText: init.statusText, headers: prepareHeaders(init.headers, TEXT_HEADERS),
  });
}

function pipeTextStreamToResponse(result, response, init = {}) {
  return writeToServerResponse({
    response, status: init.status, statusText: init.statusText,
    headers: Object.fromEntries(prepareHeaders(init.headers, TEXT_HEADERS).entries()),
    stream: textBytes(result),
  });
}

module.exports = {
  toUIMessageStream, toUIMessageStreamResponse, pipeUIMessageStreamToResponse, toTextStreamResponse,
  pipeTextStreamToResponse, uiMessageStreamResponse, pipeUIMessageStream, UIMessageBuilder, UI_MESSAGE_STREAM_HEADERS,
};
