// Run by __test__/hardening.test.mjs in its own process: one tool call whose arguments are N MB
// (argv[2]), streamed in 1 KB deltas; prints the input length and the peak RSS.
import { startServer } from '../../scripts/fixture-server.mjs';
import { streamText, createOpenAICompatible, jsonSchema, tool } from '../../index.js';
const MB = Number(process.argv[2] ?? 50);
const piece = 'x'.repeat(1000);
const server = await startServer(async (req, b, res) => {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const ev = (d) => `data: ${JSON.stringify({ id: 'c', created: 1, model: 'm', choices: [{ index: 0, delta: d, finish_reason: null }] })}\n\n`;
  res.write(ev({ tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'write', arguments: '{"text":"' } }] }));
  for (let i = 0; i < MB * 1000; i++) {
    if (!res.write(ev({ tool_calls: [{ index: 0, function: { arguments: piece } }] }))) await new Promise((r) => res.once('drain', r));
  }
  res.write(ev({ tool_calls: [{ index: 0, function: { arguments: '"}' } }] }));
  res.end(`data: ${JSON.stringify({ id: 'c', created: 1, model: 'm', choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`);
}, { record: false });
let peak = 0;
const t = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
const m = createOpenAICompatible({ name: 'l', baseURL: server.url + '/v1' })('m');
const result = streamText({ model: m, prompt: 'x', tools: { write: tool({ inputSchema: jsonSchema({ type: 'object' }) }) } });
await result.consumeStream();
const calls = await result.toolCalls;
clearInterval(t);
console.log(JSON.stringify({ mb: MB, inputLen: calls[0].input.text.length, peakMB: Math.round(peak / 2 ** 20) }));
await server.close();
