// Google Gemini end to end over a local server speaking `:streamGenerateContent?alt=sse`.
import { describe, it, expect, afterAll } from 'vitest';
import { streamText, createGoogleGenerativeAI, APICallError } from '../index.js';
import { startServer, fixtureBody, sendSse, collect, settle, allStrings, abortAfterThreeDeltas, trickle } from './helpers.mjs';

const KEY = 'goog-SECRET-5555';
let respond;
const server = await startServer((req, body, res) => respond(req, body, res));
afterAll(() => server.close());
const google = createGoogleGenerativeAI({ baseURL: `${server.url}/v1beta`, apiKey: KEY });
const sse = (events) => events.map((e) => `data: ${JSON.stringify(e)}\n\n`).join('');

describe('Google Gemini', () => {
  it('streams text; the URL, key header and body are Gemini\'s', async () => {
    respond = (req, _b, res) => sendSse(res, fixtureBody('google__google-text.chunks.txt'), { chunkSize: 40 });
    const result = streamText({ model: google('gemini-3-pro-preview'), system: 'be brief', prompt: 'How many r in strawberry?' });
    const parts = await collect(result.fullStream);
    expect(parts.map((p) => p.type)).toEqual(['start', 'start-step', 'text-start', 'text-delta', 'text-delta', 'text-delta', 'text-end', 'finish-step', 'finish']);
    expect(await result.text).toBe('There are **3** "r"s in strawberry.\n\nst**r**awbe**rr**y');
    expect(await result.usage).toEqual({ inputTokens: 9, outputTokens: 23, totalTokens: 217, reasoningTokens: 185 });
    const seen = server.requests.at(-1);
    expect(seen.url).toBe('/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse');
    expect(seen.headers['x-goog-api-key']).toBe(KEY);
    expect(seen.body.systemInstruction).toEqual({ parts: [{ text: 'be brief' }] });
    expect(seen.body.contents).toEqual([{ role: 'user', parts: [{ text: 'How many r in strawberry?' }] }]);
  });

  it('thought signatures round-trip: turn 2 sends turn 1\'s signed function call back', async () => {
    respond = (req, _b, res) => sendSse(res, fixtureBody('google__google-tool-call.chunks.txt'));
    const tools = { weather: { description: 'weather', inputSchema: { type: 'object', properties: { location: { type: 'string' } } } } };
    const first = streamText({ model: google('gemini-3-pro-preview'), prompt: 'Weather in SF?', tools });
    const calls = await first.toolCalls;
    expect(calls).toHaveLength(1);
    const signature = calls[0].providerMetadata.google.thoughtSignature;
    expect(signature).toMatch(/^EqUCCqICAb4\+9vsh8Pd5taZVoPzSvjWW/);
    const { messages } = await first.response;
    expect(messages[0].content[0]).toMatchObject({ type: 'tool-call', toolName: 'weather', providerOptions: { google: { thoughtSignature: signature } } });

    respond = (req, _b, res) => sendSse(res, fixtureBody('google__google-text.chunks.txt'));
    const history = [
      { role: 'user', content: 'Weather in SF?' },
      ...messages.filter((m) => m.role === 'assistant'),
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: calls[0].toolCallId, toolName: 'weather', output: { type: 'json', value: { temp: 18 } } }] },
    ];
    await streamText({ model: google('gemini-3-pro-preview'), messages: history, tools }).consumeStream();
    const sent = server.requests.at(-1).body.contents;
    expect(sent[1]).toEqual({ role: 'model', parts: [{
      functionCall: { id: calls[0].toolCallId, name: 'weather', args: { location: 'San Francisco' } },
      thoughtSignature: signature,
    }] });
    expect(sent[2].parts[0].functionResponse.response).toEqual({ name: 'weather', content: { temp: 18 } });
  });

  it('a safety block is a content-filter finish with the ratings in providerMetadata', async () => {
    respond = (req, _b, res) => sendSse(res, sse([{
      candidates: [{ content: { parts: [{ text: 'I ' }] }, finishReason: 'SAFETY',
        safetyRatings: [{ category: 'HARM_CATEGORY_DANGEROUS_CONTENT', probability: 'HIGH', blocked: true }] }],
    }]));
    const result = streamText({ model: google('gemini-2.5-flash'), prompt: 'something risky' });
    expect(await result.finishReason).toBe('content-filter');
    expect((await result.providerMetadata).google.safetyRatings[0]).toMatchObject({ probability: 'HIGH', blocked: true });
  });

  it('an HTTP error body becomes an APICallError with Google\'s message and no key', async () => {
    respond = (req, _b, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 400, message: `API key not valid: ${KEY}`, status: 'INVALID_ARGUMENT' } }));
    };
    const parts = await collect(streamText({ model: google('gemini-2.5-flash'), prompt: 'hi', onError: () => {} }).fullStream);
    const error = parts.at(-1).error;
    expect(error).toBeInstanceOf(APICallError);
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe('API key not valid: [REDACTED]');
    for (const s of allStrings(parts)) expect(s).not.toContain(KEY);
  });

  it('abort mid-stream closes the connection', async () => {
    respond = trickle('', (i) => sse([{ candidates: [{ content: { parts: [{ text: `t${i} ` }] } }] }]));
    const { parts, text, socketClosed } = await abortAfterThreeDeltas(server, (abortSignal) =>
      streamText({ model: google('gemini-2.5-flash'), prompt: 'hi', abortSignal }));
    expect(parts.at(-1)).toEqual({ type: 'abort' });
    expect(parts.filter((p) => p.type === 'text-delta')).toHaveLength(3);
    expect(text).toHaveProperty('error');
    expect(socketClosed).toBe(true);
  });

});
