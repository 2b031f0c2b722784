// Bad input and HTTP failures become typed AI SDK errors; nothing hangs, nothing leaks the key.
import { describe, it, expect, afterAll, vi } from 'vitest';
import * as aiSdk from 'ai';
import {
  streamText, createOpenAICompatible, createOpenAI, APICallError, NoOutputGeneratedError, InvalidPromptError,
  InvalidArgumentError, LoadAPIKeyError, JSONParseError, RetryError, NoSuchModelError, NoSuchProviderError,
} from '../index.js';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { startServer, sendSse, collect, settle, allStrings, openaiTextDeltasBody } from './helpers.mjs';

const API_KEY = 'sk-test-SECRET-4242424242';
let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());
const local = createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: API_KEY });

function replyJson(status, body) {
  respond = (req, _b, res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  };
}

/** Runs a call and returns its parts, the first error part's error and the text outcome. */
async function runFailing(model = local('m'), options = { maxRetries: 0 }) {
  const onError = vi.fn();
  const result = streamText({ model, prompt: 'hi', onError, ...options });
  const parts = await collect(result.fullStream);
  const text = await settle(result.text);
  return { parts, error: parts.find((p) => p.type === 'error')?.error, text, onError };
}

describe('HTTP errors', () => {
  for (const [status, retryable] of [[401, false], [404, false], [500, true]]) {
    it(`${status} becomes an APICallError with the AI SDK fields and no key`, async () => {
      // Providers echo keys in error bodies (OpenAI prints part of it); the key must still not leak.
      const body = { error: { message: `Incorrect API key provided: ${API_KEY}`, type: 'invalid_request_error', code: status } };
      replyJson(status, body);
      const { parts, error, text, onError } = await runFailing();
      expect(parts.map((p) => p.type)).toEqual(['start', 'error']);
      expect(error).toBeInstanceOf(APICallError);
      expect(APICallError.isInstance(error)).toBe(true);
      expect(aiSdk.APICallError.isInstance(error)).toBe(true); // the AI SDK's own check agrees
      expect(error.name).toBe('AI_APICallError');
      expect(error.statusCode).toBe(status);
      expect(error.isRetryable).toBe(retryable);
      expect(error.url).toBe(`${server.url}/v1/chat/completions`);
      expect(error.message).toBe('Incorrect API key provided: [REDACTED]');
      expect(JSON.parse(error.responseBody)).toEqual({ error: { ...body.error, message: 'Incorrect API key provided: [REDACTED]' } });
      expect(error.requestBodyValues).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }], stream: true });
      expect(error.responseHeaders['content-type']).toBe('application/json');
      expect(text.error).toBeInstanceOf(NoOutputGeneratedError);
      expect(text.error.cause).toBeInstanceOf(APICallError);
      expect(text.error.cause.statusCode).toBe(status);
      expect(onError).toHaveBeenCalledWith({ error });
      for (const s of [...allStrings(error), ...allStrings(text.error), ...allStrings(parts)]) expect(s).not.toContain(API_KEY);
    });
  }

  it('a non-JSON error body keeps the status text as message', async () => {
    replyJson(503, '<html>upstream down</html>');
    const { error } = await runFailing();
    expect(error.statusCode).toBe(503);
    expect(error.message).toBe('Service Unavailable');
    expect(error.responseBody).toBe('<html>upstream down</html>');
    expect(error.isRetryable).toBe(true);
  });

  it('connection refused is a retryable APICallError', async () => {
    const closed = await startServer(() => {});
    const url = closed.url;
    await closed.close();
    const provider = createOpenAICompatible({ name: 'x', baseURL: url, apiKey: API_KEY });
    const { error, text } = await runFailing(provider('m'));
    expect(error).toBeInstanceOf(APICallError);
    expect(error.message).toMatch(/^Cannot connect to API: /);
    expect(error.isRetryable).toBe(true);
    expect(text.error).toBeInstanceOf(NoOutputGeneratedError);
  });

  it('the server dropping the connection mid-stream ends fullStream with an error part and settles every promise', async () => {
    respond = (req, _b, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write('data: {"choices":[{"index":0,"delta":{"content":"partial"}}]}\n\n');
      setTimeout(() => res.destroy(), 30);
    };
    const result = streamText({ model: local('m'), prompt: 'hi', onError: () => {} });
    const parts = await collect(result.fullStream);
    expect(parts.map((p) => p.type)).toEqual(['start', 'start-step', 'text-start', 'text-delta', 'error']);
    expect(parts.at(-1).error).toBeInstanceOf(APICallError);
    expect(parts.at(-1).error.message).toMatch(/^Failed to process successful response/);
    for (const k of ['text', 'usage', 'finishReason', 'toolCalls', 'response', 'steps']) {
      expect(await settle(result[k])).toHaveProperty('error');
    }
  });
});

describe('retries', () => {
  /** Answers the first `failures.length` requests with those statuses (asking for a short wait), then streams. */
  function failThenStream(failures, headers = { 'retry-after-ms': '10' }) {
    let n = 0;
    respond = (req, _b, res) => {
      const status = failures[n++];
      if (status === undefined) return sendSse(res, openaiTextDeltasBody(['recovered']));
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify({ error: { message: `failure ${n} (${API_KEY})` } }));
    };
  }

  it('429 with Retry-After, then success: one stream, two requests', async () => {
    failThenStream([429], { 'retry-after': '0.02' });
    const before = server.requests.length;
    const result = streamText({ model: local('m'), prompt: 'hi' });
    expect(await result.text).toBe('recovered');
    expect(server.requests.length - before).toBe(2);
  });

  it('500 three times is a RetryError holding every attempt, like ai@5', async () => {
    const outcome = async (lib, provider) => {
      failThenStream([500, 500, 500]);
      const result = lib.streamText({ model: provider('m'), prompt: 'hi', onError: () => {} });
      const parts = await collect(result.fullStream);
      return parts.find((p) => p.type === 'error').error;
    };
    const mine = await outcome({ streamText }, local);
    const theirs = await outcome(aiSdk, aiCompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: API_KEY }));
    expect(mine).toBeInstanceOf(RetryError);
    expect(aiSdk.RetryError.isInstance(mine)).toBe(true);
    expect(mine.reason).toBe(theirs.reason);
    expect(mine.errors.map((e) => e.statusCode)).toEqual(theirs.errors.map((e) => e.statusCode));
    expect(mine.errors.every((e) => e instanceof APICallError)).toBe(true);
    expect(mine.lastError).toBe(mine.errors[2]);
    // Same message shape, with the key redacted in ours.
    expect(mine.message).toBe(theirs.message.replaceAll(API_KEY, '[REDACTED]'));
    for (const s of allStrings(mine)) expect(s).not.toContain(API_KEY);
  });

  it('a non-retryable error after a retry is a RetryError with reason errorNotRetryable', async () => {
    failThenStream([503, 400]);
    const { error } = await runFailing(local('m'), {});
    expect(error).toBeInstanceOf(RetryError);
    expect(error.reason).toBe('errorNotRetryable');
    expect(error.errors.map((e) => e.statusCode)).toEqual([503, 400]);
  });

  it('abort during the backoff wait ends at once', async () => {
    failThenStream([503, 503, 503], { 'retry-after-ms': '20000' });
    const controller = new AbortController();
    const result = streamText({ model: local('m'), prompt: 'hi', abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const started = Date.now();
    const parts = await collect(result.fullStream);
    expect(parts.at(-1)).toEqual({ type: 'abort' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('bad stream content', () => {
  it('malformed JSON in one event is an error part; the rest of the stream still arrives', async () => {
    respond = (req, _b, res) => sendSse(res,
      'data: {"choices":[{"index":0,"delta":{"content":"a"}}]}\n\ndata: {broken\n\n' +
      'data: {"choices":[{"index":0,"delta":{"content":"b"},"finish_reason":"stop"}]}\n\ndata: [DONE]\n\n');
    const result = streamText({ model: local('m'), prompt: 'hi', onError: () => {} });
    const parts = await collect(result.fullStream);
    const error = parts.find((p) => p.type === 'error').error;
    expect(error).toBeInstanceOf(JSONParseError);
    expect(error.text).toBe('{broken');
    expect(await result.text).toBe('ab');
    expect(await result.finishReason).toBe('stop');
  });

  it('an error object inside the stream passes through as the AI SDK does', async () => {
    respond = (req, _b, res) => sendSse(res, 'data: {"error":{"message":"rate limited","type":"rate_limit"}}\n\ndata: [DONE]\n\n');
    // (Before any content a rate-limit event is retried first: retry-before-content.test.mjs.)
    const result = streamText({ model: local('m'), prompt: 'hi', maxRetries: 0, onError: () => {} });
    const parts = await collect(result.fullStream);
    expect(parts.find((p) => p.type === 'error').error).toEqual({ message: 'rate limited', type: 'rate_limit' });
    expect(await result.finishReason).toBe('error');
  });
});

describe('invalid input', () => {
  it('prompt and messages together is an InvalidPromptError part', async () => {
    respond = (req, _b, res) => sendSse(res, openaiTextDeltasBody(['x']));
    const result = streamText({ model: local('m'), prompt: 'a', messages: [{ role: 'user', content: 'b' }], onError: () => {} });
    const parts = await collect(result.fullStream);
    expect(parts.at(-1).error).toBeInstanceOf(InvalidPromptError);
    expect(await settle(result.text)).toHaveProperty('error');
  });

  it('missing OPENAI_API_KEY is a LoadAPIKeyError naming the variable', async () => {
    delete process.env.OPENAI_API_KEY;
    const openai = createOpenAI({ baseURL: `${server.url}/v1` });
    const { error } = await runFailing(openai('gpt-4o'));
    expect(error).toBeInstanceOf(LoadAPIKeyError);
    expect(error.message).toContain('OPENAI_API_KEY');
  });

  it('invalid provider settings throw typed errors at creation', () => {
    expect(() => createOpenAICompatible({ name: 'x', baseURL: 'not a url' })).toThrow(InvalidArgumentError);
    expect(() => createOpenAICompatible({ name: 'x', baseURL: 'ftp://host' })).toThrow(/http or https/);
    expect(() => createOpenAICompatible({ name: 'x', baseURL: 'http://h', headers: { 'x-a': 'v\r\nx-b: 1' } })).toThrow(/CR, LF/);
    expect(() => createOpenAICompatible({ baseURL: 'http://h' })).toThrow(InvalidArgumentError);
  });

  it('a model that is not from an llm-native provider is an InvalidArgumentError', () => {
    expect(() => streamText({ model: 42, prompt: 'hi' })).toThrow(InvalidArgumentError);
    expect(() => streamText({ model: { modelId: 'x' }, prompt: 'hi' })).toThrow(/llm-native provider/);
  });

  it('a string model id goes through the registry: unknown ids throw, a known one without a key is a LoadAPIKeyError part', async () => {
    expect(() => streamText({ model: 'no-such-model-anywhere', prompt: 'hi' })).toThrow(NoSuchModelError);
    expect(() => streamText({ model: 'no-such-provider/x', prompt: 'hi' })).toThrow(NoSuchProviderError);
    const saved = process.env.DEEPSEEK_API_KEY;
    delete process.env.DEEPSEEK_API_KEY;
    try {
      const parts = await collect(streamText({ model: 'deepseek/deepseek-chat', prompt: 'hi', onError: () => {} }).fullStream);
      const error = parts.find((p) => p.type === 'error').error;
      expect(error).toBeInstanceOf(LoadAPIKeyError);
      expect(error.message).toContain('DEEPSEEK_API_KEY');
    } finally {
      if (saved !== undefined) process.env.DEEPSEEK_API_KEY = saved;
    }
  });

  it('per-call headers with CR/LF are rejected before anything is sent', async () => {
    const before = server.requests.length;
    const result = streamText({ model: local('m'), prompt: 'hi', headers: { 'x-evil': 'a\r\nb: c' }, onError: () => {} });
    const parts = await collect(result.fullStream);
    expect(parts.at(-1).error).toBeInstanceOf(InvalidArgumentError);
    expect(server.requests.length).toBe(before);
  });
});

describe('user callbacks that throw', () => {
  it('a throwing onChunk and onError end the stream with an error part, not a crashed process', async () => {
    respond = (req, _b, res) => sendSse(res, openaiTextDeltasBody(['a', 'b']));
    const result = streamText({
      model: local('m'), prompt: 'hi',
      onChunk: () => { throw new Error('chunk handler broke'); },
      onError: () => { throw new Error('error handler broke too'); },
    });
    const parts = await collect(result.fullStream);
    expect(parts.at(-1).type).toBe('error');
    expect(parts.at(-1).error.message).toBe('chunk handler broke');
    expect(await settle(result.text)).toHaveProperty('error');
  });
});
