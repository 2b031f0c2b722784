// Subscription logins against servers that behave like their real backends (issue 14, items 2–4):
// a ChatGPT login's requests reach a Codex-style Responses endpoint that rejects any request
// lacking what the real one needs; a Claude Pro/Max token goes with Claude Code's beta set; a
// Copilot token with current editor headers, the initiator and vision headers, a GitHub
// Enterprise API, and the models Copilot serves only through Responses sent there. The logins
// run their real flows (loopback redirect, device flow) against the same local servers.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import {
  streamText, createOpenAI, createAnthropic, configureAuth, logout, startOAuth, completeOAuth,
  startDeviceFlow, pollDeviceFlow, languageModelFromId, stepCountIs, tool, jsonSchema, createGitHubCopilot,
} from '../index.js';
import { startServer, sendSse, collect, anthropicTextDeltasBody, openaiTextDeltasBody } from './helpers.mjs';

configureAuth({ keychainService: `llm-native-subs-${process.pid}`, refreshSkewMs: 60_000 });

const json = (res, status, v) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(v)); };
const form = (text) => Object.fromEntries(new URLSearchParams(text));
const b64url = (v) => Buffer.from(JSON.stringify(v)).toString('base64url');
const jwt = (claims) => `${b64url({ alg: 'none' })}.${b64url(claims)}.sig`;
const event = (e) => `data: ${JSON.stringify(e)}\n\n`;

/** A Responses stream: reasoning (id + encrypted content), then a tool call, or a text answer. */
function responsesBody(kind) {
  const created = { type: 'response.created', response: { id: `resp_${kind}`, created_at: 1, model: 'gpt-5' } };
  const done = { type: 'response.completed', response: { id: `resp_${kind}`, usage: { input_tokens: 7, output_tokens: 3 } } };
  if (kind === 'tool') {
    const call = { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}' };
    return [
      created,
      { type: 'response.output_item.added', output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [] } },
      { type: 'response.output_item.done', output_index: 0, item: { type: 'reasoning', id: 'rs_1', summary: [], encrypted_content: 'enc-1' } },
      { type: 'response.output_item.added', output_index: 1, item: { ...call, arguments: '' } },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 1, delta: call.arguments },
      { type: 'response.output_item.done', output_index: 1, item: { ...call, status: 'completed' } },
      done,
    ].map(event).join('');
  }
  return [
    created,
    { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'msg_2', role: 'assistant', content: [] } },
    { type: 'response.output_text.delta', item_id: 'msg_2', output_index: 0, content_index: 0, delta: 'Sunny' },
    { type: 'response.output_item.done', output_index: 0, item: { type: 'message', id: 'msg_2', role: 'assistant', content: [{ type: 'output_text', text: 'Sunny' }] } },
    done,
  ].map(event).join('');
}

/** What the Codex backend refuses, as a list of reasons (empty: accepted). */
function codexRejects(req, body, token) {
  const why = [];
  const h = req.headers;
  if (req.url !== '/backend-api/codex/responses') why.push(`path ${req.url}`);
  if (h.authorization !== `Bearer ${token}`) why.push('authorization');
  if (h['chatgpt-account-id'] !== 'acct-123') why.push('chatgpt-account-id');
  if (h['openai-beta'] !== 'responses=experimental') why.push('openai-beta');
  if (h.originator !== 'codex_cli_rs') why.push('originator');
  if (body.store !== false) why.push('store');
  if (!body.include?.includes('reasoning.encrypted_content')) why.push('include');
  if (typeof body.instructions !== 'string' || body.instructions === '') why.push('instructions');
  if ('max_output_tokens' in body) why.push('max_output_tokens');
  if (body.stream !== true) why.push('stream');
  for (const item of body.input ?? []) {
    if (item.type === 'item_reference') why.push('item_reference');
    if ('id' in item) why.push(`item id ${item.id}`);
  }
  return why;
}

describe('ChatGPT login: the Codex subscription backend', () => {
  let server;
  let challenge;
  const access = jwt({ 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-123' }, n: process.pid });
  beforeAll(async () => {
    server = await startServer((req, body, res) => {
      if (req.url === '/oauth/token') {
        const p = form(body);
        if (p.code !== 'oc-1') return json(res, 400, { error: 'invalid_grant' });
        challenge = p.code_verifier;
        // The account is named by the id token's claims.
        return json(res, 200, {
          access_token: access, refresh_token: `rt-${process.pid}`, expires_in: 3600,
          id_token: jwt({ 'https://api.openai.com/auth': { chatgpt_account_id: 'acct-123' } }),
        });
      }
      const why = codexRejects(req, body, access);
      if (why.length > 0) return json(res, 400, { detail: `rejected: ${why.join(', ')}` });
      const followUp = body.input.some((i) => i.type === 'function_call_output');
      return sendSse(res, responsesBody(followUp ? 'text' : 'tool'));
    });
    configureAuth({
      oauth: { openai: { tokenUrl: `${server.url}/oauth/token`, redirectUri: 'http://127.0.0.1:0/auth/callback' } },
      chatgpt: { baseUrl: `${server.url}/backend-api/codex` },
    });
    const { url, state } = await startOAuth('openai');
    expect(new URL(url).searchParams.get('originator')).toBe('codex_cli_rs');
    const done = completeOAuth('openai', { state });
    const redirect = new URL(new URL(url).searchParams.get('redirect_uri'));
    expect((await fetch(`${redirect}?code=oc-1&state=${state}`)).status).toBe(200);
    await done;
    expect(challenge).toBeTruthy();
  });
  afterAll(async () => { await logout('openai'); await server.close(); });

  it('a two-step tool loop reaches the backend and every request is one it accepts', async () => {
    const model = createOpenAI({ oauth: true })('gpt-5');
    const result = streamText({
      model, system: 'be brief', prompt: 'Weather in Paris?', maxOutputTokens: 500, stopWhen: stepCountIs(3),
      tools: { weather: tool({ inputSchema: jsonSchema({ type: 'object', properties: { city: { type: 'string' } } }), execute: async () => '21°C' }) },
      onError: () => {},
    });
    const parts = await collect(result.fullStream);
    expect(parts.filter((p) => p.type === 'error')).toEqual([]);
    expect(await result.text).toBe('Sunny');
    const sent = server.requests.filter((r) => r.url.startsWith('/backend-api/'));
    expect(sent).toHaveLength(2);
    expect(sent[0].body.instructions).toBe('be brief');
    expect(sent[0].body.input.map((i) => i.role ?? i.type)).toEqual(['user']);
    // The second request carries the reasoning (encrypted, no id) and the call back.
    expect(sent[1].body.input.map((i) => i.role ?? i.type)).toEqual(['user', 'reasoning', 'function_call', 'function_call_output']);
    expect(sent[1].body.input[1].encrypted_content).toBe('enc-1');
    const warnings = parts.find((p) => p.type === 'start-step').warnings;
    expect(warnings).toContainEqual(expect.objectContaining({ type: 'unsupported-setting', setting: 'maxOutputTokens' }));
  });

  it('the backend rejects what the API accepts: without the login the same request fails there', async () => {
    const direct = createOpenAI({ baseURL: `${server.url}/backend-api/codex`, apiKey: 'sk-plain' })('gpt-5');
    const parts = await collect(streamText({ model: direct, prompt: 'x', maxRetries: 0, onError: () => {} }).fullStream);
    const error = parts.find((p) => p.type === 'error').error;
    expect(error.statusCode).toBe(400);
    expect(error.responseBody).toMatch(/chatgpt-account-id.*originator/);
  });

  it('Chat Completions with a ChatGPT login is a typed error naming the Responses API', async () => {
    const parts = await collect(streamText({ model: createOpenAI({ oauth: true }).chat('gpt-5'), prompt: 'x', onError: () => {} }).fullStream);
    const error = parts.find((p) => p.type === 'error').error;
    expect(error.name).toBe('AI_UnsupportedFunctionalityError');
    expect(error.message).toMatch(/Responses API/);
  });
});

describe('Claude Pro/Max login: the beta set', () => {
  let server;
  beforeAll(async () => {
    server = await startServer((req, body, res) => {
      if (req.url === '/oauth/token') return json(res, 200, { access_token: `cl-${process.pid}`, refresh_token: 'r', expires_in: 3600 });
      return sendSse(res, anthropicTextDeltasBody(['hello']));
    });
    configureAuth({ oauth: { anthropic: { tokenUrl: `${server.url}/oauth/token`, redirectUri: 'https://local.test/cb', authorizeUrl: 'https://local.test/authorize' } } });
    const { state } = await startOAuth('anthropic');
    await completeOAuth('anthropic', { code: `c#${state}`, state });
  });
  afterAll(async () => {
    configureAuth({ oauth: { anthropic: { betas: ['oauth-2025-04-20', 'claude-code-20250219', 'interleaved-thinking-2025-05-14', 'fine-grained-tool-streaming-2025-05-14'] } } });
    await logout('anthropic');
    await server.close();
  });
  const send = async (options = {}) => {
    const model = createAnthropic({ baseURL: `${server.url}/v1`, oauth: true })('claude-sonnet-4-5');
    await collect(streamText({ model, prompt: 'hi', ...options }).fullStream);
    return server.requests.at(-1).headers['anthropic-beta'];
  };

  it("Claude Code's betas, merged with the app's own", async () => {
    expect(await send()).toBe('oauth-2025-04-20,claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14');
    expect(await send({ headers: { 'anthropic-beta': 'my-beta,claude-code-20250219' } }))
      .toBe('my-beta,claude-code-20250219,oauth-2025-04-20,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14');
  });

  it('the set is configurable', async () => {
    configureAuth({ oauth: { anthropic: { betas: ['oauth-2025-04-20', 'next-beta'] } } });
    expect(await send()).toBe('oauth-2025-04-20,next-beta');
  });
});

describe('GitHub Copilot: headers, GitHub Enterprise, Responses per model', () => {
  let server;
  beforeAll(async () => {
    server = await startServer((req, body, res) => {
      if (req.url === '/ghe/login/device/code') return json(res, 200, { device_code: 'dc', user_code: 'U', verification_uri: 'https://ghe.test/login/device', expires_in: 900, interval: 0 });
      if (req.url === '/ghe/login/oauth/access_token') return json(res, 200, { access_token: `gho-${process.pid}` });
      if (req.url === '/api.ghe/copilot_internal/v2/token') return json(res, 200, { token: `cop-${process.pid}`, expires_at: Math.floor(Date.now() / 1000) + 1800 });
      if (req.url === '/copilot-api.ghe/chat/completions') return sendSse(res, openaiTextDeltasBody(['chat']));
      if (req.url === '/copilot-api.ghe/responses') return sendSse(res, responsesBody('text'));
      json(res, 404, { error: { message: `no ${req.url}` } });
    });
    // An Enterprise domain sets every endpoint; here they are pointed at the local server.
    configureAuth({
      oauth: {
        githubCopilot: {
          enterpriseDomain: 'ghe.test',
          deviceCodeUrl: `${server.url}/ghe/login/device/code`,
          accessTokenUrl: `${server.url}/ghe/login/oauth/access_token`,
          copilotTokenUrl: `${server.url}/api.ghe/copilot_internal/v2/token`,
          apiBaseUrl: `${server.url}/copilot-api.ghe`,
        },
      },
    });
    await startDeviceFlow('github-copilot');
    await pollDeviceFlow('github-copilot');
  });
  afterAll(async () => { await logout('github-copilot'); await server.close(); });

  const sent = (path) => server.requests.filter((r) => r.url === path).at(-1);

  it('a chat model goes to the Enterprise API with current editor headers and the initiator', async () => {
    const text = await streamText({ model: languageModelFromId('github-copilot/gpt-4.1'), prompt: 'hi' }).text;
    expect(text).toBe('chat');
    const r = sent('/copilot-api.ghe/chat/completions');
    expect(r.headers).toMatchObject({
      authorization: `Bearer cop-${process.pid}`, 'editor-version': 'vscode/1.105.1', 'editor-plugin-version': 'copilot-chat/0.35.0',
      'user-agent': 'GitHubCopilotChat/0.35.0', 'copilot-integration-id': 'vscode-chat', 'x-initiator': 'user', 'openai-intent': 'conversation-edits',
    });
    expect(r.headers['copilot-vision-request']).toBeUndefined();
  });

  it('a request with an image says so (Copilot-Vision-Request), and a continued turn is the agent’s', async () => {
    await streamText({
      model: languageModelFromId('github-copilot/gpt-4.1'),
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'what is this?' }, { type: 'image', image: 'iVBORw0KGgo=', mediaType: 'image/png' }] },
        { role: 'assistant', content: 'a pixel' },
        { role: 'user', content: [{ type: 'text', text: 'sure?' }] },
        { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 'look', input: {} }] },
        { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c1', toolName: 'look', output: { type: 'text', value: 'yes' } }] },
      ],
    }).text;
    const r = sent('/copilot-api.ghe/chat/completions');
    expect(r.headers['copilot-vision-request']).toBe('true');
    expect(r.headers['x-initiator']).toBe('agent');
  });

  it('createGitHubCopilot and the other spellings of the id reach the same API', async () => {
    expect(await streamText({ model: createGitHubCopilot()('gpt-4.1'), prompt: 'hi' }).text).toBe('chat');
    expect(await streamText({ model: createGitHubCopilot()('gpt-5.4'), prompt: 'hi' }).text).toBe('Sunny');
    expect(await streamText({ model: languageModelFromId('github_copilot/gpt-4.1'), prompt: 'hi' }).text).toBe('chat');
    expect(await streamText({ model: languageModelFromId('githubCopilot/gpt-4.1'), prompt: 'hi' }).text).toBe('chat');
  });

  it('a model Copilot serves only through Responses goes to /responses (from the catalogue)', async () => {
    const text = await streamText({ model: languageModelFromId('github-copilot/gpt-5.2-codex'), prompt: 'hi' }).text;
    expect(text).toBe('Sunny');
    const r = sent('/copilot-api.ghe/responses');
    expect(r.body.model).toBe('gpt-5.2-codex');
    expect(r.headers['editor-version']).toBe('vscode/1.105.1');
    expect(r.headers['x-initiator']).toBe('user');
  });
});

describe("Qwen Code login: the CLI's credentials file", () => {
  let server;
  let file;
  beforeAll(async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    server = await startServer((req, body, res) => {
      if (req.url === '/oauth2/token') {
        const p = form(body);
        if (p.grant_type !== 'refresh_token' || p.refresh_token !== 'qr-1' || p.client_id !== 'f0304373b74a44d2b584a3fb70ca9e56') return json(res, 400, { error: 'invalid_grant' });
        return json(res, 200, { access_token: `qa-2-${process.pid}`, refresh_token: 'qr-2', expires_in: 3600, token_type: 'Bearer' });
      }
      if (req.url === '/qwen/v1/chat/completions') {
        if (req.headers.authorization !== `Bearer qa-2-${process.pid}`) return json(res, 401, { error: { message: 'expired' } });
        return sendSse(res, openaiTextDeltasBody(['qwen']));
      }
      json(res, 404, {});
    });
    file = join(mkdtempSync(join(tmpdir(), 'llm-native-qwen-')), 'oauth_creds.json');
    // Expired: the first request refreshes it. The API host is the account's resource_url.
    writeFileSync(file, JSON.stringify({
      access_token: 'qa-1', refresh_token: 'qr-1', token_type: 'Bearer', expiry_date: Date.now() - 1000,
      resource_url: `${server.url}/qwen`, cli_field: 'kept',
    }));
    configureAuth({ oauth: { qwenCode: { credentialsFile: file, tokenUrl: `${server.url}/oauth2/token` } } });
  });
  afterAll(() => server.close());

  it('refreshes the expired session, writes it back, and sends to the account API', async () => {
    const { readFileSync } = await import('node:fs');
    const text = await streamText({ model: languageModelFromId('qwen-code/qwen3-coder-plus'), prompt: 'hi' }).text;
    expect(text).toBe('qwen');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved).toMatchObject({ access_token: `qa-2-${process.pid}`, refresh_token: 'qr-2', resource_url: `${server.url}/qwen`, cli_field: 'kept' });
    expect(saved.expiry_date).toBeGreaterThan(Date.now() + 3_000_000);
    expect(server.requests.filter((r) => r.url === '/oauth2/token')).toHaveLength(1);
  });

  it('the login is the CLI’s: startOAuth says so, logout leaves the file', async () => {
    const { existsSync } = await import('node:fs');
    await expect(startOAuth('qwen-code')).rejects.toThrow(/Qwen Code CLI/);
    expect(await logout('qwen-code')).toBe(false);
    expect(existsSync(file)).toBe(true);
  });
});
