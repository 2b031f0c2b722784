// Compiled by mcp.test.mjs with `tsc --noEmit`: @ai-sdk/mcp-style code type-checks against
// llm-native's index.d.ts (and `llm-native/mcp-stdio`'s).
import { z } from 'zod';
import {
  experimental_createMCPClient, streamText, stepCountIs, createOpenAICompatible, MCPClientError,
  type experimental_MCPClient, type MCPTransport, type JSONRPCMessage, type CallToolResult,
} from '../index.js';
import { Experimental_StdioMCPTransport } from '../mcp-stdio.js';

export async function app(): Promise<string> {
  const stdio: experimental_MCPClient = await experimental_createMCPClient({
    transport: new Experimental_StdioMCPTransport({ command: 'node', args: ['server.mjs'], env: { A: '1' }, stderr: 'pipe' }),
    onUncaughtError: (e) => console.error(e),
    requestTimeout: 10_000,
  });
  const http = await experimental_createMCPClient({ transport: { type: 'http', url: 'http://127.0.0.1:1/mcp', headers: { Authorization: 'Bearer x' } } });
  const shorthand = await experimental_createMCPClient({ transport: { type: 'stdio', command: 'node', cwd: '/tmp' } });
  const typed = await stdio.tools({ schemas: { weather: { inputSchema: z.object({ location: z.string() }) } } });
  const output = await typed.weather.execute({ location: 'Berlin' }, { toolCallId: 'c', messages: [] });
  // @ts-expect-error: the input is typed by the schema
  await typed.weather.execute({ city: 'Berlin' }, { toolCallId: 'c', messages: [] });
  const all = await http.tools();
  const result = streamText({
    model: createOpenAICompatible({ name: 'l', baseURL: 'http://127.0.0.1:1/v1' })('m'),
    prompt: 'Weather?',
    tools: { ...all, ...typed },
    stopWhen: stepCountIs(3),
    onFinish: async () => { await stdio.close(); await http.close(); await shorthand.close(); },
  });
  const resources = await http.listResources();
  const text = await http.readResource({ uri: resources.resources[0].uri });
  const prompt = await http.experimental_getPrompt({ name: 'review', arguments: { code: 'x' } });
  console.log(output as CallToolResult, text.contents[0].uri, prompt.messages[0].role, http.serverInfo.name);
  try { await http.listPrompts({ options: { timeout: 100 } }); } catch (e) { if (MCPClientError.isInstance(e)) console.log(e.code, e.data); }
  return result.text;
}

export class MemoryTransport implements MCPTransport {
  onmessage?: (message: JSONRPCMessage) => void;
  async start(): Promise<void> {}
  async send(message: JSONRPCMessage): Promise<void> { this.onmessage?.(message); }
  async close(): Promise<void> {}
}
