// The MCP client (`experimental_createMCPClient`) against a real MCP server made with the
// official SDK (__test__/support/mcp-server.mjs): as a stdio child process, over Streamable HTTP
// (event-stream and JSON answers), over the older SSE transport and in memory (a custom
// transport). Its tools run in llm-native's step loop against a local OpenAI-compatible server,
// and give the same parts, messages and request bodies as `@ai-sdk/mcp` 0.0.x's tools in `ai@5`.
// Servers on 127.0.0.1 only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { z } from 'zod';
import * as ai from 'ai';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import { experimental_createMCPClient as aiCreateMCPClient } from '@ai-sdk/mcp';
import { Experimental_StdioMCPTransport as AiStdioTransport } from '@ai-sdk/mcp/mcp-stdio';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import * as llm from '../index.js';
import { startServer, sendSse, openaiTextDeltasBody, collect, normalizeForDiff } from './helpers.mjs';
import { createTestServer, startHttpServer } from './support/mcp-server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SERVER = path.join(here, 'support/mcp-server.mjs');
const EXIT_CHILD = path.join(here, 'support/mcp-exit-child.mjs');
const require = createRequire(import.meta.url);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'llm-native-mcp-'));

/** A stdio server config; `pidFile` gets the server's pid (read it with `pidOf`). */
function stdio(mode, extra = {}) {
  const pidFile = path.join(tmp, `pid-${Math.random().toString(36).slice(2)}`);
  return { command: process.execPath, args: mode ? [SERVER, mode] : [SERVER], env: { MCP_TEST_PID_FILE: pidFile }, stderr: 'pipe', pidFile, ...extra };
}
async function pidOf(config) {
  for (let i = 0; i < 200 && !fs.existsSync(config.pidFile); i++) await new Promise((r) => setTimeout(r, 10));
  return Number(fs.readFileSync(config.pidFile, 'utf8'));
}

/** Whether `pid` runs (a zombie left unreaped by the container's init counts as gone). */
function alive(pid) {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^State:\s+Z/m.test(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return true;
  }
}
async function gone(pid, ms = 3000) {
  const end = Date.now() + ms;
  while (alive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return !alive(pid);
}

// ---- the model: a local OpenAI-compatible server --------------------------------------------

const chunk = (delta, finish = null) => `data: ${JSON.stringify({ id: 'chatcmpl-mcp', object: 'chat.completion.chunk', created: 1770000000, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
function toolCallsBody(calls) {
  let out = chunk({ role: 'assistant', content: null });
  calls.forEach((c, index) => {
    out += chunk({ tool_calls: [{ index, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] });
    out += chunk({ tool_calls: [{ index, function: { arguments: JSON.stringify(c.input) } }] });
  });
  out += chunk({}, 'tool_calls');
  out += `data: ${JSON.stringify({ id: 'chatcmpl-mcp', object: 'chat.completion.chunk', created: 1770000000, model: 'm', choices: [], usage: { prompt_tokens: 20, completion_tokens: 9, total_tokens: 29 } })}\n\n`;
  return `${out}data: [DONE]\n\n`;
}

let CALLS = [];
const model = await startServer((_req, body, res) => sendSse(res, body.messages.at(-1).role === 'tool'
  ? openaiTextDeltasBody(['Sunny in Berlin; ', 'no record 42.'], { model: 'm' })
  : toolCallsBody(CALLS)));
let http;
beforeAll(async () => { http = await startHttpServer(); });
afterAll(async () => {
  await model.close();
  await http?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});
const modelOf = (lib) => (lib === ai ? aiCompatible : llm.createOpenAICompatible)({ name: 'local', baseURL: `${model.url}/v1`, apiKey: 'k', includeUsage: true })('m');

const WEATHER_OUTPUT = { content: [{ type: 'text', text: 'Sunny in Berlin, 21°C' }], isError: false };
const LOOKUP_OUTPUT = { content: [{ type: 'text', text: 'No record 42' }], isError: true };

// ---- tools() --------------------------------------------------------------------------------

describe('tools()', () => {
  let client;
  let reference;
  beforeAll(async () => {
    client = await llm.experimental_createMCPClient({ transport: { type: 'stdio', ...stdio() } });
    reference = await aiCreateMCPClient({ transport: new AiStdioTransport(stdio()) });
  });
  afterAll(async () => { await client?.close(); await reference?.close(); });

  it('without schemas: every server tool as a dynamic tool with its JSON schema, as @ai-sdk/mcp makes them', async () => {
    const tools = await client.tools();
    const expected = await reference.tools();
    expect(Object.keys(tools)).toEqual(['weather', 'add', 'lookup', 'slow', 'pid', 'crash']);
    expect(Object.keys(tools)).toEqual(Object.keys(expected));
    for (const name of Object.keys(expected)) {
      expect(tools[name].type).toBe('dynamic');
      expect(tools[name].description).toBe(expected[name].description);
      // The same JSON text: key order included (it is what the provider is sent).
      expect(JSON.stringify(tools[name].inputSchema.jsonSchema)).toBe(JSON.stringify(expected[name].inputSchema.jsonSchema));
      expect(tools[name].inputSchema[Symbol.for('vercel.ai.schema')]).toBe(true);
    }
    expect(tools.weather.inputSchema.jsonSchema).toEqual({
      type: 'object', properties: { location: { type: 'string', description: 'City name' } },
      $schema: 'http://json-schema.org/draft-07/schema#', required: ['location'], additionalProperties: false,
    });
  });

  it('with schemas: only the tools named, with the schemas given', async () => {
    const inputSchema = z.object({ location: z.string() });
    const tools = await client.tools({ schemas: { weather: { inputSchema }, absent: { inputSchema: z.object({}) } } });
    expect(Object.keys(tools)).toEqual(['weather']);
    expect(tools.weather.type).toBeUndefined();
    expect(tools.weather.inputSchema).toBe(inputSchema);
    expect(await tools.weather.execute({ location: 'Berlin' }, {})).toEqual(WEATHER_OUTPUT);
  });

  it('execute returns the tools/call result as @ai-sdk/mcp does: isError results and structuredContent included', async () => {
    const tools = await client.tools();
    const expected = await reference.tools();
    for (const [name, input] of [['weather', { location: 'Berlin' }], ['lookup', { id: '42' }], ['add', { a: 2, b: 3 }]]) {
      const actual = await tools[name].execute(input, {});
      expect(JSON.stringify(actual)).toBe(JSON.stringify(await expected[name].execute(input, {})));
    }
    expect(await tools.lookup.execute({ id: '42' }, {})).toEqual(LOOKUP_OUTPUT);
    expect(await tools.add.execute({ a: 2, b: 3 }, {})).toEqual({ content: [{ type: 'text', text: '5' }], isError: false, structuredContent: { sum: 5 } });
  });

  it('an abortSignal: aborted before, the call is not made; aborted during, it rejects at once and the server is told', async () => {
    const http2 = await llm.experimental_createMCPClient({ transport: { type: 'http', url: `${http.url}/mcp` } });
    const tools = await http2.tools();
    await expect(tools.slow.execute({ ms: 5000 }, { abortSignal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const started = Date.now();
    const call = tools.slow.execute({ ms: 5000 }, { abortSignal: controller.signal });
    setTimeout(() => controller.abort(), 100);
    const error = await call.catch((e) => e);
    expect(llm.MCPClientError.isInstance(error)).toBe(true);
    expect(error.message).toBe('Request was aborted');
    expect(Date.now() - started).toBeLessThan(2000);
    for (let i = 0; i < 100 && !http.events.some((e) => e.cancelled === 'slow'); i++) await new Promise((r) => setTimeout(r, 10));
    expect(http.events).toContainEqual({ cancelled: 'slow' });
    // The client goes on working.
    expect(await tools.weather.execute({ location: 'Berlin' }, {})).toEqual(WEATHER_OUTPUT);
    await http2.close();
  });
});

// ---- the step loop --------------------------------------------------------------------------

/** One agent run of `lib` with `tools`: parts, messages and request bodies, normalised. */
async function agentRun(lib, tools, { mapIds = true, ui = false } = {}) {
  const before = model.requests.length;
  const result = lib.streamText({ model: modelOf(lib), prompt: 'Weather in Berlin, and record 42?', tools, stopWhen: lib.stepCountIs(3) });
  const parts = await collect(ui ? result.toUIMessageStream() : result.fullStream);
  const messages = (await result.response).messages;
  const requests = model.requests.slice(before).map((r) => r.body);
  return normalizeForDiff({ parts, messages, requests, text: await result.text }, { mapIds });
}

describe('MCP tools in the step loop', () => {
  beforeAll(() => {
    CALLS = [{ id: 'call_1', name: 'weather', input: { location: 'Berlin' } }, { id: 'call_2', name: 'lookup', input: { id: '42' } }];
  });

  it('streamText runs them, streams their results and sends them back to the model', async () => {
    const client = await llm.experimental_createMCPClient({ transport: new llm.Experimental_StdioMCPTransport(stdio()) });
    try {
      const run = await agentRun(llm, await client.tools(), { mapIds: false });
      expect(run.parts.filter((p) => p.type === 'tool-result')).toEqual([
        { type: 'tool-result', toolCallId: 'call_1', toolName: 'weather', input: { location: 'Berlin' }, output: WEATHER_OUTPUT, dynamic: true },
        { type: 'tool-result', toolCallId: 'call_2', toolName: 'lookup', input: { id: '42' }, output: LOOKUP_OUTPUT, dynamic: true },
      ]);
      expect(run.text).toBe('Sunny in Berlin; no record 42.');
      expect(run.requests).toHaveLength(2);
      // The first request offers the MCP tools with their schemas.
      expect(run.requests[0].tools.find((t) => t.function.name === 'weather')).toEqual({
        type: 'function',
        function: {
          name: 'weather', description: 'Get the weather in a city',
          parameters: { type: 'object', properties: { location: { type: 'string', description: 'City name' } }, $schema: 'http://json-schema.org/draft-07/schema#', required: ['location'], additionalProperties: false },
        },
      });
      // The second carries the results as tool messages: the whole CallToolResult as JSON.
      expect(run.requests[1].messages.slice(-2)).toEqual([
        { role: 'tool', tool_call_id: 'call_1', content: JSON.stringify(WEATHER_OUTPUT) },
        { role: 'tool', tool_call_id: 'call_2', content: JSON.stringify(LOOKUP_OUTPUT) },
      ]);
    } finally {
      await client.close();
    }
  });

  it('the same parts (and UI message chunks), messages and request bodies as @ai-sdk/mcp tools in ai@5', async () => {
    const reference = await aiCreateMCPClient({ transport: new AiStdioTransport(stdio()) });
    const client = await llm.experimental_createMCPClient({ transport: new llm.Experimental_StdioMCPTransport(stdio()) });
    try {
      for (const ui of [false, true]) {
        const expected = await agentRun(ai, await reference.tools(), { ui });
        const actual = await agentRun(llm, await client.tools(), { ui });
        expect(actual.requests).toEqual(expected.requests);
        expect(actual.parts).toEqual(expected.parts);
        expect(actual.messages).toEqual(expected.messages);
        expect(actual.text).toEqual(expected.text);
      }
    } finally {
      await reference.close();
      await client.close();
    }
  });

  it('generateText with tools typed by schemas', async () => {
    const client = await llm.experimental_createMCPClient({ transport: { type: 'http', url: `${http.url}/mcp` } });
    try {
      const tools = await client.tools({ schemas: { weather: { inputSchema: z.object({ location: z.string() }) }, lookup: { inputSchema: z.object({ id: z.string() }) } } });
      const result = await llm.generateText({ model: modelOf(llm), prompt: 'Weather?', tools, stopWhen: llm.stepCountIs(3) });
      // (Typed by schemas, they are static tools.)
      expect(result.steps[0].toolResults.map((r) => ({ toolName: r.toolName, output: r.output, dynamic: Boolean(r.dynamic) }))).toEqual([
        { toolName: 'weather', output: WEATHER_OUTPUT, dynamic: false },
        { toolName: 'lookup', output: LOOKUP_OUTPUT, dynamic: false },
      ]);
      expect(result.text).toBe('Sunny in Berlin; no record 42.');
    } finally {
      await client.close();
    }
  });
});

// ---- resources and prompts ------------------------------------------------------------------

describe('resources and prompts', () => {
  it('lists and reads resources and templates, lists and gets prompts (and the experimental_ names)', async () => {
    const client = await llm.experimental_createMCPClient({ transport: { type: 'stdio', ...stdio() } });
    try {
      expect(await client.listResources()).toEqual({ resources: [{ uri: 'test://config', name: 'config', description: 'The configuration', mimeType: 'application/json' }] });
      expect(await client.readResource({ uri: 'test://config' })).toEqual({ contents: [{ uri: 'test://config', mimeType: 'application/json', text: '{"debug":true}' }] });
      expect(await client.listResourceTemplates()).toEqual({ resourceTemplates: [{ name: 'note', uriTemplate: 'test://notes/{id}', description: 'A note by id' }] });
      expect(await client.readResource({ uri: 'test://notes/7' })).toEqual({ contents: [{ uri: 'test://notes/7', text: 'Note 7' }] });
      const prompts = { prompts: [{ name: 'review', description: 'Review code', arguments: [{ name: 'code', required: true }] }] };
      expect(await client.listPrompts()).toEqual(prompts);
      expect(await client.experimental_listPrompts()).toEqual(prompts);
      const prompt = { messages: [{ role: 'user', content: { type: 'text', text: 'Please review:\nx = 1' } }] };
      expect(await client.getPrompt({ name: 'review', arguments: { code: 'x = 1' } })).toEqual(prompt);
      expect(await client.experimental_getPrompt({ name: 'review', arguments: { code: 'x = 1' } })).toEqual(prompt);
      // A JSON-RPC error answer is an MCPClientError with its code.
      await expect(client.readResource({ uri: 'test://missing' })).rejects.toMatchObject({ name: 'MCPClientError', code: -32602 });
      expect(client.serverInfo).toEqual({ name: 'llm-native-test-server', version: '1.2.3' });
      expect(client.instructions).toBe('Test tools.');
    } finally {
      await client.close();
    }
  });

  it('a capability the server lacks is an MCPClientError (custom in-memory transport)', async () => {
    const server = new McpServer({ name: 'tools-only', version: '1.0.0' });
    server.registerTool('ping', { description: 'Pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = await llm.experimental_createMCPClient({ transport: clientSide });
    expect(await (await client.tools()).ping.execute({}, {})).toEqual({ content: [{ type: 'text', text: 'pong' }], isError: false });
    await expect(client.listPrompts()).rejects.toThrow(new llm.MCPClientError({ message: 'Server does not support prompts' }));
    await expect(client.listResources()).rejects.toThrow('Server does not support resources');
    await client.close();
    await expect(client.tools()).rejects.toThrow('Attempted to send a request from a closed client');
  });
});

// ---- transports -----------------------------------------------------------------------------

describe('HTTP transports', () => {
  for (const json of [false, true]) {
    it(`Streamable HTTP (${json ? 'JSON' : 'event-stream'} answers): session id, headers, DELETE on close`, async () => {
      const server = json ? await startHttpServer({ json: true }) : http;
      const before = server.requests.length;
      const client = await llm.experimental_createMCPClient({ transport: { type: 'http', url: `${server.url}/mcp`, headers: { Authorization: 'Bearer t0k' } } });
      const tools = await client.tools();
      expect(await tools.weather.execute({ location: 'Berlin' }, {})).toEqual(WEATHER_OUTPUT);
      expect((await client.readResource({ uri: 'test://config' })).contents[0].text).toBe('{"debug":true}');
      expect(server.sessions.size).toBeGreaterThan(0);
      await client.close();
      const seen = server.requests.slice(before);
      expect(seen[0]).toMatchObject({ method: 'POST', path: '/mcp', session: undefined, protocol: '2025-06-18', auth: 'Bearer t0k' });
      const session = seen[1].session;
      expect(session).toMatch(/^[0-9a-f-]{36}$/);
      for (const r of seen.slice(1)) expect(r).toMatchObject({ session, auth: 'Bearer t0k' });
      expect(seen.at(-1).method).toBe('DELETE');
      if (json) await server.close();
    });
  }

  it('SSE: the endpoint event, messages over the stream', async () => {
    const client = await llm.experimental_createMCPClient({ transport: { type: 'sse', url: `${http.url}/sse` } });
    const tools = await client.tools();
    expect(await tools.lookup.execute({ id: '42' }, {})).toEqual(LOOKUP_OUTPUT);
    expect((await client.listPrompts()).prompts[0].name).toBe('review');
    await client.close();
  });

  it('a server that is not there, a wrong transport config', async () => {
    const dead = await startServer((_q, _b, res) => { res.writeHead(404); res.end('nope'); });
    await expect(llm.experimental_createMCPClient({ transport: { type: 'http', url: `${dead.url}/mcp` } }))
      .rejects.toThrow('MCP HTTP Transport Error: POSTing to endpoint (HTTP 404): nope. This server does not support HTTP transport. Try using `sse` transport instead');
    await expect(llm.experimental_createMCPClient({ transport: { type: 'sse', url: `${dead.url}/sse` } })).rejects.toThrow('MCP SSE Transport Error: 404 Not Found');
    await dead.close();
    await expect(llm.experimental_createMCPClient({ transport: { type: 'websocket', url: 'ws://127.0.0.1:1' } })).rejects.toThrow('Unsupported or invalid transport configuration');
  });
});

// ---- the stdio child process ----------------------------------------------------------------

describe('stdio: the server process is supervised', () => {
  it('close() ends the server process (one that ignores stdin closing too) before it resolves', async () => {
    const config = stdio('keepalive');
    const client = await llm.experimental_createMCPClient({ transport: { type: 'stdio', ...config } });
    const pid = await pidOf(config);
    expect(Number((await (await client.tools()).pid.execute({}, {})).content[0].text)).toBe(pid);
    expect(alive(pid)).toBe(true);
    await client.close();
    expect(await gone(pid, 100)).toBe(true);
  });

  it('a server that exits at start: MCPClientError with its exit code and last stderr lines', async () => {
    const error = await llm.experimental_createMCPClient({ transport: { type: 'stdio', ...stdio('crash-on-start') } }).catch((e) => e);
    expect(llm.MCPClientError.isInstance(error)).toBe(true);
    expect(error.message).toBe(`MCP stdio server \`${process.execPath}\` exited with code 3; its last stderr output:\nstarting test server\nerror: cannot open database test.db`);
    expect(error.data).toMatchObject({ exitCode: 3, signal: null });
  });

  it('a server that crashes during a call: the call rejects with its stderr, onUncaughtError hears it, the client is closed', async () => {
    const uncaught = [];
    const client = await llm.experimental_createMCPClient({ transport: { type: 'stdio', ...stdio() }, onUncaughtError: (e) => uncaught.push(e) });
    const tools = await client.tools();
    const error = await tools.crash.execute({}, {}).catch((e) => e);
    expect(error).toBeInstanceOf(llm.MCPClientError);
    expect(error.message).toMatch(/exited with code 7; its last stderr output:\nfatal: the tool crashed on purpose$/);
    expect(uncaught).toContain(error);
    const after = await tools.weather.execute({ location: 'x' }, {}).catch((e) => e);
    expect(after.message).toBe(`Attempted to send a request from a closed client: ${error.message}`);
    await client.close();
  });

  it('a command that does not exist: MCPClientError', async () => {
    await expect(llm.experimental_createMCPClient({ transport: { type: 'stdio', command: path.join(tmp, 'no-such-server') } }))
      .rejects.toThrow(/^Failed to start the MCP server `.*no-such-server`: spawn .* ENOENT$/);
  });

  it('a server that never answers: initialization times out, and its process is ended', async () => {
    const config = stdio('mute');
    const started = Date.now();
    // (Long enough for the server to start and write its pid on a loaded machine.)
    const error = await llm.experimental_createMCPClient({ transport: { type: 'stdio', ...config }, requestTimeout: 1500 }).catch((e) => e);
    expect(error).toBeInstanceOf(llm.MCPClientError);
    expect(error.message).toBe('MCP client initialization timed out after 1500ms');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await gone(await pidOf(config), 500)).toBe(true);
  });

  it('requestTimeout bounds each request (initializationOptions the start); a late answer is dropped quietly', async () => {
    const uncaught = [];
    const client = await llm.experimental_createMCPClient({
      transport: { type: 'stdio', ...stdio() }, requestTimeout: 400, initializationOptions: { timeout: 20_000 }, onUncaughtError: (e) => uncaught.push(e),
    });
    const tools = await client.tools();
    await expect(tools.slow.execute({ ms: 3000 }, {})).rejects.toThrow(new llm.MCPClientError({ message: 'Request timed out after 400ms' }));
    expect(await tools.slow.execute({ ms: 10 }, {})).toEqual({ content: [{ type: 'text', text: 'done' }], isError: false });
    await new Promise((r) => setTimeout(r, 100));
    expect(uncaught).toEqual([]);
    await client.close();
  });

  it('options.timeout bounds one request (a custom transport that loses prompts/list)', async () => {
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await createTestServer().connect(serverSide);
    const lossy = {
      start: () => clientSide.start(),
      close: () => clientSide.close(),
      send: (m) => (m.method === 'prompts/list' ? Promise.resolve() : clientSide.send(m)),
    };
    clientSide.onmessage = (m) => lossy.onmessage?.(m);
    clientSide.onclose = () => lossy.onclose?.();
    const client = await llm.experimental_createMCPClient({ transport: lossy });
    await expect(client.listPrompts({ options: { timeout: 50 } })).rejects.toThrow('Request timed out after 50ms');
    expect((await client.listResources()).resources).toHaveLength(1);
    await client.close();
    await expect(client.listResources()).rejects.toThrow('Attempted to send a request from a closed client');
  });

  it('the process-exit hook kills live servers; one exit listener however many clients', async () => {
    const out = await new Promise((resolve, reject) => execFile(process.execPath, [EXIT_CHILD, 'exit'], { timeout: 20_000 }, (e, stdout) => (e ? reject(e) : resolve(stdout))));
    const pid = Number(out.trim());
    expect(pid).toBeGreaterThan(0);
    expect(await gone(pid)).toBe(true);

    const first = await llm.experimental_createMCPClient({ transport: { type: 'stdio', ...stdio() } });
    const listeners = process.listenerCount('exit');
    const more = await Promise.all([1, 2, 3, 4].map(() => llm.experimental_createMCPClient({ transport: { type: 'stdio', ...stdio() } })));
    expect(process.listenerCount('exit')).toBe(listeners);
    await Promise.all([first, ...more].map((c) => c.close()));
  });

  it("stderr 'inherit' (the default) shows the server's stderr and still quotes it in the error", async () => {
    const { stdout, stderr } = await new Promise((resolve, reject) => execFile(process.execPath, [EXIT_CHILD, 'crash'], { timeout: 20_000 }, (e, o, s) => (e ? reject(e) : resolve({ stdout: o, stderr: s }))));
    expect(stderr).toContain('starting test server\nerror: cannot open database test.db\n');
    expect(JSON.parse(stdout)).toMatchObject({ name: 'MCPClientError', isInstance: true, message: expect.stringContaining('cannot open database test.db') });
  });

  it('the env option is added to a default set of this process\'s variables, not all of them', async () => {
    process.env.LLM_NATIVE_MCP_SECRET = 'do-not-pass';
    const { environment } = require('../lib/mcp/node-child.js');
    const env = environment({ EXTRA: '1', PATH: '/custom' });
    delete process.env.LLM_NATIVE_MCP_SECRET;
    expect(env).toMatchObject({ EXTRA: '1', PATH: '/custom' });
    expect(env.LLM_NATIVE_MCP_SECRET).toBeUndefined();
  });

  it('without a host that starts processes (a webview), stdio is a clear MCPClientError', async () => {
    const hostModule = require('../lib/host.js');
    const node = hostModule.host();
    hostModule.setHost({ ...node, spawnStdioServer: undefined });
    try {
      await expect(llm.experimental_createMCPClient({ transport: { type: 'stdio', command: 'x' } })).rejects.toThrow(/needs a host that can start processes/);
    } finally {
      hostModule.setHost(node);
    }
  });
});

describe('MCPClientError', () => {
  it('has the @ai-sdk/mcp name, fields and marker, and is an AISDKError (for ai@5 too)', () => {
    const e = new llm.MCPClientError({ message: 'x', code: -1, data: { a: 1 } });
    expect(e).toMatchObject({ name: 'MCPClientError', message: 'x', code: -1, data: { a: 1 } });
    expect(llm.MCPClientError.isInstance(e)).toBe(true);
    expect(llm.AISDKError.isInstance(e)).toBe(true);
    expect(ai.AISDKError.isInstance(e)).toBe(true);
    expect(e[Symbol.for('vercel.ai.error.AI_MCPClientError')]).toBe(true);
  });
});
