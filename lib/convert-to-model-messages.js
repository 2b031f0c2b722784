'use strict';
// `convertToModelMessages`: the UI messages a chat client holds (`useChat`'s `messages`) as the
// model messages `streamText` takes, exactly as ai@5 converts them. An assistant message becomes
// one assistant message per step (parts between `step-start`s), each followed by a `tool` message
// with the results of its client-side tool calls.
const { MessageConversionError, InvalidArgumentError, errorMessage, optionsObject } = require('./errors.js');

const isText = (p) => p.type === 'text';
const isFile = (p) => p.type === 'file';
const isReasoning = (p) => p.type === 'reasoning';
const isData = (p) => p.type.startsWith('data-');
const isDynamicTool = (p) => p.type === 'dynamic-tool';
const isStaticTool = (p) => p.type.startsWith('tool-');
const isTool = (p) => isStaticTool(p) || isDynamicTool(p);
const toolName = (p) => (isDynamicTool(p) ? p.toolName : p.type.split('-').slice(1).join('-'));
const own = (obj, key) => (obj != null && Object.hasOwn(obj, key) ? obj[key] : undefined);
const options = (meta) => (meta != null ? { providerOptions: meta } : {});

/** A tool part's output as a tool-result `output` (`errorMode`: 'none', 'text' or 'json'). */
function modelOutput(part, name, output, errorMode, tools) {
  const tool = own(tools, name);
  // A dynamic-tool part marked `dynamic: false` was a static tool the app no longer has.
  if (errorMode === 'none' && tool == null && part.type === 'dynamic-tool' && part.dynamic === false) {
    return { type: 'text', value: 'Tool output omitted because the tool is no longer available.' };
  }
  if (errorMode === 'text') return { type: 'error-text', value: errorMessage(output) };
  if (errorMode === 'json') return { type: 'error-json', value: output === undefined ? null : output };
  if (tool?.toModelOutput) return tool.toModelOutput(output);
  return typeof output === 'string' ? { type: 'text', value: output } : { type: 'json', value: output === undefined ? null : output };
}

const hasOutput = (p) => p.state === 'output-available' || p.state === 'output-error';
const outputOf = (p) => (p.state === 'output-error' ? p.errorText : p.output);

function assistantContent(block, opts) {
  const content = [];
  for (const part of block) {
    if (isText(part)) content.push({ type: 'text', text: part.text, ...options(part.providerMetadata) });
    else if (isFile(part)) content.push({ type: 'file', mediaType: part.mediaType, filename: part.filename, data: part.url });
    else if (isReasoning(part)) content.push({ type: 'reasoning', text: part.text, providerOptions: part.providerMetadata });
    else if (isDynamicTool(part)) {
      if (part.state !== 'input-streaming') {
        content.push({
          type: 'tool-call', toolCallId: part.toolCallId, toolName: part.toolName, input: part.input, ...options(part.callProviderMetadata),
        });
      }
    } else if (isStaticTool(part)) {
      if (part.state === 'input-streaming') continue;
      const name = toolName(part);
      content.push({
        type: 'tool-call', toolCallId: part.toolCallId, toolName: name,
        input: part.state === 'output-error' ? part.input ?? part.rawInput : part.input,
        providerExecuted: part.providerExecuted, ...options(part.callProviderMetadata),
      });
      // A provider-executed tool's result belongs to the assistant message, errors as JSON.
      if (part.providerExecuted === true && hasOutput(part)) {
        content.push({
          type: 'tool-result', toolCallId: part.toolCallId, toolName: name,
          output: modelOutput(part, name, outputOf(part), part.state === 'output-error' ? 'json' : 'none', opts?.tools),
          ...options(part.callProviderMetadata),
        });
      }
    } else if (isData(part)) {
      const converted = opts?.convertDataPart?.(part);
      if (converted != null) content.push(converted);
    }
  }
  return content;
}

function toolResults(block, opts) {
  return block
    .filter((p) => (isStaticTool(p) && p.providerExecuted !== true) || isDynamicTool(p))
    .filter(hasOutput)
    .map((part) => {
      const name = toolName(part);
      return {
        type: 'tool-result', toolCallId: part.toolCallId, toolName: name,
        output: modelOutput(part, name, outputOf(part), part.state === 'output-error' ? 'text' : 'none', opts?.tools),
        ...options(part.callProviderMetadata),
      };
    });
}

function assistantMessages(message, opts, out) {
  let block = [];
  const flush = () => {
    if (block.length === 0) return;
    out.push({ role: 'assistant', content: assistantContent(block, opts) });
    const hasToolParts = block.some((p) => (isStaticTool(p) && p.providerExecuted !== true) || isDynamicTool(p));
    if (hasToolParts) out.push({ role: 'tool', content: toolResults(block, opts) });
    block = [];
  };
  for (const part of message.parts) {
    if (isText(part) || isReasoning(part) || isFile(part) || isTool(part) || isData(part)) block.push(part);
    else if (part.type === 'step-start') flush();
  }
  flush();
}

/** Drops tool calls without a final result (`ignoreIncompleteToolCalls`). */
function withoutIncompleteToolCalls(messages) {
  const incomplete = (p) => p.state === 'input-streaming' || p.state === 'input-available' || (p.state === 'output-available' && p.preliminary === true);
  return messages.map((m) => ({ ...m, parts: m.parts.filter((p) => !isTool(p) || !incomplete(p)) }));
}

function checkMessages(messages) {
  const ok = Array.isArray(messages) && messages.every((m) => m != null && typeof m === 'object' && (Array.isArray(m.parts) || (m.role === 'assistant' && m.parts == null)));
  if (!ok) throw new InvalidArgumentError({ argument: 'messages', message: 'Invalid argument for parameter messages: expected an array of UI messages with parts' });
}

function convertToModelMessages(messages, opts) {
  checkMessages(messages);
  opts = optionsObject('options', opts);
  if (opts?.ignoreIncompleteToolCalls) messages = withoutIncompleteToolCalls(messages);
  const out = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system': {
        const texts = message.parts.filter(isText);
        const meta = texts.reduce((acc, p) => (p.providerMetadata != null ? { ...acc, ...p.providerMetadata } : acc), {});
        out.push({ role: 'system', content: texts.map((p) => p.text).join(''), ...(Object.keys(meta).length > 0 ? { providerOptions: meta } : {}) });
        break;
      }
      case 'user':
        out.push({
          role: 'user',
          content: message.parts.map((p) => {
            if (isText(p)) return { type: 'text', text: p.text, ...options(p.providerMetadata) };
            if (isFile(p)) return { type: 'file', mediaType: p.mediaType, filename: p.filename, data: p.url, ...options(p.providerMetadata) };
            if (isData(p)) return opts?.convertDataPart?.(p);
            return undefined;
          }).filter((p) => p != null),
        });
        break;
      case 'assistant':
        if (message.parts != null) assistantMessages(message, opts, out);
        break;
      default:
        throw new MessageConversionError({ originalMessage: message, message: `Unsupported role: ${message.role}` });
    }
  }
  return out;
}

module.exports = { convertToModelMessages };
