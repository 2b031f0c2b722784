// `llm-native/mcp-stdio` (as `@ai-sdk/mcp/mcp-stdio`).
export { Experimental_StdioMCPTransport } from './index';
export type { StdioConfig } from './index';
