// A real MCP server made with the official SDK, for __test__/mcp.test.mjs: tools (one answering
// `isError`, one slow until cancelled, one that crashes its process), a resource and a template,
// a prompt. `node mcp-server.mjs [mode]` serves it on stdio; `startHttpServer()` serves it over
// Streamable HTTP (and the SDK's older SSE transport) on 127.0.0.1.
// Modes: `keepalive` (stays up when stdin closes, as badly behaved servers do), `crash-on-start`
// (writes to stderr and exits 3), `mute` (reads stdin, never answers). With MCP_TEST_PID_FILE
// set, the process writes its pid there first.
import fs from 'node:fs';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { SSEServerTransport } from '@modelcontextprotocol/sdk/server/sse.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';

/** `events` records what the tools saw (a slow call that was cancelled). */
export function createTestServer(events = []) {
  const server = new McpServer({ name: 'llm-native-test-server', version: '1.2.3' }, { instructions: 'Test tools.' });
  server.registerTool('weather', {
    description: 'Get the weather in a city',
    inputSchema: { location: z.string().describe('City name') },
  }, async ({ location }) => ({ content: [{ type: 'text', text: `Sunny in ${location}, 21°C` }] }));
  server.registerTool('add', {
    description: 'Add two numbers',
    inputSchema: { a: z.number(), b: z.number() },
  }, async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }], structuredContent: { sum: a + b } }));
  server.registerTool('lookup', {
    description: 'Look up a record (fails for unknown ids)',
    inputSchema: { id: z.string() },
  }, async ({ id }) => ({ content: [{ type: 'text', text: `No record ${id}` }], isError: true }));
  server.registerTool('slow', {
    description: 'Waits ms milliseconds, or until cancelled',
    inputSchema: { ms: z.number() },
  }, ({ ms }, extra) => new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ content: [{ type: 'text', text: 'done' }] }), ms);
    extra.signal.addEventListener('abort', () => { clearTimeout(timer); events.push({ cancelled: 'slow' }); resolve({ content: [] }); });
  }));
  server.registerTool('pid', { description: 'The server process id' }, async () => ({ content: [{ type: 'text', text: String(process.pid) }] }));
  server.registerTool('crash', { description: 'Crashes the server process' }, async () => {
    process.stderr.write('fatal: the tool crashed on purpose\n');
    process.exit(7);
  });
  server.registerResource('config', 'test://config', { description: 'The configuration', mimeType: 'application/json' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'application/json', text: '{"debug":true}' }] }));
  server.registerResource('note', new ResourceTemplate('test://notes/{id}', { list: undefined }), { description: 'A note by id' },
    async (uri, { id }) => ({ contents: [{ uri: uri.href, text: `Note ${id}` }] }));
  server.registerPrompt('review', {
    description: 'Review code',
    argsSchema: { code: z.string() },
  }, ({ code }) => ({ messages: [{ role: 'user', content: { type: 'text', text: `Please review:\n${code}` } }] }));
  return server;
}

/**
 * Serves the test server on 127.0.0.1: Streamable HTTP on `/mcp` (one server per session; `json`
 * makes it answer with JSON instead of event streams) and the SSE transport on `/sse` +
 * `/messages`. `requests` records method and path of every request.
 */
export async function startHttpServer({ json = false } = {}) {
  const events = [];
  const requests = [];
  const sessions = new Map();
  const sse = new Map();
  const httpServer = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    requests.push({ method: req.method, path: url.pathname, session: req.headers['mcp-session-id'], protocol: req.headers['mcp-protocol-version'], auth: req.headers.authorization });
    try {
      if (url.pathname === '/mcp') {
        const body = req.method === 'POST' ? JSON.parse(await text(req)) : undefined;
        let transport = sessions.get(req.headers['mcp-session-id']);
        if (!transport && req.method === 'POST' && isInitializeRequest(body)) {
          transport = new StreamableHTTPServerTransport({
            sessionIdGenerator: () => randomUUID(),
            enableJsonResponse: json,
            onsessioninitialized: (id) => sessions.set(id, transport),
          });
          transport.onclose = () => sessions.delete(transport.sessionId);
          await createTestServer(events).connect(transport);
        }
        if (!transport) return void res.writeHead(400).end('no session');
        return void await transport.handleRequest(req, res, body);
      }
      if (url.pathname === '/sse' && req.method === 'GET') {
        const transport = new SSEServerTransport('/messages', res);
        sse.set(transport.sessionId, transport);
        res.on('close', () => sse.delete(transport.sessionId));
        return void await createTestServer(events).connect(transport);
      }
      if (url.pathname === '/messages' && req.method === 'POST') {
        const transport = sse.get(url.searchParams.get('sessionId'));
        if (!transport) return void res.writeHead(404).end('no session');
        return void await transport.handlePostMessage(req, res, JSON.parse(await text(req)));
      }
      res.writeHead(404).end();
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  await new Promise((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address();
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    requests,
    sessions,
    close: () => new Promise((resolve) => { httpServer.closeAllConnections(); httpServer.close(() => resolve()); }),
  };
}

function text(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const mode = process.argv[2];
  if (process.env.MCP_TEST_PID_FILE) fs.writeFileSync(process.env.MCP_TEST_PID_FILE, String(process.pid));
  if (mode === 'crash-on-start') {
    process.stderr.write('starting test server\nerror: cannot open database test.db\n');
    process.exit(3);
  }
  if (mode === 'keepalive' || mode === 'mute') setInterval(() => {}, 1000);
  if (mode === 'mute') process.stdin.resume();
  else await createTestServer().connect(new StdioServerTransport());
}
