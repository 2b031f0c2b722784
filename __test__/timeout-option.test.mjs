// The `ai@6` `timeout` option (lib/timeout-option.js, timeouts.rs): each limit fires alone, with
// its own error; pings do not keep a hung stream alive. Servers on 127.0.0.1.
import { describe, it, expect, afterAll } from 'vitest';
import {
  streamText, createOpenAICompatible, createAnthropic, jsonSchema, stepCountIs, InvalidArgumentError,
  FirstContentTimeoutError, IdleTimeoutError, StepTimeoutError, TotalTimeoutError, ToolTimeoutError, RetryError,
} from '../index.js';
import { startServer, collect, settle, openaiTextDeltasBody, sendSse } from './helpers.mjs';

let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());
const local = createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'k' });
const anthropic = createAnthropic({ baseURL: `${server.url}/v1`, apiKey: 'k' });

const chunk = (delta) => `data: ${JSON.stringify({ choices: [{ index: 0, delta }] })}\n\n`;

/** Writes `head`, then `every(i)` each `ms` until the client goes away. */
function repeating(head, every, ms = 40) {
  return (req, _b, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(head);
    let i = 0;
    const timer = setInterval(() => { if (!res.destroyed) res.write(every(i++)); }, ms);
    res.on('close', () => clearInterval(timer));
  };
}

async function run(options) {
  const result = streamText({ prompt: 'hi', onError: () => {}, ...options });
  const parts = await collect(result.fullStream);
  await settle(result.text);
  return { parts, error: parts.find((p) => p.type === 'error')?.error };
}

const types = (parts) => [...new Set(parts.map((p) => p.type))];

describe('timeout option', () => {
  it('firstContentMs: keep-alives and a role-only chunk are not content; retried like a failed request', async () => {
    respond = repeating(chunk({ role: 'assistant', content: '' }), () => ': keep-alive\n\n');
    const started = Date.now();
    const once = await run({ model: local('m'), maxRetries: 0, timeout: { firstContentMs: 200 } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(once.parts.map((p) => p.type)).toEqual(['start', 'error']);
    expect(once.error).toBeInstanceOf(FirstContentTimeoutError);
    expect(once.error).toMatchObject({ timeoutMs: 200, isRetryable: true, url: `${server.url}/v1/chat/completions` });

    const before = server.requests.length;
    const retried = await run({ model: local('m'), maxRetries: 1, timeout: { firstContentMs: 150 } });
    expect(server.requests.length - before).toBe(2);
    expect(retried.error).toBeInstanceOf(RetryError);
    expect(retried.error.errors.map((e) => e.name)).toEqual(['AI_FirstContentTimeoutError', 'AI_FirstContentTimeoutError']);
  }, 15_000);

  it('chunkMs: Anthropic pings after the text do not reset it', async () => {
    const start = 'event: message_start\ndata: {"type":"message_start","message":{"id":"m1","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}\n\n' +
      'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n' +
      'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hel"}}\n\n';
    respond = repeating(start, () => 'event: ping\ndata: {"type": "ping"}\n\n');
    const started = Date.now();
    const { parts, error } = await run({ model: anthropic('claude-sonnet-4-5'), timeout: { chunkMs: 250 } });
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(240);
    expect(elapsed).toBeLessThan(2000);
    expect(parts.map((p) => p.type)).toEqual(['start', 'start-step', 'text-start', 'text-delta', 'error']);
    expect(error).toBeInstanceOf(IdleTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 250, isRetryable: false });
  });

  it('stepMs: a steady stream that runs past it ends with StepTimeoutError, not retried', async () => {
    respond = repeating('', (i) => chunk({ content: `t${i} ` }), 30);
    const before = server.requests.length;
    const started = Date.now();
    const { parts, error } = await run({ model: local('m'), timeout: { stepMs: 300, chunkMs: 5000 } });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.requests.length - before).toBe(1);
    expect(types(parts)).toEqual(['start', 'start-step', 'text-start', 'text-delta', 'error']);
    expect(error).toBeInstanceOf(StepTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300, isRetryable: false, url: `${server.url}/v1/chat/completions` });
  });

  it('a number is totalMs, counted across steps and the tools between them (a tool past it is stopped)', async () => {
    let n = 0;
    respond = (req, _b, res) => {
      n++;
      if (n === 1) {
        sendSse(res, `${chunk({ tool_calls: [{ index: 0, id: 'c1', type: 'function', function: { name: 'slow', arguments: '{}' } }] })}` +
          `data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`);
      } else {
        sendSse(res, openaiTextDeltasBody(['late']));
      }
    };
    let signal;
    const tools = { slow: { inputSchema: jsonSchema({ type: 'object' }), execute: (_input, { abortSignal }) => {
      signal = abortSignal;
      return new Promise((r) => setTimeout(() => r('done'), 2000));
    } } };
    const before = server.requests.length;
    const started = Date.now();
    const { parts, error } = await run({ model: local('m'), tools, stopWhen: stepCountIs(3), timeout: 300 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(parts.find((p) => p.type === 'tool-error')?.error).toBeInstanceOf(ToolTimeoutError);
    expect(signal.aborted).toBe(true);
    expect(error).toBeInstanceOf(TotalTimeoutError);
    expect(error.timeoutMs).toBe(0);
    // The step after the tools had nothing left: it sent no request.
    expect(server.requests.length - before).toBe(1);
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(0);
  });

  it('toolMs and tools.<name>Ms: a tool past its limit is a tool-error and its abortSignal fires', async () => {
    let n = 0;
    respond = (req, _b, res) => {
      n++;
      if (n === 1) {
        sendSse(res, `${chunk({ tool_calls: [
          { index: 0, id: 'c1', type: 'function', function: { name: 'slow', arguments: '{}' } },
          { index: 1, id: 'c2', type: 'function', function: { name: 'quick', arguments: '{}' } },
        ] })}data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'tool_calls' }] })}\n\ndata: [DONE]\n\n`);
      } else {
        sendSse(res, openaiTextDeltasBody(['ok']));
      }
    };
    const signals = {};
    const wait = (name, ms) => (_input, { abortSignal }) => {
      signals[name] = abortSignal;
      return new Promise((r) => setTimeout(() => r(name), ms));
    };
    const schema = jsonSchema({ type: 'object' });
    const tools = { slow: { inputSchema: schema, execute: wait('slow', 1000) }, quick: { inputSchema: schema, execute: wait('quick', 150) } };
    const started = Date.now();
    const { parts } = await run({ model: local('m'), tools, stopWhen: stepCountIs(2), timeout: { toolMs: 400, tools: { slowMs: 100 } } });
    expect(Date.now() - started).toBeLessThan(900);
    const failed = parts.find((p) => p.type === 'tool-error');
    expect(failed.toolName).toBe('slow');
    expect(failed.error).toBeInstanceOf(ToolTimeoutError);
    expect(failed.error).toMatchObject({ toolName: 'slow', toolCallId: 'c1', timeoutMs: 100 });
    expect(signals.slow.aborted).toBe(true);
    expect(parts.find((p) => p.type === 'tool-result').output).toBe('quick');
    expect(signals.quick.aborted).toBe(false);
    expect(parts.filter((p) => p.type === 'text-delta').map((p) => p.text)).toEqual(['ok']);
  });

  it('a bad value is an InvalidArgumentError', () => {
    for (const timeout of [-1, 0, 'soon', { stepMs: Number.NaN }, { tools: { xMs: -5 } }, { tools: 5 }, []]) {
      expect(() => streamText({ model: local('m'), prompt: 'hi', timeout })).toThrow(InvalidArgumentError);
    }
  });
});
