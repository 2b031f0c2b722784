// Child of __test__/mcp.test.mjs: `exit` starts a stdio MCP server that does not stop when its
// stdin closes, prints the server's pid and exits (the exit hook must kill the server);
// `crash` starts a server that fails at once, with the default stderr (inherit), and prints the
// error it got.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as llm from '../../index.js';

const server = path.join(path.dirname(fileURLToPath(import.meta.url)), 'mcp-server.mjs');
const mode = process.argv[2];

if (mode === 'exit') {
  const client = await llm.experimental_createMCPClient({
    transport: new llm.Experimental_StdioMCPTransport({ command: process.execPath, args: [server, 'keepalive'] }),
  });
  const { pid } = await client.tools();
  console.log((await pid.execute({}, {})).content[0].text);
  process.exit(0);
}

if (mode === 'crash') {
  try {
    await llm.experimental_createMCPClient({ transport: { type: 'stdio', command: process.execPath, args: [server, 'crash-on-start'] } });
  } catch (e) {
    console.log(JSON.stringify({ name: e.name, message: e.message, isInstance: llm.MCPClientError.isInstance(e) }));
  }
}
