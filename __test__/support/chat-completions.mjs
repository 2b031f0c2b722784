// A scripted OpenAI Chat Completions answer in both of its wire forms: SSE chunks when the request
// streams (llm-native always does), one JSON completion when it does not (@ai-sdk/openai-compatible's
// doGenerate), so that generate and stream paths of both libraries can be compared on one server.
import { sendSse } from '../helpers.mjs';

const ID = 'chatcmpl-script';
const CREATED = 1770000000;

/** `text` in pieces of `size` characters (a tag split across deltas included). */
const pieces = (text, size) => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => text.slice(i * size, (i + 1) * size));

/**
 * `answer`: `{ text?, reasoning?, toolCalls?: [{ id, name, arguments }], finishReason?, model?, size? }`.
 * Writes it to `res` in the form the request `body` asks for.
 */
export function sendChat(res, body, answer) {
  const { text, reasoning, toolCalls = [], model = 'gpt-script', size = 4 } = answer;
  const finishReason = answer.finishReason ?? (toolCalls.length > 0 ? 'tool_calls' : 'stop');
  const usage = { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 };
  if (!body?.stream) {
    const message = {
      role: 'assistant', content: text ?? null,
      ...(reasoning != null ? { reasoning_content: reasoning } : {}),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) } : {}),
    };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: ID, object: 'chat.completion', created: CREATED, model, choices: [{ index: 0, message, finish_reason: finishReason }], usage }));
    return undefined;
  }
  const chunk = (delta, finish = null) => `data: ${JSON.stringify({ id: ID, object: 'chat.completion.chunk', created: CREATED, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
  let out = chunk({ role: 'assistant', content: '' });
  for (const r of pieces(reasoning ?? '', size)) out += chunk({ reasoning_content: r });
  for (const t of pieces(text ?? '', size)) out += chunk({ content: t });
  toolCalls.forEach((c, index) => {
    out += chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] });
    for (const a of pieces(c.arguments, size)) out += chunk({ tool_calls: [{ index, function: { arguments: a } }] });
  });
  out += chunk({}, finishReason);
  out += `data: ${JSON.stringify({ id: ID, object: 'chat.completion.chunk', created: CREATED, model, choices: [], usage })}\n\n`;
  out += 'data: [DONE]\n\n';
  return sendSse(res, out, { chunkSize: 53 });
}
