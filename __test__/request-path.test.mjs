// The request path of a long agent history: options serialised without a replacer (bytes found
// in image and file parts only), parsed off the main thread, and the request body kept in Rust
// until the app reads `request.body`.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createOpenAI as aiOpenAI } from '@ai-sdk/openai';
import { createGoogleGenerativeAI as aiGoogle } from '@ai-sdk/google';
import { streamText, generateText, createOpenAICompatible, createOpenAI, createGoogleGenerativeAI, jsonSchema, tool } from '../index.js';
import { messagesWithBase64Bytes } from '../lib/message-bytes.js';
import { startServer, sendSse, collect, openaiTextDeltasBody, fixtureBody } from './helpers.mjs';

const replies = [
  [/\/responses$/, fixtureBody('openai__responses_openai-phase.1.chunks.txt')],
  [/:streamGenerateContent/, fixtureBody('google__google-text.chunks.txt')],
];
const server = await startServer((req, body, res) => sendSse(res, replies.find(([route]) => route.test(req.url))?.[1] ?? openaiTextDeltasBody(['ok'])));
afterAll(() => server.close());

const KEY = 'sk-request-path-0123456789';
const local = createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: KEY, includeUsage: true });
const readFile = tool({ description: 'Reads a file', inputSchema: jsonSchema({ type: 'object', properties: { path: { type: 'string' } } }) });

/** An agent's history: `turns` of user ask, assistant tool call, 4 KB tool result. */
function history(turns) {
  const messages = [];
  for (let i = 0; i < turns; i++) {
    messages.push(
      { role: 'user', content: `read ${i}` },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: `c${i}`, toolName: 'readFile', input: { path: `f${i}` } }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: `c${i}`, toolName: 'readFile', output: { type: 'text', value: `${i}`.padEnd(4096, 'x') } }] },
    );
  }
  return messages;
}

describe('the request path', () => {
  it('start-step and the step carry the body the server received, read from Rust when asked for', async () => {
    const messages = [...history(100), { role: 'user', content: 'now fix it' }];
    const result = streamText({ model: local('m'), messages, tools: { readFile } });
    const parts = await collect(result.fullStream);
    const sent = server.requests.at(-1).body;
    expect(sent.messages).toHaveLength(1 + 100 * 3);
    const startStep = parts.find((p) => p.type === 'start-step');
    // Not parsed until read: the part holds an accessor, not the megabyte of history.
    expect(typeof Object.getOwnPropertyDescriptor(startStep.request, 'body').get).toBe('function');
    expect(startStep.request.body).toEqual(sent);
    const [step] = await result.steps;
    expect(step.request).toBe(startStep.request);
    expect(await result.request).toBe(startStep.request);
    // Read once, then a plain value (JSON.stringify of a step includes it; apps may replace it).
    expect(Object.getOwnPropertyDescriptor(step.request, 'body')).toMatchObject({ value: sent, writable: true, enumerable: true });
    expect(JSON.parse(JSON.stringify(step)).request.body).toEqual(sent);
    step.request.body = 'replaced';
    expect(step.request.body).toBe('replaced');
  });

  it('a history sent again goes out the same, and a message edited in place goes out edited', async () => {
    // Rust keeps each message's Chat Completions form by the hash of its JSON text
    // (crates/core/src/protocols/message_segments.rs): a changed text can never meet a stale form.
    const messages = [...history(30), { role: 'user', content: 'now fix it' }];
    const send = async () => {
      const parts = await collect(streamText({ model: local('m'), messages, tools: { readFile } }).fullStream);
      expect(parts.filter((p) => p.type === 'error')).toEqual([]);
      return JSON.stringify(server.requests.at(-1).body);
    };
    const first = await send();
    expect(await send()).toBe(first);
    messages[2].content[0].output.value = 'edited in place';
    messages[3].content = 'read zero, edited';
    const edited = JSON.parse(await send());
    expect(edited.messages[2]).toEqual({ role: 'tool', tool_call_id: 'c0', content: 'edited in place' });
    expect(edited.messages[3]).toEqual({ role: 'user', content: 'read zero, edited' });
    expect(edited.messages.slice(4)).toEqual(JSON.parse(first).messages.slice(4));
    // A message added (the loop's next step) goes out after the ones it had.
    messages.push({ role: 'assistant', content: 'done' });
    const grown = JSON.parse(await send());
    expect(grown.messages).toEqual([...edited.messages, { role: 'assistant', content: 'done' }]);
  });

  it('request.body is what ai@5 reports, from the kept segments too: Responses without stream, Gemini as text', async () => {
    const messages = [...history(3), { role: 'user', content: 'now fix it' }];
    const models = [
      [(lib) => (lib === ai ? aiOpenAI : createOpenAI)({ baseURL: `${server.url}/v1`, apiKey: 'k' }).responses('gpt-4o'), 'object'],
      [(lib) => (lib === ai ? aiGoogle : createGoogleGenerativeAI)({ baseURL: `${server.url}/v1beta`, apiKey: 'k' })('gemini-2.5-flash'), 'string'],
    ];
    for (const [model, kind] of models) {
      const expected = (await ai.streamText({ model: model(ai), messages, tools: { readFile } }).request).body;
      expect(typeof expected).toBe(kind);
      for (let i = 0; i < 2; i++) { // (the second time from kept segments)
        const result = streamText({ model: model(null), messages, tools: { readFile } });
        await collect(result.fullStream);
        expect((await result.request).body).toEqual(expected);
      }
    }
  });

  it('options cross into Rust intact in one copy: one- and two-byte strings, astral characters', async () => {
    for (const text of ['plain ascii', 'caf\u00e9 \u00ff', '\u4e2d\u6587 \u{1f600} \u00e9']) {
      await collect(streamText({ model: local('m'), messages: [{ role: 'user', content: text.repeat(1000) }] }).fullStream);
      expect(server.requests.at(-1).body.messages[0].content).toBe(text.repeat(1000));
    }
  });

  it('a string cut inside a character (lone surrogates) goes out with U+FFFD in their place, not as an error', async () => {
    // ai@5 sends JSON.stringify's "\ud800" escapes as they are; a Rust string cannot hold one.
    const cut = 'file \u{1f600}'.slice(0, -1); // 'file \ud83d'
    const result = streamText({ model: local('m'), messages: [{ role: 'user', content: `${cut} | lone \udfff low` }], onError: () => {} });
    const parts = await collect(result.fullStream);
    expect(parts.filter((p) => p.type === 'error')).toEqual([]);
    expect(server.requests.at(-1).body.messages[0].content).toBe('file \ufffd | lone \ufffd low');
  });

  it('a key the body holds is redacted in request.body', async () => {
    const result = await generateText({ model: local('m'), prompt: 'hi', providerOptions: { local: { user: KEY } } });
    expect(server.requests.at(-1).body.user).toBe(KEY);
    expect(result.request.body.user).toBe('[REDACTED]');
    expect(JSON.stringify(result.steps)).not.toContain(KEY);
  });

  it('bytes in image and file parts go as base64; the app\'s messages are not changed', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46]).buffer;
    const content = [
      { type: 'text', text: 'look' },
      { type: 'image', image: png, mediaType: 'image/png' },
      { type: 'file', data: pdf, mediaType: 'application/pdf', filename: 'a.pdf' },
    ];
    const messages = [{ role: 'user', content }];
    const converted = messagesWithBase64Bytes(messages);
    expect(converted[0].content.slice(1)).toEqual([
      { type: 'image', image: 'iVBORw==', mediaType: 'image/png' },
      { type: 'file', data: 'JVBERg==', mediaType: 'application/pdf', filename: 'a.pdf' },
    ]);
    expect(converted[0].content[0]).toBe(content[0]);
    expect(messages[0].content[1].image).toBe(png);
    expect(messages[0].content[2].data).toBe(pdf);
    expect(Buffer.from(Buffer.from('hi'))).toBeInstanceOf(Uint8Array);
    expect(messagesWithBase64Bytes([{ role: 'user', content: [{ type: 'image', image: Buffer.from('hi') }] }])[0].content[0].image).toBe('aGk=');
    // A history without bytes comes back as it is (no copy per step).
    const plain = history(3);
    expect(messagesWithBase64Bytes(plain)).toBe(plain);
    await collect(streamText({ model: local('m'), messages: [{ role: 'user', content: content.slice(0, 2) }] }).fullStream);
    expect(server.requests.at(-1).body.messages[0].content[1]).toEqual({ type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } });
  });

  it('options Rust cannot read end the stream with a typed error naming them', async () => {
    const messages = [{ role: 'user', content: [{ type: 'text', text: 5 }] }];
    const requests = server.requests.length;
    const parts = await collect(streamText({ model: local('m'), messages, onError: () => {} }).fullStream);
    const error = parts.find((p) => p.type === 'error')?.error;
    expect(error).toMatchObject({ name: 'AI_InvalidArgumentError', argument: 'options' });
    expect(error.message).toMatch(/^Invalid argument for parameter options: messages\[0\]: invalid type: integer `5`, expected a string/);
    await expect(generateText({ model: local('m'), messages })).rejects.toMatchObject({ name: 'AI_InvalidArgumentError' });
    expect(server.requests.length).toBe(requests);
  });
});
