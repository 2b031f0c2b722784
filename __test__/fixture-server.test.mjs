// The test server itself: a missing fixture fails the request at once with the reason (it used
// to throw inside the request handler and leave every client waiting for its timeout).
import { describe, it, expect, afterAll } from 'vitest';
import { streamText, createOpenAICompatible, APICallError } from '../index.js';
import { startServer, sendSse, fixtureBody, fixturesDir, collect } from './helpers.mjs';

const server = await startServer((req, _b, res) => sendSse(res, fixtureBody('no-such-fixture.chunks.txt')));
afterAll(() => server.close());

describe('fixture server', () => {
  it('the project carries its fixtures', () => {
    expect(fixturesDir()).toMatch(/fixtures\/ai-sdk$/);
    expect(fixtureBody('openai__chat_openai-text.chunks.txt')).toContain('data: ');
  });

  it('a missing fixture is a 500 naming it, at once', async () => {
    const started = Date.now();
    const model = createOpenAICompatible({ name: 'l', baseURL: `${server.url}/v1` })('m');
    const parts = await collect(streamText({ model, prompt: 'hi', maxRetries: 0, onError: () => {} }).fullStream);
    const error = parts.find((p) => p.type === 'error').error;
    expect(error).toBeInstanceOf(APICallError);
    expect(error.statusCode).toBe(500);
    expect(error.responseBody).toMatch(/fixture no-such-fixture\.chunks\.txt not found/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
