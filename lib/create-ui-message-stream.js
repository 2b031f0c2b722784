'use strict';
// `createUIMessageStream` (ai@5): a UI message stream the app writes itself — its own chunks
// (`data-*` parts, metadata) and merged streams such as `result.toUIMessageStream()` — with the
// response message id in its `start` chunk and `onFinish` given the message the chunks built.
// `createUIMessageStreamResponse` / `pipeUIMessageStreamToResponse` serve any such stream as SSE.
const { UIMessageBuilder, uiMessageStreamResponse, pipeUIMessageStream } = require('./ui-stream.js');
const { generateId: defaultGenerateId } = require('./provider-utils.js');
const { optionsObject } = require('./errors.js');

/** Runs `execute({ writer })`; the stream closes once it and every merged stream are done. */
function writtenStream(execute, onError) {
  let controller;
  const pending = [];
  let outcome = { status: 'unknown' };
  const stream = new ReadableStream({ start(c) { controller = c; } });
  // Chunks written after the client went away are dropped, as in ai@5.
  const enqueue = (chunk) => { try { controller.enqueue(chunk); } catch { /* closed */ } };
  const handleError = (error) => {
    outcome = { status: 'failed', error };
    let errorText;
    try {
      errorText = onError(error);
    } catch (onErrorError) {
      outcome = { status: 'failed', error: onErrorError };
      try { controller.error(onErrorError); } catch { /* closed */ }
      return;
    }
    enqueue({ type: 'error', errorText });
  };
  const writer = {
    write: enqueue,
    merge(merged) {
      pending.push((async () => {
        const reader = merged.getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          enqueue(value);
        }
      })().catch(handleError));
    },
    setOutcome(next) {
      if (outcome.status === 'unknown' && next.status !== 'unknown') outcome = next;
    },
    onError,
  };
  try {
    const result = execute({ writer });
    if (result) pending.push(Promise.resolve(result).catch(handleError));
  } catch (error) {
    handleError(error);
  }
  (async () => {
    while (pending.length > 0) await pending.shift();
  })().finally(() => { try { controller.close(); } catch { /* closed */ } });
  return { stream, getOutcome: () => outcome };
}

function createUIMessageStream(options) {
  const {
    execute, onError = () => 'An error occurred.', originalMessages = [], onFinish, generateId = defaultGenerateId,
  } = optionsObject('options', options);
  const { stream, getOutcome } = writtenStream(execute, onError);
  let lastMessage = originalMessages?.[originalMessages.length - 1];
  let messageId = generateId();
  if (lastMessage?.role !== 'assistant') lastMessage = undefined;
  else messageId = lastMessage.id; // a continuation of the last assistant message
  let isAborted = false;
  const builder = onFinish ? new UIMessageBuilder(lastMessage, messageId ?? '') : null;
  let finished = false;
  const finish = async () => {
    if (finished || !builder) return;
    finished = true;
    const isContinuation = builder.message.id === lastMessage?.id;
    const declared = getOutcome();
    const outcome = declared.status === 'unknown' && isAborted ? { status: 'aborted' } : declared;
    await onFinish({
      isAborted: isAborted || outcome.status === 'aborted',
      isContinuation,
      outcome,
      responseMessage: builder.message,
      messages: [...(isContinuation ? originalMessages.slice(0, -1) : originalMessages), builder.message],
      finishReason: builder.finishReason,
    });
  };
  return stream.pipeThrough(new TransformStream({
    transform(chunk, controller) {
      const out = chunk.type === 'start' && chunk.messageId == null && messageId != null ? { ...chunk, messageId } : chunk;
      if (chunk.type === 'abort') isAborted = true;
      if (builder) {
        builder.apply(out);
        // ai@5 reports error chunks to `onError` while it builds the message.
        if (out.type === 'error') onError(new Error(out.errorText));
      }
      controller.enqueue(out);
    },
    flush: finish,
    cancel: finish,
  }));
}

module.exports = {
  createUIMessageStream,
  createUIMessageStreamResponse: uiMessageStreamResponse,
  pipeUIMessageStreamToResponse: pipeUIMessageStream,
};
