'use strict';
// A LanguageModelV2 answer between its two forms: a `doGenerate` result as a stream of V2 parts
// (ai@5's `simulateStreamingMiddleware`), and a `doStream` stream read into a `doGenerate`
// result (llm-native models stream even for `doGenerate`).

/** A `doGenerate` result as the V2 stream parts a `doStream` would have given. */
function generateResultToParts(result) {
  const parts = [{ type: 'stream-start', warnings: result.warnings }, { type: 'response-metadata', ...result.response }];
  let id = 0;
  for (const part of result.content) {
    if (part.type === 'text' || part.type === 'reasoning') {
      if (part.type === 'text' && part.text.length === 0) continue;
      const block = String(id++);
      const metadata = part.providerMetadata != null ? { providerMetadata: part.providerMetadata } : {};
      parts.push({ type: `${part.type}-start`, id: block, ...metadata }, { type: `${part.type}-delta`, id: block, delta: part.text }, { type: `${part.type}-end`, id: block });
    } else {
      parts.push(part);
    }
  }
  parts.push({ type: 'finish', finishReason: result.finishReason, usage: result.usage, providerMetadata: result.providerMetadata });
  return parts;
}

/** A `doGenerate` result as a `doStream` result. */
function generateResultToStream(result) {
  const parts = generateResultToParts(result);
  const stream = new ReadableStream({
    start(controller) {
      for (const part of parts) controller.enqueue(part);
      controller.close();
    },
  });
  return { stream, request: result.request, response: result.response };
}

/**
 * Reads V2 stream parts into a `doGenerate` result's fields: `content` (text and reasoning
 * blocks whole, in the order they started), finish reason, usage, warnings, response metadata.
 * An `error` part is thrown, as a failed `doGenerate` would.
 */
async function streamToGenerateResult(stream) {
  const content = [];
  const open = new Map(); // block id → its content entry
  const result = { content, finishReason: 'unknown', usage: { inputTokens: undefined, outputTokens: undefined, totalTokens: undefined }, warnings: [] };
  const metadata = {};
  // A reader, not `for await`: a webview's ReadableStream may not be async-iterable.
  const reader = stream.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    const part = read.value;
    const { type, id, delta, providerMetadata } = part;
    switch (type) {
      case 'stream-start':
        result.warnings = part.warnings;
        break;
      case 'response-metadata':
        for (const k of ['id', 'timestamp', 'modelId']) if (part[k] !== undefined) metadata[k] = part[k];
        break;
      case 'text-start':
      case 'reasoning-start': {
        const entry = { type: type.slice(0, -6), text: '', ...(providerMetadata != null ? { providerMetadata } : {}) };
        open.set(`${entry.type}:${id}`, entry);
        content.push(entry);
        break;
      }
      case 'text-delta':
      case 'reasoning-delta':
      case 'text-end':
      case 'reasoning-end': {
        const entry = open.get(`${type.split('-')[0]}:${id}`);
        if (entry && delta !== undefined) entry.text += delta;
        if (entry && providerMetadata != null) entry.providerMetadata = providerMetadata;
        break;
      }
      case 'finish':
        result.finishReason = part.finishReason;
        result.usage = part.usage;
        if (part.providerMetadata !== undefined) result.providerMetadata = part.providerMetadata;
        break;
      case 'error':
        reader.cancel().catch(() => {});
        throw part.error;
      case 'tool-call':
      case 'tool-result':
      case 'file':
      case 'source':
        content.push({ ...part });
        break;
      default: // tool input streaming, raw chunks: not part of a generate result
    }
  }
  result.response = metadata;
  return result;
}

module.exports = { generateResultToStream, streamToGenerateResult };
