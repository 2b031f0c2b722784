// Credentials end to end: keys in a real OS keychain (gnome-keyring's Secret Service on a private
// D-Bus, see scripts/with-keyring.sh), OAuth logins against local OAuth servers started here, and
// requests that carry what was stored. Every secret used is checked against every error and log line.
import { describe, it, expect, beforeAll, afterAll, afterEach } from 'vitest';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  streamText, createOpenAI, createOpenAICompatible, createAnthropic, configureAuth, setApiKey, hasApiKey,
  deleteApiKey, authStatus, hasOAuth, logout, startOAuth, completeOAuth, startDeviceFlow, pollDeviceFlow,
  AuthError, LoadAPIKeyError, APICallError, configure, registerProvider, listProviders,
} from '../index.js';
import { startServer, sendSse, collect, allStrings, openaiTextDeltasBody, anthropicTextDeltasBody } from './helpers.mjs';

const SECRETS = new Set();
const secret = (s) => { SECRETS.add(s); return s; };
const seen = []; // every error, part and log line, searched for secrets at the end
const s256 = (v) => createHash('sha256').update(v).digest('base64url');
const form = (text) => Object.fromEntries(new URLSearchParams(text));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-auth-'));
const baseConfig = { keychainService: `llm-native-test-${process.pid}`, fallbackStore: 'none', refreshSkewMs: 60_000 };
const restoreLogs = [];
configureAuth(baseConfig);
const probe = await hasApiKey('probe').then(() => true, (e) => e);
const keychain = probe === true;

async function run(model, prompt = 'hi') {
  const parts = await collect(streamText({ model, prompt, maxRetries: 0, onError: () => {} }).fullStream);
  seen.push(parts);
  const error = parts.find((p) => p.type === 'error')?.error;
  const text = parts.filter((p) => p.type === 'text-delta').map((p) => p.text).join('');
  return { parts, error, text };
}

async function rejection(promise) {
  try { await promise; } catch (e) { seen.push(e); return e; }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = (chunk, ...rest) => { seen.push(String(chunk)); return write(chunk, ...rest); };
    restoreLogs.push(() => { stream.write = write; });
  }
  if (!keychain) {
    if (process.env.LLM_NATIVE_REQUIRE_KEYRING === '1') throw new Error(`no keychain reachable: ${probe.message}`);
    // No Secret Service here (run through scripts/with-keyring.sh for one): the OAuth tests use the file store.
    console.warn('auth.test: no OS keychain reachable; keychain tests skipped, OAuth tests use the file store');
    configureAuth({ fallbackStore: 'file', configDir: tmp });
  }
});

afterAll(() => {
  for (const restore of restoreLogs) restore();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('API keys in the keychain', () => {
  it.runIf(keychain)('set / has / delete, and no function returns the key', async () => {
    const key = secret('sk-kc-set-0123456789');
    expect(await hasApiKey('kc-set')).toBe(false);
    expect(await setApiKey('kc-set', key)).toBeUndefined();
    expect(await hasApiKey('kc-set')).toBe(true);
    const status = await authStatus('kc-set');
    expect(status).toEqual({ providerId: 'kc-set', apiKey: true, oauth: false });
    expect(await deleteApiKey('kc-set')).toBe(true);
    expect(await deleteApiKey('kc-set')).toBe(false);
    expect(await hasApiKey('kc-set')).toBe(false);
    const bad = await rejection(setApiKey('not a valid id!', key));
    expect(bad.name).toBe('AI_InvalidArgumentError');
  });

  it.runIf(keychain)('a stream authenticates with the stored key', async () => {
    const key = secret('sk-kc-stream-0123456789');
    await setApiKey('kc-stream', key);
    const server = await startServer((req, _b, res) => sendSse(res, openaiTextDeltasBody(['ok'])));
    const provider = createOpenAICompatible({ name: 'kc', baseURL: server.url, credentialProviderId: 'kc-stream' });
    const { text, error } = await run(provider('m'));
    expect(error).toBeUndefined();
    expect(text).toBe('ok');
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${key}`);
    await deleteApiKey('kc-stream');
    await server.close();
  });

  it.runIf(keychain)('a string model id of a registry provider takes its key from the keychain, and lists as having credentials', async () => {
    const key = secret('sk-kc-registry-0123456789');
    const server = await startServer((req, _b, res) => sendSse(res, openaiTextDeltasBody(['reg'])));
    configure({ configDir: fs.mkdtempSync(path.join(tmp, 'registry-')) });
    await registerProvider({ id: 'kcreg', name: 'KC Registry', baseURL: server.url, apiKeyEnvVar: 'KCREG_TEST_KEY' });
    delete process.env.KCREG_TEST_KEY;
    expect(listProviders().find((p) => p.id === 'kcreg').hasCredentials).toBe(false);
    await setApiKey('kcreg', key);
    expect(listProviders().find((p) => p.id === 'kcreg').hasCredentials).toBe(true);
    const { text, error } = await run('kcreg/some-model');
    expect(error).toBeUndefined();
    expect(text).toBe('reg');
    expect(server.requests[0].headers.authorization).toBe(`Bearer ${key}`);
    expect(server.requests[0].body.model).toBe('some-model');
    await deleteApiKey('kcreg');
    await server.close();
  });

  it.runIf(keychain)('lookup order: explicit key, then keychain, then env var', async () => {
    const [explicit, stored, env] = ['sk-order-explicit-1', 'sk-order-keychain-1', 'sk-order-env-1'].map(secret);
    const server = await startServer((req, _b, res) => sendSse(res, openaiTextDeltasBody(['x'])));
    process.env.OPENAI_API_KEY = env;
    await setApiKey('order', stored);
    const withKey = createOpenAI({ baseURL: server.url, apiKey: explicit, credentialProviderId: 'order' });
    const fromStore = createOpenAI({ baseURL: server.url, credentialProviderId: 'order' });
    await run(withKey.chat('gpt'));
    await run(fromStore.chat('gpt'));
    await deleteApiKey('order');
    await run(fromStore.chat('gpt')); // resolved per request: the env var now
    delete process.env.OPENAI_API_KEY;
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${explicit}`, `Bearer ${stored}`, `Bearer ${env}`]);
    await server.close();
  });

  it.runIf(keychain)('a stored key is read once for a run of requests: changed here, at once; by another process, after its 401', async () => {
    const [k1, k2, k3] = ['sk-recent-first-1', 'sk-recent-other-process-2', 'sk-recent-here-3'].map(secret);
    let accepted = k1;
    const server = await startServer((req, _b, res) => {
      if (req.headers.authorization === `Bearer ${accepted}`) return sendSse(res, openaiTextDeltasBody(['ok']));
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }));
    });
    const model = createOpenAI({ baseURL: server.url, credentialProviderId: 'recent' }).chat('gpt');
    await setApiKey('recent', k1);
    expect((await run(model)).text).toBe('ok');
    // Another process replaces the key: this one still sends the one it read, and after the 401
    // reads the keychain again and sends the new key.
    const child = spawnSync(process.execPath, ['-e', `
      const m = require(${JSON.stringify(path.resolve('index.js'))});
      m.configureAuth(${JSON.stringify(baseConfig)});
      m.setApiKey('recent', require('fs').readFileSync(0, 'utf8')).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });
    `], { input: k2, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    accepted = k2;
    expect(await run(model)).toMatchObject({ error: undefined, text: 'ok' });
    // A key set in this process is sent at once.
    await setApiKey('recent', k3);
    accepted = k3;
    expect((await run(model)).text).toBe('ok');
    // A key the store still has is not sent twice: the 401 is the call's error.
    accepted = null;
    const { error } = await run(model);
    expect(APICallError.isInstance(error)).toBe(true);
    expect(error.statusCode).toBe(401);
    expect(server.requests.map((r) => r.headers.authorization)).toEqual([k1, k1, k2, k3, k3].map((k) => `Bearer ${k}`));
    await deleteApiKey('recent');
    await server.close();
  });

  it('a missing key is a LoadAPIKeyError naming the provider, its id and the env var', async () => {
    delete process.env.ANTHROPIC_API_KEY;
    const provider = createAnthropic({ baseURL: 'http://127.0.0.1:9/v1', credentialProviderId: 'nokey' });
    const { error } = await run(provider('claude'));
    expect(error).toBeInstanceOf(LoadAPIKeyError);
    expect(error.message).toMatch(/^Anthropic API key is missing\. Pass it using the 'apiKey' parameter or the ANTHROPIC_API_KEY environment variable, or store one for 'nokey'/);
  });

  it.runIf(keychain)('a key echoed back by the server is redacted', async () => {
    const key = secret('sk-kc-echo-0123456789');
    await setApiKey('kc-echo', key);
    const server = await startServer((req, _b, res) => {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { message: `Incorrect API key provided: ${req.headers.authorization}` } }));
    });
    const provider = createOpenAICompatible({ name: 'kc', baseURL: server.url, credentialProviderId: 'kc-echo' });
    const { error } = await run(provider('m'));
    expect(error).toBeInstanceOf(APICallError);
    expect(error.message).toBe('Incorrect API key provided: Bearer [REDACTED]');
    expect(error.responseBody).toContain('[REDACTED]');
    await deleteApiKey('kc-echo');
    await server.close();
  });

  it('no reachable keychain: a clear error, and the opt-in 0600 file store', () => {
    // libdbus reads the bus address once per process, so this runs in a child without a bus.
    const dir = path.join(tmp, 'cfg');
    const script = `
      const a = require(${JSON.stringify(path.resolve('index.js'))});
      (async () => {
        const out = {};
        try { await a.setApiKey('file-test', 'sk-file-0123456789'); } catch (e) { out.error = { name: e.name, reason: e.reason, message: e.message }; }
        a.configureAuth({ fallbackStore: 'file', configDir: ${JSON.stringify(dir)} });
        await a.setApiKey('file-test', 'sk-file-0123456789');
        out.has = await a.hasApiKey('file-test');
        console.log(JSON.stringify(out));
      })();`;
    const child = spawnSync(process.execPath, ['-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(tmp, 'no-bus')}` }, encoding: 'utf8',
    });
    seen.push(child.stdout, child.stderr);
    expect(child.status).toBe(0);
    const out = JSON.parse(child.stdout);
    if (process.platform === 'linux') {
      expect(out.error.name).toBe('AI_AuthError');
      expect(out.error.reason).toBe('keychain-unavailable');
      expect(out.error.message).toMatch(/^No OS keychain is reachable \(.*\)\. Start a Secret Service .*fallbackStore: 'file', configDir/);
    }
    expect(out.has).toBe(true);
    const file = path.join(dir, 'credentials.json');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ version: 1, entries: { 'api-key:file-test': 'sk-file-0123456789' } });
    // The temp file was renamed over it (the lock file stays, empty).
    expect(fs.readdirSync(dir).sort()).toEqual(['.credentials.json.lock', 'credentials.json']);
  });
});

/** A local Anthropic: OAuth token endpoint plus /v1/messages that accepts only current tokens. */
async function anthropicServer() {
  const state = { issued: 0, refreshes: 0, valid: new Set(), reject: new Set(), revoked: false, challenge: null, expiresIn: 3600 };
  const issue = () => {
    state.issued += 1;
    const t = { access_token: secret(`at-${state.issued}-${process.pid}`), refresh_token: secret(`rt-${state.issued}-${process.pid}`), expires_in: state.expiresIn };
    state.valid.add(t.access_token);
    state.refresh = t.refresh_token;
    return t;
  };
  const server = await startServer(async (req, body, res) => {
    const json = (status, v) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(v)); };
    if (req.url === '/oauth/token') {
      if (body.grant_type === 'authorization_code') {
        if (body.code !== 'good-code') return json(400, { error: 'invalid_grant', error_description: 'Invalid or expired authorization code' });
        if (s256(body.code_verifier) !== state.challenge) return json(400, { error: 'invalid_grant', error_description: 'bad verifier' });
        if (body.client_id !== 'test-client' || body.redirect_uri !== 'https://local.test/callback' || !body.state) return json(400, { error: 'invalid_request' });
        return json(200, issue());
      }
      if (body.grant_type === 'refresh_token') {
        state.refreshes += 1;
        await sleep(50); // a slow endpoint widens the window for a stampede
        if (state.revoked || body.refresh_token !== state.refresh) return json(400, { error: 'invalid_grant', error_description: 'Refresh token revoked' });
        return json(200, issue());
      }
    }
    if (req.url === '/v1/messages') {
      const token = (req.headers.authorization ?? '').replace('Bearer ', '');
      if (!state.valid.has(token) || state.reject.has(token) || req.headers['x-api-key']) {
        return json(401, { type: 'error', error: { type: 'authentication_error', message: `invalid token ${token}` } });
      }
      return sendSse(res, anthropicTextDeltasBody(['hello']));
    }
    json(404, {});
  });
  configureAuth({ oauth: { anthropic: { clientId: 'test-client', tokenUrl: `${server.url}/oauth/token`, redirectUri: 'https://local.test/callback', authorizeUrl: 'https://local.test/authorize' } } });
  return { server, state };
}

async function anthropicLogin(a) {
  const { url, state } = await startOAuth('anthropic');
  const q = new URL(url).searchParams;
  expect(q.get('code_challenge_method')).toBe('S256');
  expect(q.get('state')).toBe(state);
  a.state.challenge = q.get('code_challenge');
  return completeOAuth('anthropic', { code: `good-code#${state}`, state });
}

describe('Anthropic OAuth (Claude Pro/Max)', () => {
  let a;
  beforeAll(async () => { a = await anthropicServer(); });
  afterAll(() => a.server.close());
  afterEach(() => logout('anthropic'));
  const claude = () => createAnthropic({ baseURL: `${a.server.url}/v1`, oauth: true })('claude-sonnet-4-5');

  it('PKCE login, then requests carry the bearer token and the OAuth beta, no x-api-key', async () => {
    const status = await anthropicLogin(a);
    expect(status.oauth).toBe(true);
    expect(status.expiresAt).toBeGreaterThan(Date.now() + 3_000_000);
    expect(await hasOAuth('anthropic')).toBe(true);
    const before = a.server.requests.length;
    const { text, error } = await run(claude());
    expect(error).toBeUndefined();
    expect(text).toBe('hello');
    const sent = a.server.requests.slice(before).find((r) => r.url === '/v1/messages');
    expect(sent.headers.authorization).toBe(`Bearer at-${a.state.issued}-${process.pid}`);
    expect(sent.headers['anthropic-beta']).toBe('oauth-2025-04-20,claude-code-20250219,interleaved-thinking-2025-05-14,fine-grained-tool-streaming-2025-05-14');
    expect(sent.headers['x-api-key']).toBeUndefined();
  });

  it('a wrong or unknown state is refused', async () => {
    const { state } = await startOAuth('anthropic');
    const e1 = await rejection(completeOAuth('anthropic', { code: 'good-code#forged', state }));
    expect(e1.reason).toBe('state-mismatch');
    const e2 = await rejection(completeOAuth('anthropic', { code: 'good-code', state: 'never-issued' }));
    expect(e2).toBeInstanceOf(AuthError);
    expect(e2.reason).toBe('state-mismatch');
    expect(await hasOAuth('anthropic')).toBe(false);
  });

  it('an expired code is a clear error', async () => {
    const { url, state } = await startOAuth('anthropic');
    a.state.challenge = new URL(url).searchParams.get('code_challenge');
    const e = await rejection(completeOAuth('anthropic', { code: 'stale-code', state }));
    expect(e.reason).toBe('oauth');
    expect(e.message).toBe('anthropic OAuth error: the authorization code is invalid or has expired (Invalid or expired authorization code); start the login again');
  });

  it('refreshes before expiry, saving the rotated refresh token', async () => {
    a.state.expiresIn = 30; // inside the 60 s skew: due for refresh at once
    await anthropicLogin(a);
    const refreshes = a.state.refreshes;
    await run(claude());
    await run(claude()); // the second refresh must use the rotated refresh token
    a.state.expiresIn = 3600;
    expect(a.state.refreshes - refreshes).toBe(2);
    const last = a.server.requests.filter((r) => r.url === '/v1/messages').at(-1);
    expect(last.headers.authorization).toBe(`Bearer at-${a.state.issued}-${process.pid}`);
  });

  it('a 401 refreshes once and retries; a second 401 is returned', async () => {
    await anthropicLogin(a);
    a.state.reject.add(`at-${a.state.issued}-${process.pid}`);
    const refreshes = a.state.refreshes;
    const { text, error } = await run(claude());
    expect(error).toBeUndefined();
    expect(text).toBe('hello');
    expect(a.state.refreshes - refreshes).toBe(1);
    a.state.reject.add(`at-${a.state.issued + 1}-${process.pid}`); // the next refresh's token is refused too
    a.state.reject.add(`at-${a.state.issued}-${process.pid}`);
    const again = await run(claude());
    expect(again.error).toBeInstanceOf(APICallError);
    expect(again.error.statusCode).toBe(401);
    expect(again.error.message).toBe('invalid token [REDACTED]');
    expect(a.state.refreshes - refreshes).toBe(2);
  });

  it('a revoked refresh token: clear error, session cleared', async () => {
    a.state.expiresIn = 1;
    await anthropicLogin(a);
    a.state.expiresIn = 3600;
    a.state.revoked = true;
    const { error } = await run(claude());
    a.state.revoked = false;
    expect(error).toBeInstanceOf(LoadAPIKeyError);
    expect(error.message).toBe('anthropic: the refresh token was revoked or has expired. Log in again (llm-native login anthropic).');
    expect(await hasOAuth('anthropic')).toBe(false);
  });

  it('20 concurrent requests with an expired token share one refresh', async () => {
    a.state.expiresIn = 1;
    await anthropicLogin(a);
    a.state.expiresIn = 3600;
    const refreshes = a.state.refreshes;
    const results = await Promise.all(Array.from({ length: 20 }, () => run(claude())));
    expect(results.map((r) => r.error)).toEqual(Array(20).fill(undefined));
    expect(a.state.refreshes - refreshes).toBe(1);
  });
});

describe('OpenAI OAuth (ChatGPT) with a loopback listener', () => {
  let server;
  let challenge;
  beforeAll(async () => {
    server = await startServer((req, body, res) => {
      const json = (status, v) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(v)); };
      if (req.url === '/oauth/token') {
        const p = form(body);
        if (p.grant_type !== 'authorization_code' || p.code !== 'oc-1' || s256(p.code_verifier) !== challenge) return json(400, { error: 'invalid_grant' });
        return json(200, { access_token: secret(`oa-access-${process.pid}`), refresh_token: secret(`oa-refresh-${process.pid}`), id_token: 'x.y.z', expires_in: 3600 });
      }
      if (req.url === '/codex/responses') {
        if (req.headers.authorization !== `Bearer oa-access-${process.pid}`) return json(401, { error: { message: 'no' } });
        const event = (e) => `data: ${JSON.stringify(e)}\n\n`;
        return sendSse(res, [
          { type: 'response.created', response: { id: 'r', created_at: 1, model: 'gpt-5' } },
          { type: 'response.output_item.added', output_index: 0, item: { type: 'message', id: 'm', role: 'assistant', content: [] } },
          { type: 'response.output_text.delta', item_id: 'm', output_index: 0, content_index: 0, delta: 'chatgpt' },
          { type: 'response.completed', response: { id: 'r', usage: { input_tokens: 1, output_tokens: 1 } } },
        ].map(event).join(''));
      }
      json(404, {});
    });
    configureAuth({ oauth: { openai: { tokenUrl: `${server.url}/oauth/token`, redirectUri: 'http://127.0.0.1:0/auth/callback' } }, chatgpt: { baseUrl: `${server.url}/codex` } });
  });
  afterAll(async () => { await logout('openai'); await server.close(); });

  it('the browser redirect completes the login; the listener is single use', async () => {
    const { url, state } = await startOAuth('openai');
    const q = new URL(url).searchParams;
    challenge = q.get('code_challenge');
    expect(q.get('client_id')).toBe('app_EMoamEEZ73f0CkXaXp7hrann');
    expect(q.get('scope')).toBe('openid profile email offline_access');
    const redirect = new URL(q.get('redirect_uri'));
    expect(redirect.hostname).toBe('127.0.0.1');
    expect(Number(redirect.port)).toBeGreaterThan(0);
    const done = completeOAuth('openai', { state });
    const page = await fetch(`${redirect}?code=oc-1&state=${state}`);
    expect(page.status).toBe(200);
    expect((await done).oauth).toBe(true);
    await expect(fetch(`${redirect}?code=oc-1&state=${state}`)).rejects.toThrow(); // listener closed
    const token = server.requests.find((r) => r.url === '/oauth/token');
    expect(form(token.body)).toMatchObject({ grant_type: 'authorization_code', code: 'oc-1', redirect_uri: redirect.toString(), client_id: 'app_EMoamEEZ73f0CkXaXp7hrann' });
    // (The login's requests go to its subscription backend: __test__/subscription-backends.test.mjs.)
    const { text, error } = await run(createOpenAI({ oauth: true })('gpt-5'));
    expect(error).toBeUndefined();
    expect(text).toBe('chatgpt');
  });

  it('a redirect with the wrong state is refused', async () => {
    const { url, state } = await startOAuth('openai');
    const redirect = new URL(new URL(url).searchParams.get('redirect_uri'));
    const done = rejection(completeOAuth('openai', { state }));
    expect((await fetch(`${redirect}?code=oc-1&state=forged`)).status).toBe(400);
    expect((await done).reason).toBe('state-mismatch');
  });

  it('the listener gives up after its timeout', async () => {
    const { state } = await startOAuth('openai', { timeoutMs: 200 });
    const e = await rejection(completeOAuth('openai', { state }));
    expect(e).toBeInstanceOf(AuthError);
    expect(e.reason).toBe('timeout');
    expect(e.message).toBe('openai: no browser redirect arrived within 200 ms; start the login again');
  });
});

describe('GitHub Copilot device flow', () => {
  let server;
  const polls = [];
  let exchanges = 0;
  beforeAll(async () => {
    server = await startServer((req, body, res) => {
      const json = (status, v) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(v)); };
      if (req.url === '/login/device/code') {
        expect(form(body)).toEqual({ client_id: 'Iv1.b507a08c87ecfe98', scope: 'read:user' });
        return json(200, { device_code: secret('dc-secret-1'), user_code: 'ABCD-1234', verification_uri: 'https://github.com/login/device', expires_in: 900, interval: 0 });
      }
      if (req.url === '/login/oauth/access_token') {
        polls.push(Date.now());
        expect(form(body).device_code).toBe('dc-secret-1');
        if (polls.length === 1) return json(200, { error: 'authorization_pending' });
        if (polls.length === 2) return json(200, { error: 'slow_down', interval: 5 });
        return json(200, { access_token: secret(`gho-${process.pid}`), token_type: 'bearer' });
      }
      if (req.url === '/copilot_internal/v2/token') {
        if (req.headers.authorization !== `token gho-${process.pid}`) return json(401, { message: 'Bad credentials' });
        exchanges += 1;
        // refresh_in 1 s: the token is due for renewal a second after it was issued.
        return json(200, { token: secret(`cop-${exchanges}-${process.pid}`), expires_at: Math.floor(Date.now() / 1000) + 1800, refresh_in: 1 });
      }
      if (req.url === '/chat/completions') return sendSse(res, openaiTextDeltasBody(['copilot']));
      json(404, {});
    });
    configureAuth({
      oauth: { githubCopilot: { deviceCodeUrl: `${server.url}/login/device/code`, accessTokenUrl: `${server.url}/login/oauth/access_token`, copilotTokenUrl: `${server.url}/copilot_internal/v2/token` } },
    });
  });
  afterAll(async () => { await logout('github-copilot'); await server.close(); });

  it('pending, slow_down (+5 s), success; then a Copilot token that is renewed mid-session', async () => {
    const flow = await startDeviceFlow('github-copilot');
    expect(flow).toEqual({ userCode: 'ABCD-1234', verificationUri: 'https://github.com/login/device', interval: 0, expiresIn: 900 });
    const status = await pollDeviceFlow('github-copilot');
    expect(status.oauth).toBe(true);
    expect(polls).toHaveLength(3);
    expect(polls[2] - polls[1]).toBeGreaterThanOrEqual(4900);
    expect(exchanges).toBe(1);
    const copilot = createOpenAICompatible({ name: 'github-copilot', baseURL: server.url, oauth: 'github-copilot' });
    const first = await run(copilot('gpt-4o'));
    expect(first.text).toBe('copilot');
    await sleep(1200);
    await run(copilot('gpt-4o'));
    const chats = server.requests.filter((r) => r.url === '/chat/completions');
    expect(chats.map((r) => r.headers.authorization)).toEqual([`Bearer cop-1-${process.pid}`, `Bearer cop-2-${process.pid}`]);
    expect(chats[0].headers).toMatchObject({ 'copilot-integration-id': 'vscode-chat', 'editor-version': expect.stringMatching(/^vscode\//), 'editor-plugin-version': expect.stringMatching(/^copilot-chat\//), 'user-agent': expect.stringMatching(/^GitHubCopilotChat\//) });
  }, 20_000);

  it('expired and denied device codes are clear errors', async () => {
    polls.length = 0;
    const deny = await startServer((req, _b, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url.includes('device/code')
        ? { device_code: 'dc-2', user_code: 'X', verification_uri: 'https://github.com/login/device', expires_in: 900, interval: 0 }
        : { error: deny.next }));
    });
    configureAuth({ oauth: { githubCopilot: { deviceCodeUrl: `${deny.url}/device/code`, accessTokenUrl: `${deny.url}/token` } } });
    for (const [code, message] of [['expired_token', /expired before it was approved/], ['access_denied', /denied on GitHub/]]) {
      deny.next = code;
      await startDeviceFlow('github-copilot');
      const e = await rejection(pollDeviceFlow('github-copilot'));
      expect(e.reason).toBe('oauth');
      expect(e.message).toMatch(message);
    }
    await deny.close();
  });
});

describe('secrets stay secret', () => {
  it('no key, token or code appears in any error, part or log line', () => {
    expect(SECRETS.size).toBeGreaterThan(10);
    const text = allStrings(seen).join('\n');
    for (const s of SECRETS) expect(text.includes(s), `leaked: ${s.slice(0, 6)}…`).toBe(false);
  });
});
