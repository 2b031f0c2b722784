// The AI SDK v5 surface beyond one streamed step: generateText (against the AI SDK's own
// generateText on the same server), callbacks, serving streams over Node HTTP, registries, error
// class markers shared with the AI SDK, and the v4 spellings.
import { describe, it, expect, afterAll, vi } from 'vitest';
import http from 'node:http';
import * as ai from 'ai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import * as native from '../index.js';
import { startServer, sendSse, collect, settle, openaiTextDeltasBody, normalizeForDiff } from './helpers.mjs';

const TOOL_SSE = [
  '{"id":"c1","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"add","arguments":""}}]},"finish_reason":null}]}',
  '{"id":"c1","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"a\\":2,\\"b\\":3}"}}]},"finish_reason":null}]}',
  '{"id":"c1","object":"chat.completion.chunk","created":1770000000,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":{"prompt_tokens":7,"completion_tokens":5,"total_tokens":12}}',
].map((d) => `data: ${d}\n\n`).join('') + 'data: [DONE]\n\n';
const TOOL_JSON = {
  id: 'c1', object: 'chat.completion', created: 1770000000, model: 'm',
  choices: [{ index: 0, message: { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'add', arguments: '{"a":2,"b":3}' } }] }, finish_reason: 'tool_calls' }],
  usage: { prompt_tokens: 7, completion_tokens: 5, total_tokens: 12 },
};
const textJson = (text) => ({
  id: 'chatcmpl-local', object: 'chat.completion', created: 1770000000, model: 'gpt-4o-mini',
  choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
  usage: { prompt_tokens: 10, completion_tokens: 2, total_tokens: 12 },
});

let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());

/** A tool-calling first turn, then text; streaming or not, as the request asks. */
function agentServer(req, body, res) {
  const followUp = body.messages.at(-1).role === 'tool';
  if (body.stream) return sendSse(res, followUp ? openaiTextDeltasBody(['The sum', ' is 5.']) : TOOL_SSE);
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(followUp ? textJson('The sum is 5.') : TOOL_JSON));
}

const model = (lib) => (lib === ai ? aiCompatible : native.createOpenAICompatible)({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'sk-x', includeUsage: true })('m');
const addTool = (lib, execute = ({ a, b }) => a + b) => ({
  add: lib.tool({ description: 'add', inputSchema: lib.jsonSchema({ type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } }), execute }),
});

describe('generateText', () => {
  it('runs the tool loop and returns what ai@5 generateText returns', async () => {
    respond = agentServer;
    const pick = (r) => normalizeForDiff({
      text: r.text, content: r.content, toolCalls: r.toolCalls, toolResults: r.toolResults, finishReason: r.finishReason,
      usage: r.usage, totalUsage: r.totalUsage, messages: r.response.messages, steps: r.steps.length,
      stepTexts: r.steps.map((s) => s.text), reasoningText: r.reasoningText, warnings: r.warnings,
    }, { mapIds: true });
    const opts = (lib) => ({ model: model(lib), prompt: 'add 2 and 3', tools: addTool(lib), stopWhen: lib.stepCountIs(4) });
    const expected = pick(await ai.generateText(opts(ai)));
    const actual = pick(await native.generateText(opts(native)));
    expect(actual).toEqual(expected);
    expect(actual.text).toBe('The sum is 5.');
    expect(actual.totalUsage).toEqual({ inputTokens: 17, outputTokens: 7, totalTokens: 24 });
  });

  it('throws the call error (APICallError) like ai@5', async () => {
    respond = (req, body, res) => { res.writeHead(400, { 'content-type': 'application/json' }); res.end('{"error":{"message":"bad model"}}'); };
    const errorOf = (p) => p.then(() => null, (e) => e);
    const expected = await errorOf(ai.generateText({ model: model(ai), prompt: 'x', maxRetries: 0 }));
    const actual = await errorOf(native.generateText({ model: model(native), prompt: 'x', maxRetries: 0 }));
    expect(native.APICallError.isInstance(actual)).toBe(true);
    expect(ai.APICallError.isInstance(actual)).toBe(true);
    expect({ name: actual.name, message: actual.message, statusCode: actual.statusCode })
      .toEqual({ name: expected.name, message: expected.message, statusCode: expected.statusCode });
  });

  it('an abortSignal rejects with an AbortError and closes the request', async () => {
    respond = (req, body, res) => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.write(': wait\n\n'); };
    const controller = new AbortController();
    const p = native.generateText({ model: model(native), prompt: 'x', abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    const r = await settle(p);
    expect(r.error?.name).toBe('AbortError');
  });
});

describe('streamText callbacks', () => {
  it('onStepFinish per step, onFinish once with steps and totalUsage, onChunk for tool results', async () => {
    respond = agentServer;
    const events = [];
    const result = native.streamText({
      model: model(native), prompt: 'add', tools: addTool(native), stopWhen: native.stepCountIs(3),
      onStepFinish: (s) => events.push(['step', s.finishReason, s.toolResults.map((r) => r.output)]),
      onChunk: ({ chunk }) => { if (chunk.type === 'tool-result') events.push(['chunk', chunk.output]); },
      onFinish: (e) => events.push(['finish', e.finishReason, e.steps.length, e.totalUsage.totalTokens, e.text]),
    });
    await result.consumeStream();
    expect(events).toEqual([
      ['chunk', 5], ['step', 'tool-calls', [5]], ['step', 'stop', []], ['finish', 'stop', 2, 24, 'The sum is 5.'],
    ]);
  });

  it('onError defaults to console.error; onAbort gets the finished steps', async () => {
    respond = (req, body, res) => { res.writeHead(500); res.end('{"error":{"message":"boom"}}'); };
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    await native.streamText({ model: model(native), prompt: 'x', maxRetries: 0 }).consumeStream();
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy.mock.calls[0][0].name).toBe('AI_APICallError');
    spy.mockRestore();

    respond = agentServer;
    const controller = new AbortController();
    let aborted;
    const result = native.streamText({
      model: model(native), prompt: 'add', abortSignal: controller.signal, stopWhen: native.stepCountIs(3),
      tools: addTool(native, async ({ a, b }) => { controller.abort(); return a + b; }),
      onAbort: ({ steps }) => { aborted = steps.length; },
    });
    const parts = await collect(result.fullStream);
    expect(parts.at(-1).type).toBe('abort');
    expect(aborted).toBe(0);
  });
});

describe('serving streams over Node HTTP', () => {
  async function serve(handler) {
    const s = http.createServer(handler);
    await new Promise((r) => s.listen(0, '127.0.0.1', r));
    const res = await fetch(`http://127.0.0.1:${s.address().port}/`);
    const text = await res.text();
    s.close();
    return { headers: Object.fromEntries(res.headers), text };
  }

  it('pipeUIMessageStreamToResponse writes the same SSE as ai@5', async () => {
    respond = agentServer;
    const out = {};
    for (const lib of [ai, native]) {
      const r = await serve((req, res) => lib.streamText({ model: model(lib), prompt: 'add', tools: addTool(lib), stopWhen: lib.stepCountIs(2) })
        .pipeUIMessageStreamToResponse(res, { generateMessageId: () => 'm1' }));
      out[lib === ai ? 'ai' : 'native'] = r;
    }
    expect(out.native.headers['x-vercel-ai-ui-message-stream']).toBe('v1');
    expect(out.native.headers['content-type']).toBe('text/event-stream');
    const chunks = (t) => t.split('\n\n').filter(Boolean).map((l) => (l === 'data: [DONE]' ? l : normalizeForDiff(JSON.parse(l.slice(6)), { mapIds: true })));
    expect(chunks(out.native.text)).toEqual(chunks(out.ai.text));
    expect(out.native.text.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('toUIMessageStreamResponse onFinish gets the assistant UI message', async () => {
    respond = agentServer;
    let finished;
    const response = native.streamText({ model: model(native), prompt: 'add', tools: addTool(native), stopWhen: native.stepCountIs(2) })
      .toUIMessageStreamResponse({ originalMessages: [{ id: 'u1', role: 'user', parts: [{ type: 'text', text: 'add' }] }], generateMessageId: () => 'a1', onFinish: (e) => { finished = e; } });
    await response.text();
    expect(finished.messages.map((m) => m.id)).toEqual(['u1', 'a1']);
    expect(finished.responseMessage.parts.map((p) => p.type)).toEqual(['step-start', 'tool-add', 'step-start', 'text']);
    expect(finished.responseMessage.parts[1]).toMatchObject({ state: 'output-available', input: { a: 2, b: 3 }, output: 5 });
    expect(finished.responseMessage.parts[3]).toMatchObject({ text: 'The sum is 5.', state: 'done' });
    expect(finished.isAborted).toBe(false);
  });

  it('toTextStreamResponse and pipeTextStreamToResponse send only the text', async () => {
    respond = (req, body, res) => sendSse(res, openaiTextDeltasBody(['a', 'b', 'c']));
    const response = native.streamText({ model: model(native), prompt: 'x' }).toTextStreamResponse();
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await response.text()).toBe('abc');
    const r = await serve((req, res) => native.streamText({ model: model(native), prompt: 'x' }).pipeTextStreamToResponse(res));
    expect(r.text).toBe('abc');
  });
});

describe('registries', () => {
  it('createProviderRegistry resolves provider:model and reports unknown ids like ai@5', async () => {
    respond = (req, body, res) => sendSse(res, openaiTextDeltasBody(['ok']));
    const local = native.createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1` });
    const registry = native.createProviderRegistry({ local, custom: native.customProvider({ languageModels: { fast: local('m-fast') }, fallbackProvider: local }) });
    expect(await native.streamText({ model: registry.languageModel('local:m'), prompt: 'x' }).text).toBe('ok');
    expect(registry.languageModel('custom:fast').modelId).toBe('m-fast');
    expect(registry.languageModel('custom:other').modelId).toBe('other');
    const aiRegistry = ai.createProviderRegistry({ local: aiCompatible({ name: 'local', baseURL: server.url }) });
    for (const id of ['nope:m', 'no-separator']) {
      const mine = (() => { try { registry.languageModel(id); } catch (e) { return e; } })();
      const theirs = (() => { try { aiRegistry.languageModel(id); } catch (e) { return e; } })();
      expect(mine.name).toBe(theirs.name);
      expect(mine.message.replace('local,custom', 'local')).toBe(theirs.message);
      expect(ai.NoSuchModelError.isInstance(mine)).toBe(true);
    }
    expect(() => native.customProvider({}).languageModel('x')).toThrow(native.NoSuchModelError);
  });
});

describe('errors share the AI SDK markers', () => {
  const NAMES = ['APICallError', 'RetryError', 'InvalidPromptError', 'InvalidArgumentError', 'NoSuchModelError', 'NoSuchToolError',
    'InvalidToolInputError', 'NoOutputGeneratedError', 'LoadAPIKeyError', 'TypeValidationError', 'NoSuchProviderError'];
  for (const name of NAMES) {
    it(`${name}: ours pass ai's isInstance and theirs pass ours`, () => {
      const ours = new native[name]({ message: 'm' });
      expect(ai[name].isInstance(ours)).toBe(true);
      expect(native[name].isInstance(ours)).toBe(true);
      expect(ours.name).toBe(`AI_${name}`);
      expect(native.AISDKError.isInstance(ours)).toBe(true);
    });
  }
  it('a NoSuchProviderError is a NoSuchModelError, as in ai@5', () => {
    expect(native.NoSuchModelError.isInstance(new native.NoSuchProviderError({ providerId: 'p', availableProviders: [] }))).toBe(true);
  });
});

describe('v4 spellings', () => {
  it('maxTokens, maxSteps and tool parameters still work (with one deprecation warning each)', async () => {
    respond = agentServer;
    const warnings = [];
    const onWarning = (w) => warnings.push(w.message);
    process.on('warning', onWarning);
    const result = native.streamText({
      model: model(native), prompt: 'add', maxTokens: 77, maxSteps: 3,
      tools: { add: { description: 'add', parameters: native.jsonSchema({ type: 'object' }), execute: ({ a, b }) => a + b } },
    });
    expect(await result.text).toBe('The sum is 5.');
    expect((await result.steps).length).toBe(2);
    expect(server.requests.at(-1).body.max_tokens).toBe(77);
    await new Promise((r) => setImmediate(r));
    process.off('warning', onWarning);
    expect(warnings.some((w) => w.includes('maxTokens'))).toBe(true);
    expect(warnings.some((w) => w.includes('maxSteps'))).toBe(true);
  });
});
