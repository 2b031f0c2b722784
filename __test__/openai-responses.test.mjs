// OpenAI Responses API end to end over a local server speaking its event stream.
import { describe, it, expect, afterAll } from 'vitest';
import { streamText, createOpenAI, APICallError } from '../index.js';
import { startServer, fixtureBody, sendSse, collect, settle, allStrings, abortAfterThreeDeltas, trickle } from './helpers.mjs';

const KEY = 'sk-resp-SECRET-999';
let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());
const openai = createOpenAI({ baseURL: `${server.url}/v1`, apiKey: KEY });
const sse = (events) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');

describe('OpenAI Responses API', () => {
  it('openai(id) is a Responses model; openai.chat(id) stays on Chat Completions', () => {
    expect(openai('gpt-5').provider).toBe('openai.responses');
    expect(openai.responses('gpt-5').provider).toBe('openai.responses');
    expect(openai.chat('gpt-5').provider).toBe('openai.chat');
  });

  it('streams text with item ids and sends the Responses body', async () => {
    respond = (req, _b, res) => sendSse(res, sse([
      { type: 'response.created', response: { id: 'resp_1', created_at: 1770000000, model: 'gpt-4.1-mini' } },
      { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_1' } },
      { type: 'response.output_text.delta', item_id: 'msg_1', delta: 'Hel' },
      { type: 'response.output_text.delta', item_id: 'msg_1', delta: 'lo' },
      { type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'msg_1' } },
      { type: 'response.completed', response: { usage: { input_tokens: 3, output_tokens: 2, input_tokens_details: { cached_tokens: 1 } } } },
    ]), { chunkSize: 23 });
    const result = streamText({ model: openai('gpt-4.1-mini'), system: 'be brief', prompt: 'hi' });
    const parts = await collect(result.fullStream);
    expect(parts.filter((p) => p.type.startsWith('text'))).toEqual([
      { type: 'text-start', id: 'msg_1', providerMetadata: { openai: { itemId: 'msg_1' } } },
      { type: 'text-delta', id: 'msg_1', text: 'Hel' },
      { type: 'text-delta', id: 'msg_1', text: 'lo' },
      { type: 'text-end', id: 'msg_1', providerMetadata: { openai: { itemId: 'msg_1' } } },
    ]);
    expect(await result.usage).toEqual({ inputTokens: 3, outputTokens: 2, totalTokens: 5, cachedInputTokens: 1 });
    expect((await result.response).timestamp).toEqual(new Date(1770000000 * 1000));
    const seen = server.requests.at(-1);
    expect(seen.url).toBe('/v1/responses');
    expect(seen.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(seen.body).toEqual({ model: 'gpt-4.1-mini', input: [{ role: 'system', content: 'be brief' }, { role: 'user', content: [{ type: 'input_text', text: 'hi' }] }], stream: true });
  });

  it('reasoning with encrypted content round-trips with store: false', async () => {
    respond = (req, _b, res) => sendSse(res, fixtureBody('openai__responses_openai-reasoning-encrypted-content.1.chunks.txt'));
    const options = { openai: { store: false, reasoningSummary: 'auto' } };
    const first = streamText({ model: openai('gpt-5-nano'), prompt: 'weather?', providerOptions: options,
      tools: { weather: { inputSchema: { type: 'object', properties: { location: { type: 'string' } } } },
               calculator: { inputSchema: { type: 'object', properties: { expression: { type: 'string' } } } } } });
    await first.consumeStream();
    expect(server.requests.at(-1).body.include).toEqual(['reasoning.encrypted_content']);
    const { messages } = await first.response;
    const reasoning = messages[0].content.find((c) => c.type === 'reasoning');
    const { itemId, reasoningEncryptedContent } = reasoning.providerOptions.openai;
    // The item's final encrypted content (from output_item.done) is the one to send back.
    expect(reasoningEncryptedContent).toMatch(/^gAAAAABpPDIV/);

    respond = (req, _b, res) => sendSse(res, fixtureBody('openai__responses_parallel-tool-call-wrapper.1.chunks.txt'));
    await streamText({ model: openai('gpt-5-nano'), messages: [{ role: 'user', content: 'weather?' }, ...messages], providerOptions: options,
      onError: () => {} }).consumeStream();
    const input = server.requests.at(-1).body.input;
    const sentReasoning = input.find((i) => i.type === 'reasoning');
    expect(sentReasoning.id).toBe(itemId);
    expect(sentReasoning.encrypted_content).toBe(reasoningEncryptedContent);
    expect(sentReasoning.summary.length).toBeGreaterThan(0);
  });

  it('an error event is an error part; response.failed does not duplicate it', async () => {
    respond = (req, _b, res) => sendSse(res, fixtureBody('openai__responses_openai-error.1.chunks.txt'));
    const result = streamText({ model: openai('gpt-5-nano'), prompt: 'hi', onError: () => {} });
    const parts = await collect(result.fullStream);
    const errors = parts.filter((p) => p.type === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].error.error.code).toBe('insufficient_quota');
  });

  it('HTTP 429 with an OpenAI error body is a retryable APICallError with no key', async () => {
    respond = (req, _b, res) => {
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Rate limit for key ${KEY}`, type: 'rate_limit' } }));
    };
    const parts = await collect(streamText({ model: openai('gpt-5'), prompt: 'hi', maxRetries: 0, onError: () => {} }).fullStream);
    const error = parts.at(-1).error;
    expect(error).toBeInstanceOf(APICallError);
    expect(error.isRetryable).toBe(true);
    expect(error.message).toBe('Rate limit for key [REDACTED]');
    for (const s of allStrings(parts)) expect(s).not.toContain(KEY);
  });

  it('abort mid-stream closes the connection', async () => {
    respond = trickle(sse([{ type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'm' } }]), (i) => sse([{ type: 'response.output_text.delta', item_id: 'm', delta: `t${i} ` }]));
    const { parts, text, socketClosed } = await abortAfterThreeDeltas(server, (abortSignal) =>
      streamText({ model: openai('gpt-4.1'), prompt: 'hi', abortSignal }));
    expect(parts.at(-1)).toEqual({ type: 'abort' });
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(3);
    expect(text).toHaveProperty('error');
    expect(socketClosed).toBe(true);
  });

});
