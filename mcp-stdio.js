'use strict';
// `llm-native/mcp-stdio`: where `ai/mcp-stdio` and `@ai-sdk/mcp/mcp-stdio` users find the stdio
// MCP transport after the import swap (the main entry exports it too).
module.exports = { Experimental_StdioMCPTransport: require('./index.js').Experimental_StdioMCPTransport };
