'use strict';
// The transport a client's `transport` option names: an object of the app's own (anything with
// `start`, `send` and `close`), or a config — `sse`, `http`, or llm-native's `stdio` shorthand
// for `new Experimental_StdioMCPTransport({ command, args, env, cwd, stderr })`.
const { MCPClientError } = require('./errors.js');
const { SseMCPTransport } = require('./sse-transport.js');
const { HttpMCPTransport } = require('./http-transport.js');
const { StdioMCPTransport } = require('./stdio-transport.js');

const isCustomMcpTransport = (t) => ['start', 'send', 'close'].every((k) => typeof t?.[k] === 'function');

function createMcpTransport(config) {
  if (isCustomMcpTransport(config)) return config;
  switch (config?.type) {
    case 'sse': return new SseMCPTransport(config);
    case 'http': return new HttpMCPTransport(config);
    case 'stdio': return new StdioMCPTransport(config);
    default:
      throw new MCPClientError({
        message: 'Unsupported or invalid transport configuration. If you are using a custom transport, make sure it implements the MCPTransport interface.',
      });
  }
}

module.exports = { createMcpTransport, isCustomMcpTransport };
