// The factories apps import from the AI SDK ecosystem's vendor packages (issue 14, item 7):
// `createDeepSeek` (@ai-sdk/deepseek), `createOpenRouter` (@openrouter/ai-sdk-provider),
// `createGateway` (@ai-sdk/gateway, through the Gateway's OpenAI-compatible API). Each sends
// Chat Completions with its key and headers to its base URL (here a 127.0.0.1 server).
import { describe, it, expect, afterAll, beforeEach } from 'vitest';
import { streamText, createDeepSeek, createOpenRouter, createGateway } from '../index.js';
import { startServer, sendSse, openaiTextDeltasBody } from './helpers.mjs';

const server = await startServer((req, _b, res) => sendSse(res, openaiTextDeltasBody(['ok'])));
afterAll(() => server.close());
beforeEach(() => { server.requests.length = 0; });

const send = async (model) => {
  const result = streamText({ model, prompt: 'hi' });
  const text = await result.text;
  return { text, request: server.requests.at(-1), response: await result.response };
};

describe('vendor factories', () => {
  it('createDeepSeek: deepseek.chat, bearer key, usage in the stream', async () => {
    const model = createDeepSeek({ baseURL: `${server.url}/v1`, apiKey: 'sk-ds' })('deepseek-chat');
    expect(model.provider).toBe('deepseek.chat');
    const { text, request } = await send(model);
    expect(text).toBe('ok');
    expect(request).toMatchObject({ url: '/v1/chat/completions', headers: { authorization: 'Bearer sk-ds' } });
    expect(request.body).toMatchObject({ model: 'deepseek-chat', stream: true, stream_options: { include_usage: true } });
  });

  it('createDeepSeek reads DEEPSEEK_API_KEY when no key is given', async () => {
    process.env.DEEPSEEK_API_KEY = 'sk-from-env';
    try {
      const { request } = await send(createDeepSeek({ baseURL: `${server.url}/v1`, credentialProviderId: false })('deepseek-reasoner'));
      expect(request.headers.authorization).toBe('Bearer sk-from-env');
    } finally {
      delete process.env.DEEPSEEK_API_KEY;
    }
  });

  it('createOpenRouter: openrouter.chat, the attribution headers from appUrl / appName', async () => {
    const openrouter = createOpenRouter({ baseURL: `${server.url}/api/v1`, apiKey: 'sk-or', appUrl: 'https://app.test', appName: 'My App' });
    expect(openrouter.chat('anthropic/claude-sonnet-4.5').provider).toBe('openrouter.chat');
    const { request } = await send(openrouter('anthropic/claude-sonnet-4.5'));
    expect(request).toMatchObject({
      url: '/api/v1/chat/completions',
      headers: { authorization: 'Bearer sk-or', 'http-referer': 'https://app.test', 'x-title': 'My App' },
      body: { model: 'anthropic/claude-sonnet-4.5' },
    });
  });

  it('createGateway: provider/model ids to the Gateway API with its key', async () => {
    const { request } = await send(createGateway({ baseURL: `${server.url}/v1`, apiKey: 'gw-key' })('openai/gpt-5'));
    expect(request).toMatchObject({ url: '/v1/chat/completions', headers: { authorization: 'Bearer gw-key' }, body: { model: 'openai/gpt-5' } });
  });

  it('bad settings are typed errors', () => {
    expect(() => createOpenRouter({ appName: 42 })).toThrow(expect.objectContaining({ name: 'AI_InvalidArgumentError' }));
    expect(() => createDeepSeek('nope')).toThrow(expect.objectContaining({ name: 'AI_InvalidArgumentError' }));
  });
});
