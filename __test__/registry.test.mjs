// The provider registry and model catalogue: built-ins, custom providers persisted to a config
// directory and read back by a new process, streaming through them against a local server, live
// model lists, resolution errors, cost.
import { describe, it, expect, beforeEach, afterAll } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer, sendSse, openaiTextDeltasBody, collect, leaveConfigDir } from './helpers.mjs';

const require = createRequire(import.meta.url);
const indexPath = require.resolve('../index.js');
const llm = require('../index.js');
const {
  configure, listProviders, registerProvider, updateProvider, removeProvider, resolveModel, addModels, listModels,
  listAvailableModels, estimateCost, languageModelFromId, streamText,
  InvalidArgumentError, NoSuchProviderError, NoSuchModelError, LoadSettingError,
} = llm;

// No key of this machine may leak into the results: clear every built-in's variable.
const KEY_VARS = listProviders().map((p) => p.apiKeyEnvVar).filter(Boolean);
for (const v of KEY_VARS) delete process.env[v];

const dirs = [];
let configDir;
beforeEach(() => {
  configDir = mkdtempSync(path.join(tmpdir(), 'llm-native-registry-'));
  dirs.push(configDir);
  configure({ configDir });
  delete process.env.ACME_KEY;
});
afterAll(async () => {
  await leaveConfigDir(...dirs);
});

/** Runs `code` (CommonJS, `llm` = the package) in a new Node process; resolves to its JSON output. */
function inChild(code, env = {}) {
  const script = `const llm = require(${JSON.stringify(indexPath)});
(async () => { const out = await (async () => { ${code} })(); process.stdout.write(JSON.stringify(out)); })()
  .catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });`;
  const childEnv = { ...process.env, ...env };
  for (const v of KEY_VARS) if (!(v in env)) delete childEnv[v];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', script], { env: childEnv }, (err, stdout, stderr) => {
      if (err) reject(new Error(`child failed: ${stderr}`));
      else resolve(JSON.parse(stdout));
    });
  });
}

/** A port nothing listens on. */
async function refusedPort() {
  const s = await startServer(() => {});
  await s.close();
  return s.port;
}

const BUILTINS = [
  'openai', 'anthropic', 'google', 'deepseek', 'openrouter', 'groq', 'xai', 'mistral', 'moonshot', 'zhipu', 'qwen',
  'minimax', 'zai', 'zai-coding-plan', 'zhipu-coding-plan', 'minimax-anthropic', 'moonshot-cn', 'kimi-coding', 'qwen-code',
  'alibaba-cn', 'volcengine', 'zenmux', 'vercel', 'together', 'fireworks', 'cerebras', 'ollama', 'lmstudio', 'github-copilot',
];

describe('built-in providers', () => {
  it('are listed without secrets, with hasCredentials from the environment', () => {
    const list = listProviders();
    expect(list.map((p) => p.id)).toEqual(BUILTINS);
    const deepseek = list.find((p) => p.id === 'deepseek');
    expect(deepseek).toEqual({
      id: 'deepseek', name: 'DeepSeek', protocol: 'openai-chat', baseURL: 'https://api.deepseek.com/v1',
      apiKeyEnvVar: 'DEEPSEEK_API_KEY', keychainKey: 'deepseek', oauth: false, aggregator: false, modelsList: 'openai',
      includeUsage: true, defaultModels: ['deepseek-chat', 'deepseek-reasoner'], headers: {}, builtin: true,
      hasCredentials: false,
    });
    expect(list.find((p) => p.id === 'openai').protocol).toBe('openai-responses');
    expect(list.find((p) => p.id === 'ollama').hasCredentials).toBe(true); // local: no key needed
    const copilot = list.find((p) => p.id === 'github-copilot');
    expect([copilot.oauth, copilot.protocol, copilot.baseURL]).toEqual([true, 'openai-chat', 'https://api.githubcopilot.com']);
    process.env.DEEPSEEK_API_KEY = 'sk-deepseek-secret';
    try {
      const again = listProviders();
      expect(again.find((p) => p.id === 'deepseek').hasCredentials).toBe(true);
      expect(JSON.stringify(again)).not.toContain('sk-deepseek-secret');
    } finally {
      delete process.env.DEEPSEEK_API_KEY;
    }
  });

  it('resolve through the catalogue, with aliases and pass-through of unknown prefixed ids', () => {
    const r = resolveModel('claude-sonnet-4-5-20250929');
    expect([r.provider.id, r.modelId, r.modelProvider, r.model.name]).toEqual([
      'anthropic', 'claude-sonnet-4-5', 'anthropic.messages', 'Claude Sonnet 4.5',
    ]);
    expect(r.model).toEqual({
      provider: 'anthropic', id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', contextWindow: 200000,
      maxOutputTokens: 64000, cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
      capabilities: { tools: true, reasoning: true, imageInput: true, structuredOutput: true },
      aliases: ['claude-sonnet-4-5-20250929'],
    });
    expect(resolveModel('gpt-4o').provider.id).toBe('openai'); // first party over github-copilot
    const passThrough = resolveModel('deepseek/deepseek-v9');
    expect([passThrough.provider.id, passThrough.modelId, passThrough.model]).toEqual(['deepseek', 'deepseek-v9', null]);
    const m = languageModelFromId('google/gemini-2.5-flash');
    expect([m.specificationVersion, m.provider, m.modelId, Object.isFrozen(m)]).toEqual([
      'v2', 'google.generative-ai', 'gemini-2.5-flash', true,
    ]);
  });

  it('unknown providers and models get the AI SDK errors', () => {
    let e;
    try { languageModelFromId('nope/some-model'); } catch (err) { e = err; }
    expect(NoSuchProviderError.isInstance(e)).toBe(true);
    expect(NoSuchModelError.isInstance(e)).toBe(true); // as in the AI SDK, a provider error is a model error
    expect(e).toBeInstanceOf(NoSuchProviderError);
    expect([e.name, e.providerId, e.modelId, e.modelType]).toEqual([
      'AI_NoSuchProviderError', 'nope', 'nope/some-model', 'languageModel',
    ]);
    expect(e.availableProviders).toEqual(BUILTINS);
    expect(e.message).toBe(`No such provider: nope (available providers: ${BUILTINS.join(',')})`);
    try { resolveModel('gpt-17'); } catch (err) { e = err; }
    expect(NoSuchModelError.isInstance(e) && !NoSuchProviderError.isInstance(e)).toBe(true);
    expect([e.name, e.modelId, e.modelType, e.message]).toEqual([
      'AI_NoSuchModelError', 'gpt-17', 'languageModel', 'No such languageModel: gpt-17',
    ]);
    expect(() => resolveModel('')).toThrow(InvalidArgumentError);
  });
});

describe('custom providers', () => {
  it('register → persisted → reloaded by a new process → streams through it', async () => {
    const server = await startServer((req, body, res) => {
      if (req.url === '/v1/chat/completions') sendSse(res, openaiTextDeltasBody(['Hel', 'lo'], { model: 'acme-large' }));
      else { res.writeHead(404); res.end(); }
    });
    try {
      const registered = await registerProvider({
        id: 'acme', name: 'Acme AI', baseURL: `${server.url}/v1/`, apiKeyEnvVar: 'ACME_KEY',
        headers: { 'x-app': 'registry-test' }, includeUsage: true, defaultModels: ['acme-large'],
      });
      const expected = {
        id: 'acme', name: 'Acme AI', protocol: 'openai-chat', baseURL: `${server.url}/v1`, apiKeyEnvVar: 'ACME_KEY',
        keychainKey: null, oauth: false, aggregator: false, modelsList: 'openai', includeUsage: true,
        defaultModels: ['acme-large'], headers: { 'x-app': 'registry-test' },
      };
      expect(registered).toEqual({ ...expected, builtin: false, hasCredentials: false });
      expect(JSON.parse(readFileSync(path.join(configDir, 'providers.json'), 'utf8'))).toEqual({ version: 1, providers: [expected] });

      const out = await inChild(`
        llm.configure({ configDir: ${JSON.stringify(configDir)} });
        const provider = llm.listProviders().find((p) => p.id === 'acme');
        const result = llm.streamText({ model: llm.languageModelFromId('acme-large'), prompt: 'hi' });
        const parts = [];
        for await (const p of result.fullStream) parts.push(p);
        return { provider, parts };`, { ACME_KEY: 'sk-acme-child' });
      expect(out.provider).toEqual({ ...expected, builtin: false, hasCredentials: true });
      const usage = { inputTokens: 10, outputTokens: 2, totalTokens: 12 };
      const finishStep = out.parts[6];
      expect(finishStep.response.headers['content-type']).toBe('text/event-stream');
      delete finishStep.response.headers;
      expect(out.parts).toEqual([
        { type: 'start' },
        {
          type: 'start-step', warnings: [],
          request: { body: { model: 'acme-large', messages: [{ role: 'user', content: 'hi' }], stream: true, stream_options: { include_usage: true } } },
        },
        { type: 'text-start', id: 'txt-0' },
        { type: 'text-delta', id: 'txt-0', text: 'Hel' },
        { type: 'text-delta', id: 'txt-0', text: 'lo' },
        { type: 'text-end', id: 'txt-0' },
        {
          type: 'finish-step', finishReason: 'stop', usage, providerMetadata: { acme: {} },
          response: { id: 'chatcmpl-local', timestamp: new Date(1770000000 * 1000).toISOString(), modelId: 'acme-large' },
        },
        { type: 'finish', finishReason: 'stop', totalUsage: usage },
      ]);
      expect(server.requests).toHaveLength(1);
      const seen = server.requests[0];
      expect([seen.method, seen.url]).toEqual(['POST', '/v1/chat/completions']);
      expect(seen.headers.authorization).toBe('Bearer sk-acme-child');
      expect(seen.headers['x-app']).toBe('registry-test');
    } finally {
      await server.close();
    }
  });

  it('streams in this process too, and a missing key is a LoadAPIKeyError naming the variable', async () => {
    const server = await startServer((req, body, res) => sendSse(res, openaiTextDeltasBody(['ok'])));
    try {
      await registerProvider({ id: 'acme', name: 'Acme AI', baseURL: `${server.url}/v1`, apiKeyEnvVar: 'ACME_KEY' });
      const model = languageModelFromId('acme/m1');
      expect([model.provider, model.modelId]).toEqual(['acme.chat', 'm1']);
      const failed = streamText({ model, prompt: 'hi', onError: () => {} });
      const parts = await collect(failed.fullStream);
      const error = parts.find((p) => p.type === 'error').error;
      expect(error.name).toBe('AI_LoadAPIKeyError');
      expect(error.message).toMatch(/^Acme AI API key is missing\. Pass it using the 'apiKey' parameter or the ACME_KEY environment variable, or store one for 'acme' \(setApiKey or `llm-native keys set acme`\)\./);
      process.env.ACME_KEY = 'sk-acme-parent';
      expect(await streamText({ model, prompt: 'hi' }).text).toBe('ok');
      expect(server.requests.at(-1).headers.authorization).toBe('Bearer sk-acme-parent');
    } finally {
      await server.close();
    }
  });

  it('each invalid config gets its specific error', async () => {
    await registerProvider({ id: 'acme', baseURL: 'http://127.0.0.1:9/v1' });
    const cases = [
      [{ id: 'x', baseURL: 'not a url' }, 'baseURL', '"not a url" is not a valid URL'],
      [{ id: 'x', baseURL: 'ftp://files.example' }, 'baseURL', 'must be an http or https URL'],
      [{ id: 'x', baseURL: 'http://a', protocol: 'grpc' }, 'protocol', 'unknown protocol "grpc" (one of openai-chat, openai-platform-chat, anthropic-messages, openai-responses, google-generative-ai)'],
      [{ id: 'openai', baseURL: 'http://a' }, 'id', '"openai" is a built-in provider; choose another id'],
      [{ id: 'acme', baseURL: 'http://a' }, 'id', 'a provider with id "acme" is already registered; use updateProvider to change it'],
      [{ id: 'a/b', baseURL: 'http://a' }, 'id', 'provider id "a/b" must be'],
      [{ id: 'x', baseURL: 'http://a', headers: { 'x-a': 'v\r\nx-injected: 1' } }, 'headers', 'header "x-a" has a CR, LF or NUL in its value'],
      [{ id: 'x', baseURL: 'http://a', headers: { 'bad name': 'v' } }, 'headers', 'invalid header name "bad name"'],
      [{ id: 'x', baseURL: 'http://a', apiKey: 'sk-should-not-be-stored' }, 'apiKey', 'set `apiKeyEnvVar`'],
      [{ id: 'x', baseURL: 'http://a', apiKeyEnvVar: 'NOT A VAR' }, 'apiKeyEnvVar', '"NOT A VAR" is not an environment variable name'],
      [{ id: 'x', baseURL: 'http://a', colour: 'red' }, 'config', 'unknown field `colour`'],
      [{ baseURL: 'http://a' }, 'id', 'a provider needs a string `id`'],
      ['acme', 'config', 'a provider config must be an object'],
    ];
    for (const [config, argument, message] of cases) {
      const e = await registerProvider(config).then(() => null, (err) => err);
      expect(e, JSON.stringify(config)).toBeInstanceOf(InvalidArgumentError);
      expect([e.name, e.argument]).toEqual(['AI_InvalidArgumentError', argument]);
      expect(e.message).toContain(message);
      expect(e.message).not.toContain('sk-should-not-be-stored');
    }
    const stored = JSON.parse(readFileSync(path.join(configDir, 'providers.json'), 'utf8'));
    expect(stored.providers.map((p) => p.id)).toEqual(['acme']);
  });

  it('update and remove; built-ins cannot be changed', async () => {
    await registerProvider({ id: 'acme', baseURL: 'http://127.0.0.1:9/v1', apiKeyEnvVar: 'ACME_KEY' });
    const updated = await updateProvider('acme', { baseURL: 'http://127.0.0.1:8/v2', apiKeyEnvVar: null, protocol: 'anthropic-messages' });
    expect([updated.baseURL, updated.apiKeyEnvVar, updated.protocol, updated.modelsList, updated.hasCredentials])
      .toEqual(['http://127.0.0.1:8/v2', null, 'anthropic-messages', 'anthropic', true]);
    expect(languageModelFromId('acme/x').provider).toBe('acme.messages');
    const bad = await updateProvider('acme', { baseURL: 'nope' }).catch((e) => e);
    expect([bad.name, bad.argument]).toEqual(['AI_InvalidArgumentError', 'baseURL']);
    const builtin = await updateProvider('openai', { baseURL: 'http://x' }).catch((e) => e);
    expect(builtin.message).toContain('"openai" is a built-in provider and cannot be changed or removed');
    await removeProvider('acme');
    expect(listProviders().map((p) => p.id)).toEqual(BUILTINS);
    expect(JSON.parse(readFileSync(path.join(configDir, 'providers.json'), 'utf8'))).toEqual({ version: 1, providers: [] });
    const gone = await removeProvider('acme').catch((e) => e);
    expect([gone.name, gone.message]).toEqual(['AI_InvalidArgumentError', 'Invalid argument for parameter id: no custom provider with id "acme"']);
  });

  it('50 concurrent registers are all persisted', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => `p${i}`);
    await Promise.all(ids.map((id) => registerProvider({ id, baseURL: `http://127.0.0.1:9/${id}` })));
    const stored = JSON.parse(readFileSync(path.join(configDir, 'providers.json'), 'utf8'));
    expect(stored.providers.map((p) => p.id).sort()).toEqual([...ids].sort());
    // No temp files left (the lock file stays, empty).
    expect(readdirSync(configDir).sort()).toEqual(['.providers.json.lock', 'providers.json']);
    const fresh = await inChild(`llm.configure({ configDir: ${JSON.stringify(configDir)} });
      return llm.listProviders().filter((p) => !p.builtin).map((p) => p.id);`);
    expect(fresh.sort()).toEqual([...ids].sort());
  });

  it('a corrupt providers file is reported, backed up, and the registry goes on', async () => {
    writeFileSync(path.join(configDir, 'providers.json'), '{"version": 1, "providers": [');
    let e;
    try { configure({ configDir }); } catch (err) { e = err; }
    expect(e).toBeInstanceOf(LoadSettingError);
    expect(e.name).toBe('AI_LoadSettingError');
    expect(e.message).toMatch(/providers\.json is not a valid providers file \(bad JSON: .*\); it was moved to .*providers\.json\.corrupt-\d+ and no custom providers were loaded/);
    const files = readdirSync(configDir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^providers\.json\.corrupt-\d+$/);
    expect(readFileSync(path.join(configDir, files[0]), 'utf8')).toBe('{"version": 1, "providers": [');
    expect(listProviders().map((p) => p.id)).toEqual(BUILTINS);
    await registerProvider({ id: 'acme', baseURL: 'http://127.0.0.1:9' });
    expect(readdirSync(configDir).sort()).toEqual(['.providers.json.lock', files[0], 'providers.json'].sort());

    writeFileSync(path.join(configDir, 'providers.json'), JSON.stringify({ version: 99, providers: [] }));
    expect(() => configure({ configDir })).toThrow(/unknown version 99, this build reads version 1/);
  });
});

describe('model lists', () => {
  it('a live list from a local server merges with the catalogue; cached until refresh', async () => {
    const server = await startServer((req, body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url === '/v1/models') res.end(JSON.stringify({ object: 'list', data: [{ id: 'acme-large' }, { id: 'acme-new', name: 'Acme New' }] }));
      else res.end(JSON.stringify({ data: [{ type: 'model', id: 'claude-acme', display_name: 'Claude Acme' }], has_more: false }));
    });
    try {
      await registerProvider({ id: 'acme', baseURL: `${server.url}/v1`, apiKeyEnvVar: 'ACME_KEY', defaultModels: ['acme-small'] });
      await registerProvider({ id: 'acme-claude', protocol: 'anthropic-messages', baseURL: `${server.url}/anthropic/v1`, apiKeyEnvVar: 'ACME_KEY' });
      addModels([{
        provider: 'acme', id: 'acme-large', name: 'Acme Large', contextWindow: 64000, maxOutputTokens: 8000,
        cost: { input: 1, output: 2 }, capabilities: { tools: true }, aliases: ['large'],
      }]);
      const large = listModels().find((m) => m.provider === 'acme');
      expect(large).toEqual({
        provider: 'acme', id: 'acme-large', name: 'Acme Large', contextWindow: 64000, maxOutputTokens: 8000,
        cost: { input: 1, output: 2, cacheRead: null, cacheWrite: null },
        capabilities: { tools: true, reasoning: false, imageInput: false, structuredOutput: false }, aliases: ['large'],
      });

      // No key: providers that need one are not listed (and not asked).
      expect(await listAvailableModels({ providers: ['acme', 'acme-claude'] })).toEqual({ models: [], errors: [] });
      expect(server.requests).toHaveLength(0);

      process.env.ACME_KEY = 'sk-acme-list';
      const out = await listAvailableModels({ providers: ['acme', 'acme-claude'] });
      expect(out).toEqual({
        models: [
          { id: 'acme/acme-large', providerId: 'acme', modelId: 'acme-large', name: 'Acme Large', live: true, catalog: large },
          { id: 'acme/acme-small', providerId: 'acme', modelId: 'acme-small', name: 'acme-small', live: false, catalog: null },
          { id: 'acme/acme-new', providerId: 'acme', modelId: 'acme-new', name: 'Acme New', live: true, catalog: null },
          { id: 'acme-claude/claude-acme', providerId: 'acme-claude', modelId: 'claude-acme', name: 'Claude Acme', live: true, catalog: null },
        ],
        errors: [],
      });
      const byUrl = Object.fromEntries(server.requests.map((r) => [r.url, r]));
      expect(Object.keys(byUrl).sort()).toEqual(['/anthropic/v1/models?limit=1000', '/v1/models']);
      expect(byUrl['/v1/models'].headers.authorization).toBe('Bearer sk-acme-list');
      expect(byUrl['/anthropic/v1/models?limit=1000'].headers['x-api-key']).toBe('sk-acme-list');
      expect(byUrl['/anthropic/v1/models?limit=1000'].headers['anthropic-version']).toBe('2023-06-01');
      expect(byUrl['/anthropic/v1/models?limit=1000'].headers.authorization).toBeUndefined();

      // Cached (5 min TTL): no new requests; `refresh` asks again.
      await listAvailableModels({ providers: ['acme', 'acme-claude'] });
      expect(server.requests).toHaveLength(2);
      await listAvailableModels({ providers: ['acme'], refresh: true });
      expect(server.requests).toHaveLength(3);

      // Resolution of the app's entries by alias.
      expect(resolveModel('large').modelId).toBe('acme-large');
    } finally {
      await server.close();
    }
  });

  it('a provider whose list endpoint is down, failing or garbled still lists its catalogue models', async () => {
    const port = await refusedPort();
    const server = await startServer((req, body, res) => {
      if (req.url.startsWith('/broken/')) { res.writeHead(500); res.end('{"error":{"message":"boom sk-acme-list"}}'); return; }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>not json</html>');
    });
    try {
      process.env.ACME_KEY = 'sk-acme-list';
      await registerProvider({ id: 'down', baseURL: `http://127.0.0.1:${port}/v1`, defaultModels: ['down-1'] });
      await registerProvider({ id: 'broken', baseURL: `${server.url}/broken/v1`, apiKeyEnvVar: 'ACME_KEY', defaultModels: ['broken-1'] });
      await registerProvider({ id: 'garbled', baseURL: `${server.url}/garbled/v1`, defaultModels: ['garbled-1'] });
      const out = await listAvailableModels({ providers: ['down', 'broken', 'garbled'], refresh: true });
      expect(out.models.map((m) => [m.id, m.live])).toEqual([
        ['down/down-1', false], ['broken/broken-1', false], ['garbled/garbled-1', false],
      ]);
      expect(out.errors.map((e) => e.providerId)).toEqual(['down', 'broken', 'garbled']);
      expect(out.errors[0].message).toMatch(new RegExp(`^GET http://127\\.0\\.0\\.1:${port}/v1/models: .*Connection refused`));
      expect(out.errors[1].message).toBe(`GET ${server.url}/broken/v1/models: HTTP 500 Internal Server Error`);
      expect(out.errors[2].message).toBe(`GET ${server.url}/garbled/v1/models: not a model list`);
      const unknown = await listAvailableModels({ providers: ['nope'] }).catch((e) => e);
      expect([unknown.name, unknown.argument]).toEqual(['AI_InvalidArgumentError', 'providers']);
    } finally {
      await server.close();
    }
  });
});

describe('resolution and cost', () => {
  it('an id several first-party providers offer is ambiguous, listing the candidates', async () => {
    await registerProvider({ id: 'acme', baseURL: 'http://127.0.0.1:9/v1', defaultModels: ['deepseek-chat'] });
    const e = (() => { try { resolveModel('deepseek-chat'); } catch (err) { return err; } })();
    expect(e).toBeInstanceOf(InvalidArgumentError);
    expect([e.argument, e.value]).toEqual(['modelId', ['deepseek/deepseek-chat', 'acme/deepseek-chat']]);
    expect(e.message).toBe('Model id "deepseek-chat" is ambiguous; use one of: deepseek/deepseek-chat, acme/deepseek-chat');
    expect(resolveModel('acme/deepseek-chat').provider.id).toBe('acme');
  });

  it('estimateCost uses the catalogue prices and each provider\'s way of counting', () => {
    expect(estimateCost('anthropic/claude-sonnet-4-5', {
      inputTokens: 1000, outputTokens: 500, totalTokens: 1500, cachedInputTokens: 20000, cacheCreationInputTokens: 4000,
    })).toEqual({ input: 0.003, output: 0.0075, cacheRead: 0.006, cacheWrite: 0.015, total: 0.0315 });
    // OpenAI counts cached tokens inside inputTokens.
    expect(estimateCost('gpt-4o-mini', { inputTokens: 10000, outputTokens: 2000, cachedInputTokens: 4000 }))
      .toEqual({ input: 0.0009, output: 0.0012, cacheRead: 0.0003, cacheWrite: 0, total: 0.0024 });
    expect(estimateCost('github-copilot/gpt-4.1', { inputTokens: 1 })).toBeNull();
    expect(estimateCost('openai/unknown-model', { inputTokens: 1 })).toBeNull();
    addModels([{ provider: 'openai', id: 'gpt-4o-mini', name: 'GPT-4o mini', cost: { input: 1, output: 1 } }]);
    expect(estimateCost('openai/gpt-4o-mini', { inputTokens: 1_000_000, outputTokens: 0 }).total).toBe(1);
    expect(() => addModels([{ provider: 'openai', id: 'x', name: 'x', cost: { input: -1, output: 0 } }])).toThrow(/not negative/);
    expect(() => addModels('x')).toThrow(InvalidArgumentError);
  });
});

describe('cost of a finished stream', () => {
  it('finish-step carries the catalogue cost of the step and finish the total over steps', async () => {
    const { anthropicTextDeltasBody } = await import('./helpers.mjs');
    const server = await startServer((req, _b, res) => sendSse(res, anthropicTextDeltasBody(['a', 'b', 'c'])));
    const anthropic = llm.createAnthropic({ baseURL: server.url, apiKey: 'sk-ant-cost' });
    const parts = await collect(llm.streamText({ model: anthropic('claude-sonnet-4-5'), prompt: 'hi' }).fullStream);
    const step = parts.find((p) => p.type === 'finish-step');
    expect(step.usage).toMatchObject({ inputTokens: 10, outputTokens: 3 });
    const expected = llm.estimateCost('anthropic/claude-sonnet-4-5', step.usage);
    expect(expected.total).toBeGreaterThan(0);
    expect(step.cost).toEqual(expected);
    expect(parts.at(-1).totalCost).toEqual(expected);
    // A model the catalogue does not price reports no cost (and the parts stay the AI SDK's).
    const other = await collect(llm.streamText({ model: anthropic('claude-unknown-model'), prompt: 'hi' }).fullStream);
    expect(other.find((p) => p.type === 'finish-step').cost).toBeUndefined();
    expect(other.at(-1).totalCost).toBeUndefined();
    await server.close();
  });
});
