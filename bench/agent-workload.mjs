// The agent benchmarks' workload: a coding agent's conversation (user turn, assistant text + tool
// call, tool result with a ~4 KB file), the bodies an app would build by hand for it in each
// protocol (the raw client's request), and each protocol's reply of 40 deltas + a tool call.
// Used by bench/agent.mjs (Node) and bench/tauri.mjs (the Tauri app's webview).

/** Text deltas in every reply. */
export const REPLY_DELTAS = 40;
/** Bytes of each tool result's file. */
export const FILE_BYTES = 4096;

const CODE_LINE = '  const value = await readConfig(path.join(root, name), { encoding: "utf8" }); // ok\n';

/** A ~4 KB source file, different per `i` (so no two tool results are the same string). */
export function fileText(i) {
  let out = `// file ${i}\n`;
  while (out.length < FILE_BYTES) out += CODE_LINE.replace('name', `name${out.length % 97}`);
  return out.slice(0, FILE_BYTES);
}

/** One agent turn as AI SDK model messages: the user asks, the assistant calls a tool, the tool answers. */
function turn(i) {
  const toolCallId = `call_${i}`;
  return [
    { role: 'user', content: `Look at src/module-${i}.ts and tell me what it does.` },
    { role: 'assistant', content: [
      { type: 'text', text: `I'll read src/module-${i}.ts first.` },
      { type: 'tool-call', toolCallId, toolName: 'read_file', input: { path: `src/module-${i}.ts` } },
    ] },
    { role: 'tool', content: [
      { type: 'tool-result', toolCallId, toolName: 'read_file', output: { type: 'text', value: fileText(i) } },
    ] },
  ];
}

/** `n` messages of alternating turns, ending with a user turn (what the next step answers). */
export function history(n) {
  const messages = [];
  for (let i = 0; messages.length < n - 1; i++) messages.push(...turn(i));
  messages.length = n - 1;
  messages.push({ role: 'user', content: 'Now fix the bug in the last one.' });
  return messages;
}

export const READ_FILE_SCHEMA = { type: 'object', properties: { path: { type: 'string' } }, required: ['path'], additionalProperties: false };

/**
 * The Chat Completions body an app would build by hand for the same history (the raw client's
 * request: what `JSON.stringify` + `fetch` costs without any SDK).
 */
export function rawBody(messages) {
  const out = [];
  for (const m of messages) {
    if (m.role === 'user') out.push({ role: 'user', content: m.content });
    else if (m.role === 'assistant') {
      const text = m.content.filter((p) => p.type === 'text').map((p) => p.text).join('');
      const calls = m.content.filter((p) => p.type === 'tool-call').map((p) => ({
        id: p.toolCallId, type: 'function', function: { name: p.toolName, arguments: JSON.stringify(p.input) },
      }));
      out.push({ role: 'assistant', content: text, tool_calls: calls });
    } else {
      for (const p of m.content) out.push({ role: 'tool', tool_call_id: p.toolCallId, content: p.output.value });
    }
  }
  return {
    model: 'm', messages: out, stream: true, stream_options: { include_usage: true },
    tools: [{ type: 'function', function: { name: 'read_file', description: 'Reads a file', parameters: READ_FILE_SCHEMA } }],
  };
}

/** The Messages API body an app would build by hand for the same history (tool results in user turns). */
export function rawAnthropicBody(messages) {
  const out = messages.map((m) => {
    if (m.role === 'user') return { role: 'user', content: m.content };
    if (m.role === 'assistant') {
      return { role: 'assistant', content: m.content.map((p) => (p.type === 'text'
        ? { type: 'text', text: p.text }
        : { type: 'tool_use', id: p.toolCallId, name: p.toolName, input: p.input })) };
    }
    return { role: 'user', content: m.content.map((p) => ({ type: 'tool_result', tool_use_id: p.toolCallId, content: p.output.value })) };
  });
  return {
    model: 'claude-sonnet-4-5', max_tokens: 4096, messages: out, stream: true,
    tools: [{ name: 'read_file', description: 'Reads a file', input_schema: READ_FILE_SCHEMA }],
  };
}

/** The Responses body an app would build by hand (stored items sent in full: no ids to refer to). */
export function rawResponsesBody(messages) {
  const input = [];
  for (const m of messages) {
    if (m.role === 'user') input.push({ role: 'user', content: [{ type: 'input_text', text: m.content }] });
    else if (m.role === 'assistant') {
      for (const p of m.content) {
        input.push(p.type === 'text'
          ? { role: 'assistant', content: [{ type: 'output_text', text: p.text }] }
          : { type: 'function_call', call_id: p.toolCallId, name: p.toolName, arguments: JSON.stringify(p.input) });
      }
    } else {
      for (const p of m.content) input.push({ type: 'function_call_output', call_id: p.toolCallId, output: p.output.value });
    }
  }
  return {
    model: 'gpt-4o', input, stream: true,
    tools: [{ type: 'function', name: 'read_file', description: 'Reads a file', parameters: READ_FILE_SCHEMA, strict: false }],
  };
}

/** The Gemini body an app would build by hand (tool results as function responses in user turns). */
export function rawGoogleBody(messages) {
  const contents = messages.map((m) => {
    if (m.role === 'user') return { role: 'user', parts: [{ text: m.content }] };
    if (m.role === 'assistant') {
      return { role: 'model', parts: m.content.map((p) => (p.type === 'text'
        ? { text: p.text }
        : { functionCall: { name: p.toolName, args: p.input } })) };
    }
    return { role: 'user', parts: m.content.map((p) => ({ functionResponse: { name: p.toolName, response: { name: p.toolName, content: p.output.value } } })) };
  });
  const parameters = { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] };
  return { contents, tools: [{ functionDeclarations: [{ name: 'read_file', description: 'Reads a file', parameters }] }] };
}

/** The Anthropic reply: `replyDeltas` text deltas, then one read_file `tool_use`. */
export function anthropicReplyBody(step) {
  const event = (e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`;
  let out = event({ type: 'message_start', message: { id: 'msg_agent', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
    content: [], stop_reason: null, usage: { input_tokens: 1000, output_tokens: 1 } } });
  out += event({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
  for (let i = 0; i < REPLY_DELTAS; i++) out += event({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ` word${i}` } });
  out += event({ type: 'content_block_stop', index: 0 });
  out += event({ type: 'content_block_start', index: 1, content_block: { type: 'tool_use', id: `toolu_s${step}`, name: 'read_file', input: {} } });
  out += event({ type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: JSON.stringify({ path: `src/step-${step}.ts` }) } });
  out += event({ type: 'content_block_stop', index: 1 });
  out += event({ type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 50 } });
  return out + event({ type: 'message_stop' });
}

/** Step `step`'s read_file call, as Chat Completions writes one (streamed or not). */
const chatToolCall = (step) => ({
  id: `call_s${step}`, type: 'function', function: { name: 'read_file', arguments: JSON.stringify({ path: `src/step-${step}.ts` }) },
});

/** The reply: `replyDeltas` text deltas, then one read_file call (the next step of the loop). */
export function replyBody(step) {
  const head = '{"id":"chatcmpl-agent","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":';
  let out = `data: ${head}{"role":"assistant","content":""},"finish_reason":null}]}\n\n`;
  for (let i = 0; i < REPLY_DELTAS; i++) out += `data: ${head}{"content":" word${i}"},"finish_reason":null}]}\n\n`;
  out += `data: ${head}{"tool_calls":[${JSON.stringify({ index: 0, ...chatToolCall(step) })}]},"finish_reason":null}]}\n\n`;
  out += `data: ${head}{},"finish_reason":"tool_calls"}]}\n\n`;
  out += `data: {"id":"chatcmpl-agent","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[],"usage":{"prompt_tokens":1000,"completion_tokens":50,"total_tokens":1050}}\n\n`;
  return `${out}data: [DONE]\n\n`;
}

/** The same reply not streamed (`generateText`): one Chat Completions JSON answer. */
export function generateReplyBody(step) {
  const content = Array.from({ length: REPLY_DELTAS }, (_, i) => ` word${i}`).join('');
  return JSON.stringify({
    id: 'chatcmpl-agent', object: 'chat.completion', created: 1770000000, model: 'm',
    choices: [{ index: 0, finish_reason: 'tool_calls', message: { role: 'assistant', content, tool_calls: [chatToolCall(step)] } }],
    usage: { prompt_tokens: 1000, completion_tokens: 50, total_tokens: 1050 },
  });
}

/** The Responses reply: `replyDeltas` output text deltas, then one read_file function call. */
export function responsesReplyBody(step) {
  const event = (e) => `data: ${JSON.stringify(e)}\n\n`;
  const response = { id: `resp_s${step}`, object: 'response', created_at: 1770000000, model: 'gpt-4o', status: 'in_progress', output: [] };
  let out = event({ type: 'response.created', response });
  out += event({ type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: `msg_s${step}`, role: 'assistant', content: [], status: 'in_progress' } });
  for (let i = 0; i < REPLY_DELTAS; i++) {
    out += event({ type: 'response.output_text.delta', item_id: `msg_s${step}`, output_index: 0, content_index: 0, delta: ` word${i}` });
  }
  out += event({ type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: `msg_s${step}`, role: 'assistant', status: 'completed', content: [] } });
  const call = { type: 'function_call', id: `fc_s${step}`, call_id: `call_s${step}`, name: 'read_file', arguments: JSON.stringify({ path: `src/step-${step}.ts` }) };
  out += event({ type: 'response.output_item.added', output_index: 1, item: { ...call, arguments: '', status: 'in_progress' } });
  out += event({ type: 'response.output_item.done', output_index: 1, item: { ...call, status: 'completed' } });
  const usage = { input_tokens: 1000, input_tokens_details: { cached_tokens: 0 }, output_tokens: 50, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: 1050 };
  return out + event({ type: 'response.completed', response: { ...response, status: 'completed', usage } });
}

/** The Gemini reply: `replyDeltas` text chunks, then one read_file function call. */
export function googleReplyBody(step) {
  const chunk = (parts, finishReason) => `data: ${JSON.stringify({
    candidates: [{ content: { parts, role: 'model' }, ...(finishReason && { finishReason }), index: 0 }],
    usageMetadata: { promptTokenCount: 1000, candidatesTokenCount: 50, totalTokenCount: 1050 }, modelVersion: 'gemini-2.5-flash',
  })}\r\n\r\n`;
  let out = '';
  for (let i = 0; i < REPLY_DELTAS; i++) out += chunk([{ text: ` word${i}` }]);
  return out + chunk([{ functionCall: { name: 'read_file', args: { path: `src/step-${step}.ts` } } }], 'STOP');
}
