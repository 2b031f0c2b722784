// llm-native's local scripted model: an OpenAI Chat Completions server on 127.0.0.1 that answers
// like a real provider (streamed `reasoning_content`, text, a tool call, usage), so the demo and
// `llm-native chat` show the whole streaming path with no key and no network. Its answers are
// scripted from the request: with a tool that takes a `path` it reads the file the user named
// (or README.md) and then describes what the tool returned.
import http from 'node:http';
import { addModels, createOpenAICompatible } from '../index.js';

/** The catalogue entry of the local model (priced, so the cost line shows how costs are reported). */
export const LOCAL_MODEL = {
  provider: 'llm-native-local',
  id: 'scripted-1',
  name: 'llm-native local scripted model',
  contextWindow: 128000,
  cost: { input: 0.5, output: 1.5 },
};

const tokens = (text) => Math.max(1, Math.ceil(text.length / 4));
const textOf = (content) => (typeof content === 'string' ? content : (content ?? []).map((p) => p.text ?? '').join(''));

/** What a tool result says about a file: its size, title and sections when it is Markdown. */
function describeFile(path, content) {
  const lines = content.split('\n');
  const title = lines.find((l) => /^# /.test(l))?.slice(2).trim();
  const sections = lines.filter((l) => /^## /.test(l)).map((l) => l.slice(3).trim());
  let text = `${path} has ${lines.length} lines.`;
  if (title) text += ` Its title is "${title}"`;
  if (sections.length) text += `${title ? ', with' : ' It has'} ${sections.length} sections: ${sections.slice(0, 6).join(', ')}${sections.length > 6 ? ', …' : ''}`;
  return `${text}${title || sections.length ? '.' : ''} That is what the file says; a real model would summarise it properly.`;
}

/** The scripted answer to a request body: `{ reasoning, text, toolCall? }`. */
export function scriptedReply(body) {
  const messages = body.messages ?? [];
  const last = messages.at(-1) ?? {};
  const fileTool = (body.tools ?? []).find((t) => t.function?.parameters?.properties?.path)?.function?.name;
  if (last.role === 'tool') {
    const call = messages.flatMap((m) => m.tool_calls ?? []).find((c) => c.id === last.tool_call_id);
    const path = call ? JSON.parse(call.function.arguments).path : 'the file';
    return {
      reasoning: `The tool returned ${textOf(last.content).length} characters of ${path}. I will describe it from what it actually contains.`,
      text: describeFile(path, textOf(last.content)),
    };
  }
  const prompt = textOf(last.content);
  if (fileTool) {
    const path = /[\w./-]+\.[A-Za-z]\w*/.exec(prompt)?.[0] ?? 'README.md';
    return {
      reasoning: `The user asks about ${path}. Rather than guess, I should read it with ${fileTool}.`,
      text: `Let me read ${path}.`,
      toolCall: { name: fileTool, input: { path } },
    };
  }
  return {
    reasoning: 'No tools were offered, so I answer directly.',
    text:
      `I am llm-native's local scripted model, running on 127.0.0.1: no key, no network. What you see is ` +
      `the real streaming path (reasoning, text, usage and cost) against a server that speaks the OpenAI ` +
      `Chat Completions protocol. You said: "${prompt}"`,
  };
}

/** The reply as Chat Completions stream chunks (word by word). */
function chunks(reply, model, includeUsage, promptTokens) {
  const base = { id: 'chatcmpl-local', object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model };
  const chunk = (delta, finish = null) => ({ ...base, choices: [{ index: 0, delta, finish_reason: finish }] });
  const words = (text) => text.match(/\S+\s*|\s+/g) ?? [];
  const out = [chunk({ role: 'assistant', content: '' })];
  for (const w of words(reply.reasoning)) out.push(chunk({ reasoning_content: w }));
  for (const w of words(reply.text)) out.push(chunk({ content: w }));
  let toolArgs = '';
  if (reply.toolCall) {
    toolArgs = JSON.stringify(reply.toolCall.input);
    const half = Math.ceil(toolArgs.length / 2);
    out.push(chunk({ tool_calls: [{ index: 0, id: 'call_local_1', type: 'function', function: { name: reply.toolCall.name, arguments: toolArgs.slice(0, half) } }] }));
    out.push(chunk({ tool_calls: [{ index: 0, function: { arguments: toolArgs.slice(half) } }] }));
  }
  out.push(chunk({}, reply.toolCall ? 'tool_calls' : 'stop'));
  if (includeUsage) {
    const reasoning = tokens(reply.reasoning);
    const completion = reasoning + tokens(reply.text) + (toolArgs ? tokens(toolArgs) : 0);
    out.push({
      ...base,
      choices: [],
      usage: {
        prompt_tokens: promptTokens,
        completion_tokens: completion,
        total_tokens: promptTokens + completion,
        completion_tokens_details: { reasoning_tokens: reasoning },
      },
    });
  }
  return out;
}

/** The non-streaming answer: the chunks' deltas folded into one message. */
function wholeCompletion(events) {
  const message = { role: 'assistant', content: '', reasoning_content: '' };
  let finishReason = null;
  let toolCall;
  for (const e of events) {
    const { delta = {}, finish_reason: finish } = e.choices[0] ?? {};
    message.content += delta.content ?? '';
    message.reasoning_content += delta.reasoning_content ?? '';
    for (const t of delta.tool_calls ?? []) {
      toolCall ??= { id: t.id, type: 'function', function: { name: t.function.name, arguments: '' } };
      toolCall.function.arguments += t.function.arguments;
    }
    finishReason = finish ?? finishReason;
  }
  if (toolCall) message.tool_calls = [toolCall];
  const { id, created, model, usage } = events.at(-1);
  return { id, object: 'chat.completion', created, model, choices: [{ index: 0, message, finish_reason: finishReason }], usage };
}

async function readBody(req) {
  const parts = [];
  for await (const p of req) parts.push(p);
  return JSON.parse(Buffer.concat(parts).toString('utf8') || '{}');
}

/**
 * Starts the local model on a free port of 127.0.0.1. `delayMs` paces the stream (so it is
 * visibly live); `baseURL` is for `createOpenAICompatible`.
 */
export async function startLocalModel({ delayMs = 15 } = {}) {
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'GET' && req.url.endsWith('/models')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ object: 'list', data: [{ id: LOCAL_MODEL.id, object: 'model', owned_by: 'llm-native' }] }));
        return;
      }
      if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}`, type: 'invalid_request_error' } }));
        return;
      }
      const body = await readBody(req);
      const reply = scriptedReply(body);
      const events = chunks(reply, body.model, body.stream || body.stream_options?.include_usage, tokens(JSON.stringify(body.messages ?? [])));
      if (!body.stream) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(wholeCompletion(events)));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      for (const e of events) {
        if (res.destroyed) return;
        res.write(`data: ${JSON.stringify(e)}\n\n`);
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
      }
      res.end('data: [DONE]\n\n');
    } catch (e) {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: String(e?.message ?? e), type: 'invalid_request_error' } }));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    baseURL: `${url}/v1`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

/**
 * Starts the local model and returns its AI SDK language model (its prices added to the
 * catalogue), the label to show for it, its URL and `close`.
 */
export async function startLocalLanguageModel(options) {
  const server = await startLocalModel(options);
  addModels([LOCAL_MODEL]);
  const provider = createOpenAICompatible({ name: LOCAL_MODEL.provider, baseURL: server.baseURL, includeUsage: true });
  return { model: provider(LOCAL_MODEL.id), label: `local/${LOCAL_MODEL.id}`, url: server.url, close: server.close };
}
