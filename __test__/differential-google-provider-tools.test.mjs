// Gemini's own tools against ai@5 + @ai-sdk/google@2 on the same local server: the request's
// `tools` / `toolConfig` and warnings for google.tools.* (alone and mixed with function tools),
// grounding sources, code Gemini ran (a provider-executed call and result), generated images
// (file parts), and how those go back into the history.
import { describe, it, expect, afterAll } from 'vitest';
import * as ai from 'ai';
import { createGoogleGenerativeAI as aiGoogle } from '@ai-sdk/google';
import * as native from '../index.js';
import { startServer, sendSse, collect, normalizeForDiff } from './helpers.mjs';

const candidate = (parts, extra = {}) => ({ candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }] });
const USAGE = { usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 15 } };
const sse = (chunks) => chunks.map((c) => `data: ${JSON.stringify(c)}\r\n\r\n`).join('');

let body = '';
const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 61 }));
afterAll(() => server.close());

async function run(lib, createGoogle, modelId, options) {
  server.requests.length = 0;
  const provider = createGoogle({ baseURL: `${server.url}/v1beta`, apiKey: 'goog-diff' });
  const result = lib.streamText({ model: provider(modelId), onError: () => {}, ...options(provider) });
  const parts = await collect(result.fullStream);
  const settled = {};
  for (const k of ['text', 'finishReason', 'toolCalls', 'toolResults', 'sources', 'files', 'content', 'warnings']) {
    settled[k] = await result[k].then((v) => v, (e) => ({ rejected: e.name, message: e.message }));
  }
  settled.responseMessages = await result.response.then((r) => r.messages, (e) => ({ rejected: e.name }));
  return normalizeForDiff({ parts, settled, request: server.requests.at(-1)?.body }, { mapIds: true });
}

async function compare(chunks, modelId, options) {
  body = sse(chunks);
  const expected = await run(ai, aiGoogle, modelId, options);
  const actual = await run(native, native.createGoogleGenerativeAI, modelId, options);
  expect(actual.request).toEqual(expected.request);
  expect(actual.settled.warnings).toEqual(expected.settled.warnings);
  expect(actual.parts).toEqual(expected.parts);
  expect(actual.settled).toEqual(expected.settled);
  return actual;
}

const TEXT = [candidate([{ text: 'ok' }], { finishReason: 'STOP' }), USAGE];
const weather = (lib) => lib.tool({ description: 'Weather', inputSchema: lib.jsonSchema({ type: 'object', properties: { city: { type: 'string' } } }) });
const libOf = (provider) => (provider.tools === native.google.tools ? native : ai);

describe('Gemini provider-defined tools as @ai-sdk/google@2', () => {
  for (const modelId of ['gemini-2.5-flash', 'gemini-3-pro-preview', 'gemini-1.5-pro']) {
    it(`every google.tools factory alone (${modelId})`, () =>
      compare(TEXT, modelId, (p) => ({
        prompt: 'hi',
        tools: {
          google_search: p.tools.googleSearch({}), url_context: p.tools.urlContext({}), code_execution: p.tools.codeExecution({}),
          file_search: p.tools.fileSearch({ fileSearchStoreNames: ['stores/a'] }), google_maps: p.tools.googleMaps({}),
        },
      })));

    // Before Gemini 3 the function tools are dropped with a warning; Gemini 3 takes both.
    it(`google search mixed with a function tool (${modelId})`, () =>
      compare(TEXT, modelId, (p) => ({ prompt: 'hi', tools: { google_search: p.tools.googleSearch({}), weather: weather(libOf(p)) } })));
  }

  it('Gemini 3, both kinds and a required tool choice', () =>
    compare(TEXT, 'gemini-3-pro-preview', (p) => ({ prompt: 'hi', toolChoice: 'required', tools: { url_context: p.tools.urlContext({}), weather: weather(libOf(p)) } })));

  it('grounding chunks become url sources, each URL once', () =>
    compare([
      candidate([{ text: 'Per the news, ' }], { groundingMetadata: { webSearchQueries: ['news'], groundingChunks: [
        { web: { uri: 'https://a.example/1', title: 'A' } }, { web: { uri: 'https://b.example/2' } },
        { retrievedContext: { uri: 'gs://bucket/doc.pdf', title: 'Doc' } }, { retrievedContext: { uri: 'https://c.example', title: 'C' } },
      ] } }),
      candidate([{ text: 'it rained.' }], { finishReason: 'STOP', groundingMetadata: { groundingChunks: [
        { web: { uri: 'https://a.example/1', title: 'A' } }, { maps: { uri: 'https://maps.example/p', title: 'Place' } },
      ] } }),
      USAGE,
    ], 'gemini-2.5-flash', (p) => ({ prompt: 'news?', tools: { google_search: p.tools.googleSearch({}) } })));

  it('code Gemini ran is a provider-executed tool call with its result, and goes back as history', async () => {
    const chunks = [
      candidate([{ executableCode: { language: 'PYTHON', code: 'print(1+1)' } }]),
      candidate([{ codeExecutionResult: { outcome: 'OUTCOME_OK', output: '2\n' } }]),
      candidate([{ text: 'It is 2.' }], { finishReason: 'STOP' }),
      USAGE,
    ];
    const first = await compare(chunks, 'gemini-2.5-flash', (p) => ({ prompt: '1+1?', tools: { code_execution: p.tools.codeExecution({}) } }));
    expect(first.settled.toolResults[0]).toMatchObject({ providerExecuted: true, output: { outcome: 'OUTCOME_OK', output: '2\n' } });
    // The next call sends that turn back.
    const history = (lib) => ({ messages: [
      { role: 'user', content: '1+1?' },
      { role: 'assistant', content: [
        { type: 'tool-call', toolCallId: 'x1', toolName: 'code_execution', input: { language: 'PYTHON', code: 'print(1+1)' }, providerExecuted: true },
        { type: 'tool-result', toolCallId: 'x1', toolName: 'code_execution', output: { type: 'json', value: { outcome: 'OUTCOME_OK', output: '2\n' } }, providerExecuted: true },
        { type: 'text', text: 'It is 2.' },
      ] },
      { role: 'user', content: 'and 2+2?' },
    ] });
    await compare(TEXT, 'gemini-2.5-flash', (p) => ({ ...history(libOf(p)), tools: { code_execution: p.tools.codeExecution({}) } }));
  });

  it('generated images are file parts', () =>
    compare([
      candidate([{ text: 'Here:' }]),
      candidate([{ inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }], { finishReason: 'STOP' }),
      USAGE,
    ], 'gemini-2.5-flash-image', () => ({ prompt: 'draw' })));
});
