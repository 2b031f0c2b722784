// The scripted OpenAI-compatible server the example runs against (no API key needed):
// `node examples/local-server.mjs` prints its base URL. It answers streaming and non-streaming
// requests (the AI SDK's generateText does not stream), by what the conversation needs next.
import { startServer, sendSse } from '../scripts/fixture-server.mjs';

const created = 1770000000;
const chunk = (delta, finish = null, extra = {}) =>
  `data: ${JSON.stringify({ id: 'chatcmpl-ex', object: 'chat.completion.chunk', created, model: 'gpt-4.1-mini', choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
const usage = (p, c) => ({ prompt_tokens: p, completion_tokens: c, total_tokens: p + c });

/** What the model "says" next: a tool call or some text. */
function reply(body) {
  const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
  const toolResults = body.messages.filter((m) => m.role === 'tool').length;
  if (system.startsWith('Write a title')) return { text: 'Empty input crashes parse' };
  if (system.startsWith('Summarise')) return { text: `The user asked about a crash; ${toolResults} tool results were read; JSON.parse('') throws.` };
  if (toolResults === 0) return { tool: { id: 'call_list', name: 'list_files', args: '{}' } };
  if (toolResults === 1) return { tool: { id: 'call_read', name: 'read_file', args: '{"path":"src/parse.js"}' } };
  return { text: "parse calls JSON.parse directly, and JSON.parse('') throws a SyntaxError. Guard empty strings first." };
}

function sse(r, promptTokens) {
  let out = chunk({ role: 'assistant', content: '' });
  if (r.tool) {
    out += chunk({ tool_calls: [{ index: 0, id: r.tool.id, type: 'function', function: { name: r.tool.name, arguments: '' } }] });
    for (const piece of r.tool.args.match(/.{1,8}/g)) out += chunk({ tool_calls: [{ index: 0, function: { arguments: piece } }] });
    out += chunk({}, 'tool_calls');
  } else {
    for (const word of r.text.split(/(?<= )/)) out += chunk({ content: word });
    out += chunk({}, 'stop');
  }
  out += `data: ${JSON.stringify({ id: 'chatcmpl-ex', object: 'chat.completion.chunk', created, model: 'gpt-4.1-mini', choices: [], usage: usage(promptTokens, 9) })}\n\n`;
  return `${out}data: [DONE]\n\n`;
}

function json(r, promptTokens) {
  const message = r.tool
    ? { role: 'assistant', content: null, tool_calls: [{ id: r.tool.id, type: 'function', function: { name: r.tool.name, arguments: r.tool.args } }] }
    : { role: 'assistant', content: r.text };
  return JSON.stringify({
    id: 'chatcmpl-ex', object: 'chat.completion', created, model: 'gpt-4.1-mini',
    choices: [{ index: 0, message, finish_reason: r.tool ? 'tool_calls' : 'stop' }], usage: usage(promptTokens, 9),
  });
}

export function startExampleServer() {
  return startServer((req, body, res) => {
    const r = reply(body);
    const promptTokens = JSON.stringify(body.messages).length % 97; // deterministic, varies per request
    if (body.stream) return sendSse(res, sse(r, promptTokens), { chunkSize: 50 });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(json(r, promptTokens));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startExampleServer();
  console.log(`${server.url}/v1`);
}
