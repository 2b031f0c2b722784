// Type definitions for llm-native. Names and shapes mirror the AI SDK v5 (`ai`, `@ai-sdk/openai`,
// `@ai-sdk/openai-compatible`) so that code typed against it keeps compiling after the import swap.

export type JSONValue = null | string | number | boolean | JSONValue[] | { [key: string]: JSONValue };
export type JSONSchema7 = Record<string, unknown>;
export type ProviderMetadata = Record<string, Record<string, JSONValue>>;
export type ProviderOptions = Record<string, Record<string, JSONValue>>;

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'tool-calls' | 'error' | 'other' | 'unknown';

/** Token counts; a count the provider did not report is absent (never NaN). */
export interface LanguageModelUsage {
  inputTokens?: number;
  outputTokens?: number;
  totalTokens?: number;
  reasoningTokens?: number;
  cachedInputTokens?: number;
}

export type CallWarning =
  | { type: 'unsupported-setting'; setting: string; details?: string }
  | { type: 'unsupported-tool'; tool: unknown; details?: string }
  | { type: 'other'; message: string };

// ---- messages ---------------------------------------------------------------------------------

export type DataContent = string | Uint8Array | ArrayBuffer | Buffer;

export interface TextPart { type: 'text'; text: string; providerOptions?: ProviderOptions }
export interface ImagePart { type: 'image'; image: DataContent | URL; mediaType?: string; providerOptions?: ProviderOptions }
export interface FilePart { type: 'file'; data: DataContent | URL; mediaType: string; filename?: string; providerOptions?: ProviderOptions }
export interface ReasoningPart { type: 'reasoning'; text: string; providerOptions?: ProviderOptions }
export interface ToolCallPart { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown; providerOptions?: ProviderOptions }
export type ToolResultOutput =
  | { type: 'text'; value: string }
  | { type: 'json'; value: JSONValue }
  | { type: 'error-text'; value: string }
  | { type: 'error-json'; value: JSONValue }
  | { type: 'content'; value: Array<{ type: 'text'; text: string } | { type: 'media'; data: string; mediaType: string }> };
export interface ToolResultPart { type: 'tool-result'; toolCallId: string; toolName: string; output: ToolResultOutput; providerOptions?: ProviderOptions }

export interface SystemModelMessage { role: 'system'; content: string; providerOptions?: ProviderOptions }
export interface UserModelMessage { role: 'user'; content: string | Array<TextPart | ImagePart | FilePart>; providerOptions?: ProviderOptions }
export interface AssistantModelMessage {
  role: 'assistant';
  content: string | Array<TextPart | FilePart | ReasoningPart | ToolCallPart | ToolResultPart>;
  providerOptions?: ProviderOptions;
}
export interface ToolModelMessage { role: 'tool'; content: ToolResultPart[]; providerOptions?: ProviderOptions }
export type ModelMessage = SystemModelMessage | UserModelMessage | AssistantModelMessage | ToolModelMessage;

// ---- tools ------------------------------------------------------------------------------------

export type ValidationResult<T> = { success: true; value: T } | { success: false; error: Error };
export interface Schema<T = unknown> {
  readonly jsonSchema: JSONSchema7;
  readonly validate?: (value: unknown) => ValidationResult<T> | PromiseLike<ValidationResult<T>>;
  readonly _type?: T;
}
/** A schema built on first use (`() => zodSchema(…)`). */
export type LazySchema<T> = () => Schema<T>;
/** A zod 4 schema (also `zod/v4` on zod 3.25, zod mini) as TypeScript sees it: its output type. */
export interface Zod4Schema<T = unknown> { readonly _zod: { readonly output: T } }
/** A zod 3 schema (v3 API). */
export interface Zod3Schema<T = unknown> { readonly _output: T; readonly _def: unknown }
/** What `inputSchema` takes, as `@ai-sdk/provider-utils`'s `FlexibleSchema` (zod is not needed to type-check). */
export type FlexibleSchema<T = unknown> = Zod4Schema<T> | Zod3Schema<T> | Schema<T> | LazySchema<T>;
export type InferSchema<S> = S extends Schema<infer T> ? T
  : S extends Zod4Schema<infer T> ? T
  : S extends Zod3Schema<infer T> ? T
  : S extends LazySchema<infer T> ? T
  : never;

export interface ToolCallOptions {
  toolCallId: string;
  messages: ModelMessage[];
  abortSignal?: AbortSignal;
  experimental_context?: unknown;
}
export type ToolExecuteFunction<INPUT, OUTPUT> = (input: INPUT, options: ToolCallOptions) => AsyncIterable<OUTPUT> | PromiseLike<OUTPUT> | OUTPUT;

/** A tool as in ai@5: `INPUT` is inferred from `inputSchema` (zod or `jsonSchema<T>()`), `OUTPUT` from `execute`. */
export interface Tool<INPUT = any, OUTPUT = any> {
  description?: string;
  /** A zod 4 / zod 3 schema, a `jsonSchema()` / `zodSchema()` schema, or (llm-native) a plain JSON schema. */
  inputSchema?: FlexibleSchema<INPUT> | JSONSchema7;
  /** v4 spelling of `inputSchema` (accepted). */
  parameters?: FlexibleSchema<INPUT> | JSONSchema7;
  /** A value, a promise, or an async iterable whose items are preliminary results (the last is final). */
  execute?: ToolExecuteFunction<INPUT, OUTPUT>;
  /** How the output is shown to the model (default: text for strings, JSON otherwise). */
  toModelOutput?: (output: OUTPUT) => ToolResultOutput;
  onInputStart?: (options: ToolCallOptions) => void | PromiseLike<void>;
  onInputDelta?: (options: { inputTextDelta: string } & ToolCallOptions) => void | PromiseLike<void>;
  onInputAvailable?: (options: { input: [INPUT] extends [never] ? undefined : INPUT } & ToolCallOptions) => void | PromiseLike<void>;
  type?: 'function' | 'dynamic' | 'provider-defined';
  /** A provider-defined tool's id (`google.google_search`, `anthropic.web_search_20250305`, …). */
  id?: `${string}.${string}`;
  /** A provider-defined tool's settings, as its factory took them. */
  args?: Record<string, unknown>;
  providerOptions?: ProviderOptions;
}
/** A factory of a provider's own tool: its options are the tool's settings. */
export type ProviderToolFactory<ARGS = Record<string, unknown>> = (args?: ARGS & Pick<Tool, 'execute' | 'toModelOutput' | 'onInputStart' | 'onInputDelta' | 'onInputAvailable'>) => Tool<any, any>;
export type InferToolInput<TOOL extends Tool> = TOOL extends Tool<infer INPUT, any> ? INPUT : never;
export type InferToolOutput<TOOL extends Tool> = TOOL extends Tool<any, infer OUTPUT> ? OUTPUT : never;
export type ToolSet = Record<string, Tool<any, any>>;
export type ToolChoice<TOOLS extends ToolSet = ToolSet> =
  | 'auto' | 'none' | 'required' | { type: 'tool'; toolName: Extract<keyof TOOLS, string> };

export declare function tool<INPUT = any, OUTPUT = any>(tool: Tool<INPUT, OUTPUT>): Tool<INPUT, OUTPUT>;
/** A tool whose input and output are not known statically (MCP, user-defined): `type: 'dynamic'`. */
export declare function dynamicTool(tool: {
  description?: string;
  inputSchema: FlexibleSchema<unknown> | JSONSchema7;
  execute: ToolExecuteFunction<unknown, unknown>;
  toModelOutput?: (output: unknown) => ToolResultOutput;
  providerOptions?: ProviderOptions;
}): Tool<unknown, unknown> & { type: 'dynamic' };
/** Wraps a JSON schema (or a function returning one, called on first use). */
export declare function jsonSchema<T = unknown>(
  schema: JSONSchema7 | (() => JSONSchema7),
  options?: { validate?: Schema<T>['validate'] },
): Schema<T>;
/** A zod 4 or zod 3 schema as a Schema: JSON Schema as ai@5 converts it, validation by zod. */
export declare function zodSchema<T>(schema: Zod4Schema<T> | Zod3Schema<T>, options?: { useReferences?: boolean }): Schema<T>;
export declare function asSchema<T>(schema: FlexibleSchema<T> | undefined): Schema<T>;

// ---- MCP client (as @ai-sdk/mcp 0.0.x, the line that goes with ai@5) -----------------------------

type MCPParams = { _meta?: Record<string, unknown>; [key: string]: unknown };
export type JSONRPCRequest = { jsonrpc: '2.0'; id: string | number; method: string; params?: MCPParams };
export type JSONRPCNotification = { jsonrpc: '2.0'; method: string; params?: MCPParams };
export type JSONRPCResponse = { jsonrpc: '2.0'; id: string | number; result: MCPParams };
export type JSONRPCError = { jsonrpc: '2.0'; id: string | number; error: { code: number; message: string; data?: unknown } };
export type JSONRPCMessage = JSONRPCRequest | JSONRPCNotification | JSONRPCResponse | JSONRPCError;

/** A transport of the app's own (the MCP spec's `Transport`); the client sets the `on…` handlers. */
export interface MCPTransport {
  start(): Promise<void>;
  send(message: JSONRPCMessage): Promise<void>;
  close(): Promise<void>;
  /** (llm-native) A transport that closes on its own may pass why: pending requests reject with it. */
  onclose?: (reason?: Error) => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
}
export type MCPTransportConfig = {
  type: 'sse' | 'http';
  url: string;
  headers?: Record<string, string>;
  /** (llm-native, as @ai-sdk/mcp 1.x) The fetch to use; default `globalThis.fetch`. */
  fetch?: typeof globalThis.fetch;
};
export interface StdioConfig {
  command: string;
  args?: string[];
  /** Added to a default set of this process's variables (PATH, HOME, …), not to all of them. */
  env?: Record<string, string>;
  /** Default `'inherit'` (shown on this process's stderr); the last lines are quoted when the server dies. */
  stderr?: 'inherit' | 'pipe' | 'ignore' | 'overlapped' | number | import('node:stream').Stream;
  cwd?: string;
}
/** (llm-native) `{ type: 'stdio', … }`: shorthand for `new Experimental_StdioMCPTransport({ … })`. */
export type MCPStdioTransportConfig = StdioConfig & { type: 'stdio' };
/** A stdio MCP server: a child process, ended by `close()` and when this process exits (Node only). */
export interface Experimental_StdioMCPTransport extends MCPTransport {}
export declare const Experimental_StdioMCPTransport: new (server: StdioConfig) => Experimental_StdioMCPTransport;

export type MCPRequestOptions = { signal?: AbortSignal; timeout?: number };
export type MCPClientCapabilities = { elicitation?: { applyDefaults?: boolean; [key: string]: unknown }; [key: string]: unknown };
export interface MCPClientConfig {
  transport: MCPTransportConfig | MCPStdioTransportConfig | MCPTransport;
  onUncaughtError?: (error: unknown) => void;
  /** Default `'ai-sdk-mcp-client'`. */
  name?: string;
  clientName?: string;
  /** Default `'1.0.0'`. */
  version?: string;
  capabilities?: MCPClientCapabilities;
  /** (llm-native) Milliseconds each request may take, `initialize` included; default: no limit. */
  requestTimeout?: number;
  /** Bounds or cancels the transport's start and `initialize` (default timeout: `requestTimeout`). */
  initializationOptions?: { signal?: AbortSignal; timeout?: number };
}
export type MCPTextContent = { type: 'text'; text: string; [key: string]: unknown };
export type MCPImageContent = { type: 'image'; data: string; mimeType: string; [key: string]: unknown };
export type MCPResourceContents = { uri: string; name?: string; title?: string; mimeType?: string; [key: string]: unknown } & ({ text: string } | { blob: string });
export type MCPEmbeddedResource = { type: 'resource'; resource: MCPResourceContents; [key: string]: unknown };
export type CallToolResult = { _meta?: Record<string, unknown>; [key: string]: unknown } & (
  | { content: Array<MCPTextContent | MCPImageContent | MCPEmbeddedResource>; isError?: boolean }
  | { toolResult: unknown }
);
type MCPPage = { _meta?: Record<string, unknown>; nextCursor?: string; [key: string]: unknown };
export type ListToolsResult = MCPPage & { tools: Array<{ name: string; description?: string; inputSchema: JSONSchema7 & { type: 'object' }; [key: string]: unknown }> };
export type ListResourcesResult = MCPPage & { resources: Array<{ uri: string; name: string; title?: string; description?: string; mimeType?: string; size?: number; [key: string]: unknown }> };
export type ReadResourceResult = { _meta?: Record<string, unknown>; contents: MCPResourceContents[]; [key: string]: unknown };
export type ListResourceTemplatesResult = { _meta?: Record<string, unknown>; resourceTemplates: Array<{ uriTemplate: string; name: string; title?: string; description?: string; mimeType?: string; [key: string]: unknown }>; [key: string]: unknown };
export type ListPromptsResult = MCPPage & { prompts: Array<{ name: string; title?: string; description?: string; arguments?: Array<{ name: string; description?: string; required?: boolean }>; [key: string]: unknown }> };
export type GetPromptResult = { _meta?: Record<string, unknown>; description?: string; messages: Array<{ role: 'user' | 'assistant'; content: MCPTextContent | MCPImageContent | MCPEmbeddedResource }>; [key: string]: unknown };

type MCPToolSchemas = Record<string, { inputSchema: FlexibleSchema<any> }> | 'automatic' | undefined;
type MCPTool<INPUT> = Tool<INPUT, CallToolResult> & Required<Pick<Tool<INPUT, CallToolResult>, 'execute'>>;
export type McpToolSet<TOOL_SCHEMAS extends MCPToolSchemas = 'automatic'> = TOOL_SCHEMAS extends Record<string, { inputSchema: FlexibleSchema<any> }>
  ? { [K in keyof TOOL_SCHEMAS]: TOOL_SCHEMAS[K] extends { inputSchema: FlexibleSchema<infer INPUT> } ? MCPTool<INPUT> : never }
  : Record<string, MCPTool<unknown>>;

export interface MCPClient {
  /** What the server said of itself in `initialize` (as @ai-sdk/mcp 1.x). */
  readonly serverInfo: { name: string; version: string; [key: string]: unknown };
  readonly instructions?: string;
  tools<TOOL_SCHEMAS extends MCPToolSchemas = 'automatic'>(options?: { schemas?: TOOL_SCHEMAS }): Promise<McpToolSet<TOOL_SCHEMAS>>;
  listTools(options?: { params?: { cursor?: string }; options?: MCPRequestOptions }): Promise<ListToolsResult>;
  listResources(options?: { params?: { cursor?: string }; options?: MCPRequestOptions }): Promise<ListResourcesResult>;
  readResource(args: { uri: string; options?: MCPRequestOptions }): Promise<ReadResourceResult>;
  listResourceTemplates(options?: { options?: MCPRequestOptions }): Promise<ListResourceTemplatesResult>;
  listPrompts(options?: { params?: { cursor?: string }; options?: MCPRequestOptions }): Promise<ListPromptsResult>;
  getPrompt(args: { name: string; arguments?: Record<string, unknown>; options?: MCPRequestOptions }): Promise<GetPromptResult>;
  /** @ai-sdk/mcp 1.x's name of `listPrompts`. */
  experimental_listPrompts(options?: { params?: { cursor?: string }; options?: MCPRequestOptions }): Promise<ListPromptsResult>;
  /** @ai-sdk/mcp 1.x's name of `getPrompt`. */
  experimental_getPrompt(args: { name: string; arguments?: Record<string, unknown>; options?: MCPRequestOptions }): Promise<GetPromptResult>;
  close: () => Promise<void>;
}
export type experimental_MCPClient = MCPClient;
export type experimental_MCPClientConfig = MCPClientConfig;
export type experimental_MCPClientCapabilities = MCPClientCapabilities;
/** Connects to an MCP server (`initialize`) and resolves to a client for its tools, resources and prompts. */
export declare function experimental_createMCPClient(config: MCPClientConfig): Promise<MCPClient>;
export declare function createMCPClient(config: MCPClientConfig): Promise<MCPClient>;
export declare class MCPClientError extends AISDKError {
  constructor(options: { name?: string; message: string; cause?: unknown; data?: unknown; code?: number });
  /** The JSON-RPC error's `data` (for a stdio server that died: `{ exitCode, signal, stderr }`). */
  readonly data?: unknown;
  /** The JSON-RPC error code, when the server answered with an error. */
  readonly code?: number;
  static isInstance(error: unknown): error is MCPClientError;
}

// ---- @ai-sdk/provider-utils helpers -------------------------------------------------------------

export type IdGenerator = () => string;
/** Random ids (16 characters of `0-9A-Za-z` by default); with `prefix`, `<prefix><separator><id>`. */
export declare function createIdGenerator(options?: { prefix?: string; separator?: string; size?: number; alphabet?: string }): IdGenerator;
export declare const generateId: IdGenerator;
export declare function safeValidateTypes<T>(options: { value: unknown; schema: FlexibleSchema<T> }): Promise<
  { success: true; value: T; rawValue: unknown } | { success: false; error: TypeValidationError; rawValue: unknown }
>;
/** The validated value; throws `TypeValidationError`. */
export declare function validateTypes<T>(options: { value: unknown; schema: FlexibleSchema<T> }): Promise<T>;
/** Parses JSON that may be cut off (a streaming tool input), repairing it when needed. */
export declare function parsePartialJson(jsonText: string | undefined): Promise<{
  value: JSONValue | undefined;
  state: 'undefined-input' | 'successful-parse' | 'repaired-parse' | 'failed-parse';
}>;
/** A ReadableStream of `chunks` with delays (`null`: none), for tests and demos. */
export declare function simulateReadableStream<T>(options: {
  chunks: T[];
  initialDelayInMs?: number | null;
  chunkDelayInMs?: number | null;
  _internal?: { delay?: (ms: number | null) => Promise<void> };
}): ReadableStream<T>;

// ---- models and providers ---------------------------------------------------------------------

// The provider interface `LanguageModelV2` as `@ai-sdk/provider` declares it: llm-native's models
// implement it (so ai@5 runs them), and streamText / generateText take any model that does.
export type SharedV2Headers = Record<string, string>;
export type LanguageModelV2DataContent = Uint8Array | string | URL;
export interface LanguageModelV2TextPart { type: 'text'; text: string; providerOptions?: ProviderOptions }
export interface LanguageModelV2ReasoningPart { type: 'reasoning'; text: string; providerOptions?: ProviderOptions }
export interface LanguageModelV2FilePart { type: 'file'; filename?: string; data: LanguageModelV2DataContent; mediaType: string; providerOptions?: ProviderOptions }
export interface LanguageModelV2ToolCallPart { type: 'tool-call'; toolCallId: string; toolName: string; input: unknown; providerExecuted?: boolean; providerOptions?: ProviderOptions }
export interface LanguageModelV2ToolResultPart { type: 'tool-result'; toolCallId: string; toolName: string; output: ToolResultOutput; providerOptions?: ProviderOptions }
export type LanguageModelV2Message =
  | { role: 'system'; content: string; providerOptions?: ProviderOptions }
  | { role: 'user'; content: Array<LanguageModelV2TextPart | LanguageModelV2FilePart>; providerOptions?: ProviderOptions }
  | { role: 'assistant'; content: Array<LanguageModelV2TextPart | LanguageModelV2FilePart | LanguageModelV2ReasoningPart | LanguageModelV2ToolCallPart | LanguageModelV2ToolResultPart>; providerOptions?: ProviderOptions }
  | { role: 'tool'; content: LanguageModelV2ToolResultPart[]; providerOptions?: ProviderOptions };
export type LanguageModelV2Prompt = LanguageModelV2Message[];
export interface LanguageModelV2FunctionTool { type: 'function'; name: string; description?: string; inputSchema: JSONSchema7; providerOptions?: ProviderOptions }
export interface LanguageModelV2ProviderDefinedTool { type: 'provider-defined'; id: `${string}.${string}`; name: string; args: Record<string, unknown> }
export type LanguageModelV2ToolChoice = { type: 'auto' } | { type: 'none' } | { type: 'required' } | { type: 'tool'; toolName: string };
export interface LanguageModelV2CallOptions {
  prompt: LanguageModelV2Prompt;
  maxOutputTokens?: number;
  temperature?: number;
  stopSequences?: string[];
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  responseFormat?: { type: 'text' } | { type: 'json'; schema?: JSONSchema7; name?: string; description?: string };
  seed?: number;
  tools?: Array<LanguageModelV2FunctionTool | LanguageModelV2ProviderDefinedTool>;
  toolChoice?: LanguageModelV2ToolChoice;
  includeRawChunks?: boolean;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  providerOptions?: ProviderOptions;
}
export type LanguageModelV2CallWarning =
  | { type: 'unsupported-setting'; setting: Omit<keyof LanguageModelV2CallOptions, 'prompt'>; details?: string }
  | { type: 'unsupported-tool'; tool: LanguageModelV2FunctionTool | LanguageModelV2ProviderDefinedTool; details?: string }
  | { type: 'other'; message: string };
export type LanguageModelV2FinishReason = FinishReason;
export interface LanguageModelV2Usage {
  inputTokens: number | undefined;
  outputTokens: number | undefined;
  totalTokens: number | undefined;
  reasoningTokens?: number | undefined;
  cachedInputTokens?: number | undefined;
}
export interface LanguageModelV2ResponseMetadata { id?: string; timestamp?: Date; modelId?: string }
export interface LanguageModelV2ToolCall { type: 'tool-call'; toolCallId: string; toolName: string; input: string; providerExecuted?: boolean; providerMetadata?: ProviderMetadata }
export interface LanguageModelV2ToolResult { type: 'tool-result'; toolCallId: string; toolName: string; result: unknown; isError?: boolean; providerExecuted?: boolean; providerMetadata?: ProviderMetadata }
export interface LanguageModelV2File { type: 'file'; mediaType: string; data: string | Uint8Array }
export type LanguageModelV2Source =
  | { type: 'source'; sourceType: 'url'; id: string; url: string; title?: string; providerMetadata?: ProviderMetadata }
  | { type: 'source'; sourceType: 'document'; id: string; mediaType: string; title: string; filename?: string; providerMetadata?: ProviderMetadata };
export type LanguageModelV2Content =
  | { type: 'text'; text: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning'; text: string; providerMetadata?: ProviderMetadata }
  | LanguageModelV2File | LanguageModelV2Source | LanguageModelV2ToolCall | LanguageModelV2ToolResult;
export type LanguageModelV2StreamPart =
  | { type: 'text-start' | 'text-end' | 'reasoning-start' | 'reasoning-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-delta' | 'reasoning-delta'; id: string; delta: string; providerMetadata?: ProviderMetadata }
  | { type: 'tool-input-start'; id: string; toolName: string; providerMetadata?: ProviderMetadata; providerExecuted?: boolean }
  | { type: 'tool-input-delta'; id: string; delta: string; providerMetadata?: ProviderMetadata }
  | { type: 'tool-input-end'; id: string; providerMetadata?: ProviderMetadata }
  | LanguageModelV2ToolCall | LanguageModelV2ToolResult | LanguageModelV2File | LanguageModelV2Source
  | { type: 'stream-start'; warnings: LanguageModelV2CallWarning[] }
  | ({ type: 'response-metadata' } & LanguageModelV2ResponseMetadata)
  | { type: 'finish'; usage: LanguageModelV2Usage; finishReason: LanguageModelV2FinishReason; providerMetadata?: ProviderMetadata }
  | { type: 'raw'; rawValue: unknown }
  | { type: 'error'; error: unknown };
export interface LanguageModelV2GenerateResult {
  content: LanguageModelV2Content[];
  finishReason: LanguageModelV2FinishReason;
  usage: LanguageModelV2Usage;
  providerMetadata?: ProviderMetadata;
  request?: { body?: unknown };
  response?: LanguageModelV2ResponseMetadata & { headers?: SharedV2Headers; body?: unknown };
  warnings: LanguageModelV2CallWarning[];
}
export interface LanguageModelV2StreamResult {
  stream: ReadableStream<LanguageModelV2StreamPart>;
  request?: { body?: unknown };
  response?: { headers?: SharedV2Headers };
}
/** A language model as providers implement it (`@ai-sdk/provider`'s `LanguageModelV2`). */
export interface LanguageModelV2 {
  readonly specificationVersion: 'v2';
  readonly provider: string;
  readonly modelId: string;
  supportedUrls: PromiseLike<Record<string, RegExp[]>> | Record<string, RegExp[]>;
  doGenerate(options: LanguageModelV2CallOptions): PromiseLike<LanguageModelV2GenerateResult>;
  doStream(options: LanguageModelV2CallOptions): PromiseLike<LanguageModelV2StreamResult>;
}

/**
 * A language model: one of an llm-native provider (its credentials live in the native addon;
 * `doStream` / `doGenerate` run one native step), or any other LanguageModelV2.
 */
export type LanguageModel = LanguageModelV2;

/** Middleware around a LanguageModelV2 (`wrapLanguageModel`), as ai@5's `LanguageModelMiddleware`. */
export interface LanguageModelMiddleware {
  middlewareVersion?: 'v2' | undefined;
  overrideProvider?: (options: { model: LanguageModelV2 }) => string;
  overrideModelId?: (options: { model: LanguageModelV2 }) => string;
  overrideSupportedUrls?: (options: { model: LanguageModelV2 }) => PromiseLike<Record<string, RegExp[]>> | Record<string, RegExp[]>;
  /** Only this (on an llm-native model): the step keeps its native stream, with the transformed call. */
  transformParams?: (options: { type: 'generate' | 'stream'; params: LanguageModelV2CallOptions; model: LanguageModelV2 }) => PromiseLike<LanguageModelV2CallOptions>;
  wrapGenerate?: (options: {
    doGenerate: () => PromiseLike<LanguageModelV2GenerateResult>;
    doStream: () => PromiseLike<LanguageModelV2StreamResult>;
    params: LanguageModelV2CallOptions;
    model: LanguageModelV2;
  }) => Promise<LanguageModelV2GenerateResult>;
  wrapStream?: (options: {
    doGenerate: () => PromiseLike<LanguageModelV2GenerateResult>;
    doStream: () => PromiseLike<LanguageModelV2StreamResult>;
    params: LanguageModelV2CallOptions;
    model: LanguageModelV2;
  }) => PromiseLike<LanguageModelV2StreamResult>;
}
export type LanguageModelV2Middleware = LanguageModelMiddleware;
/** `middleware` (one, or several: the first is the outermost) around `model`. */
export declare function wrapLanguageModel(options: {
  model: LanguageModelV2;
  middleware: LanguageModelMiddleware | LanguageModelMiddleware[];
  modelId?: string;
  providerId?: string;
}): LanguageModelV2;
/** The provider with `languageModelMiddleware` around each of its language models. */
export declare function wrapProvider(options: {
  provider: { languageModel(modelId: string): LanguageModelV2; textEmbeddingModel?: unknown; imageModel?: unknown; transcriptionModel?: unknown; speechModel?: unknown };
  languageModelMiddleware: LanguageModelMiddleware | LanguageModelMiddleware[];
}): { languageModel(modelId: string): LanguageModelV2; textEmbeddingModel?: any; imageModel?: any; transcriptionModel?: any; speechModel?: any };
/** Call options the call itself does not set (deep-merged, the call's win); params-only. */
export declare function defaultSettingsMiddleware(options: { settings: Partial<Omit<LanguageModelV2CallOptions, 'prompt'>> }): LanguageModelMiddleware;
/** Text between `<tagName>` and `</tagName>` becomes reasoning. */
export declare function extractReasoningMiddleware(options: { tagName: string; separator?: string; startWithReasoning?: boolean }): LanguageModelMiddleware;
/** `doStream` answered by the model's `doGenerate`, streamed whole. */
export declare function simulateStreamingMiddleware(): LanguageModelMiddleware;

/** A text embedding model (`embed` / `embedMany`); its credentials live in the native addon. */
export interface EmbeddingModel<VALUE = string> {
  readonly specificationVersion: 'v2';
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number;
  readonly supportsParallelCalls: boolean;
  /** (Only the type parameter: text models embed strings.) */
  readonly __value?: VALUE;
}
/** The embedding model methods of a provider (`@ai-sdk`'s names). */
export interface EmbeddingModels {
  textEmbeddingModel(modelId: string): EmbeddingModel<string>;
  textEmbedding(modelId: string): EmbeddingModel<string>;
  embedding(modelId: string): EmbeddingModel<string>;
}

export interface OpenAICompatibleProvider extends EmbeddingModels {
  (modelId: string): LanguageModel;
  languageModel(modelId: string): LanguageModel;
  chatModel(modelId: string): LanguageModel;
  chat(modelId: string): LanguageModel;
}
export interface OpenAIProvider extends EmbeddingModels {
  /** A Responses API model (the AI SDK v5 default). */
  (modelId: string): LanguageModel;
  languageModel(modelId: string): LanguageModel;
  responses(modelId: string): LanguageModel;
  /** A Chat Completions model, as `@ai-sdk/openai`'s chat model. */
  chat(modelId: string): LanguageModel;
  /** OpenAI's own Responses tools, run by OpenAI (local shell: by the app), as `openai.tools`. */
  tools: {
    webSearch: ProviderToolFactory<{ externalWebAccess?: boolean; filters?: { allowedDomains?: string[]; blockedDomains?: string[] }; searchContextSize?: 'low' | 'medium' | 'high'; userLocation?: { type: 'approximate'; country?: string; city?: string; region?: string; timezone?: string } }>;
    webSearchPreview: ProviderToolFactory<{ searchContextSize?: 'low' | 'medium' | 'high'; userLocation?: { type: 'approximate'; country?: string; city?: string; region?: string; timezone?: string } }>;
    fileSearch: ProviderToolFactory<{ vectorStoreIds: string[]; maxNumResults?: number; ranking?: { ranker?: string; scoreThreshold?: number }; filters?: Record<string, unknown> }>;
    codeInterpreter: ProviderToolFactory<{ container?: string | { fileIds?: string[] } }>;
    imageGeneration: ProviderToolFactory<Record<string, unknown>>;
    localShell: ProviderToolFactory<{ execute?: ToolExecuteFunction<any, any> }>;
  };
}

/** Limits in milliseconds; absent = default (connect 10 s, first byte 300 s, idle gap 300 s). */
export interface Timeouts {
  connectMs?: number;
  firstByteMs?: number;
  /** Longest gap between stream chunks; when set, pings and SSE comments do not count as chunks. */
  idleMs?: number;
  /** No text, reasoning or tool part within this long of the request (retryable). */
  firstContentMs?: number;
}

/**
 * The `ai@6` `timeout` call option: a number is `totalMs`. Each limit ends the call with its own
 * error (`TotalTimeoutError`, `StepTimeoutError`, `IdleTimeoutError` for `chunkMs`,
 * `FirstContentTimeoutError`); `toolMs` (or `tools: { <toolName>Ms }`) makes a tool that runs
 * longer a `tool-error` with a `ToolTimeoutError` (its `abortSignal` fires).
 */
export type TimeoutConfiguration = number | {
  totalMs?: number;
  stepMs?: number;
  chunkMs?: number;
  firstContentMs?: number;
  toolMs?: number;
  tools?: Record<string, number | undefined>;
};

/** Client-side limits per provider (llm-native extension). */
export interface RateLimit {
  /** Shorthand for `maxRequests` per 60,000 ms. */
  requestsPerMinute?: number;
  maxRequests?: number;
  intervalMs?: number;
  maxConcurrentStreams?: number;
}

/** Network settings every llm-native provider takes. */
export interface NetworkSettings {
  timeouts?: Timeouts;
  rateLimit?: RateLimit;
  /** Proxy URL for this provider; otherwise HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply. */
  proxy?: string;
  /** Extra trusted root certificates (PEM), added to the platform's. */
  caCertificates?: string[];
  /**
   * The AI SDK's `fetch` setting: performs every request of this provider (proxies, per-request
   * auth, logging). Keys from the keychain or a login are not passed to it.
   */
  fetch?: typeof globalThis.fetch;
}

/** Where a provider's key comes from when no `apiKey` is given (see `setApiKey`, `startOAuth`). */
export interface CredentialSettings {
  /**
   * Keychain entry to read the key from at request time, before the env var. Defaults to the
   * provider's id (`openai`, `anthropic`, `google`; none for createOpenAICompatible); `false` = env var only.
   */
  credentialProviderId?: string | false;
  /** Use the stored OAuth login: `true` = this provider's, or a login id (`'github-copilot'`). */
  oauth?: boolean | OAuthProviderId;
}

export interface OpenAICompatibleProviderSettings extends NetworkSettings, CredentialSettings {
  /** Provider name: the `providerOptions` / `providerMetadata` key, and `<name>.chat` as `provider`. */
  name: string;
  baseURL: string;
  /** Handed to the native addon; not readable back from any returned object. */
  apiKey?: string;
  headers?: Record<string, string>;
  /** Ask for usage in the stream (`stream_options.include_usage`). */
  includeUsage?: boolean;
}
export interface OpenAIProviderSettings extends NetworkSettings, CredentialSettings {
  baseURL?: string;
  /** Defaults to the `OPENAI_API_KEY` environment variable, read natively at request time. */
  apiKey?: string;
  headers?: Record<string, string>;
  organization?: string;
  project?: string;
  name?: string;
}
export interface AnthropicProviderSettings extends NetworkSettings, CredentialSettings {
  /** Default `ANTHROPIC_BASE_URL` or `https://api.anthropic.com/v1`. */
  baseURL?: string;
  /** Defaults to `ANTHROPIC_API_KEY`, read natively at request time. */
  apiKey?: string;
  headers?: Record<string, string>;
  /** The `provider` string of its models (default `anthropic.messages`). */
  name?: string;
}
export interface AnthropicProvider {
  (modelId: string): LanguageModel;
  languageModel(modelId: string): LanguageModel;
  messages(modelId: string): LanguageModel;
  /** Anthropic has no embedding models: throws `NoSuchModelError`, as `@ai-sdk/anthropic`. */
  textEmbeddingModel(modelId: string): never;
  /** Anthropic's own tools (`anthropic.tools`): server tools Anthropic runs, and client-run ones. */
  tools: {
    webSearch_20250305: ProviderToolFactory<{ maxUses?: number; allowedDomains?: string[]; blockedDomains?: string[]; userLocation?: { type: 'approximate'; city?: string; region?: string; country?: string; timezone?: string } }>;
    webFetch_20250910: ProviderToolFactory<{ maxUses?: number; allowedDomains?: string[]; blockedDomains?: string[]; citations?: { enabled: boolean }; maxContentTokens?: number }>;
    codeExecution_20250522: ProviderToolFactory;
    codeExecution_20250825: ProviderToolFactory;
    codeExecution_20260120: ProviderToolFactory;
    bash_20241022: ProviderToolFactory;
    bash_20250124: ProviderToolFactory;
    computer_20241022: ProviderToolFactory<{ displayWidthPx: number; displayHeightPx: number; displayNumber?: number }>;
    computer_20250124: ProviderToolFactory<{ displayWidthPx: number; displayHeightPx: number; displayNumber?: number }>;
    computerToolset_20260801: ProviderToolFactory<{ configs?: Record<string, { enabled?: boolean; deferLoading?: boolean }> }>;
    memory_20250818: ProviderToolFactory;
    textEditor_20241022: ProviderToolFactory;
    textEditor_20250124: ProviderToolFactory;
    textEditor_20250429: ProviderToolFactory;
    textEditor_20250728: ProviderToolFactory<{ maxCharacters?: number }>;
  };
}
export declare function createAnthropic(settings?: AnthropicProviderSettings): AnthropicProvider;
export declare const anthropic: AnthropicProvider;
export interface GoogleGenerativeAIProviderSettings extends NetworkSettings, CredentialSettings {
  /** Default `https://generativelanguage.googleapis.com/v1beta`. */
  baseURL?: string;
  /** Defaults to `GOOGLE_GENERATIVE_AI_API_KEY`, read natively at request time. */
  apiKey?: string;
  headers?: Record<string, string>;
  /** The `provider` string of its models (default `google.generative-ai`). */
  name?: string;
}
export interface GoogleGenerativeAIProvider extends EmbeddingModels {
  (modelId: string): LanguageModel;
  languageModel(modelId: string): LanguageModel;
  chat(modelId: string): LanguageModel;
  /** Gemini's own tools, run by Google (as `@ai-sdk/google`'s `google.tools`). */
  tools: {
    googleSearch: ProviderToolFactory<{ mode?: string; dynamicThreshold?: number }>;
    enterpriseWebSearch: ProviderToolFactory;
    googleMaps: ProviderToolFactory;
    urlContext: ProviderToolFactory;
    fileSearch: ProviderToolFactory<{ fileSearchStoreNames: string[]; topK?: number; metadataFilter?: string }>;
    codeExecution: ProviderToolFactory;
    vertexRagStore: ProviderToolFactory<{ ragCorpus: string; topK?: number }>;
  };
}
export declare function createGoogleGenerativeAI(settings?: GoogleGenerativeAIProviderSettings): GoogleGenerativeAIProvider;
export declare const google: GoogleGenerativeAIProvider;
export declare function createOpenAICompatible(settings: OpenAICompatibleProviderSettings): OpenAICompatibleProvider;
export declare function createOpenAI(settings?: OpenAIProviderSettings): OpenAIProvider;
export declare const openai: OpenAIProvider;

/** Settings of the vendor factories (`createDeepSeek`, `createOpenRouter`, `createGateway`). */
export interface VendorProviderSettings extends NetworkSettings, CredentialSettings {
  baseURL?: string;
  /** Defaults to the vendor's variable (`DEEPSEEK_API_KEY`, `OPENROUTER_API_KEY`, `AI_GATEWAY_API_KEY`). */
  apiKey?: string;
  headers?: Record<string, string>;
}
export interface OpenRouterProviderSettings extends VendorProviderSettings {
  /** OpenRouter's attribution headers: `HTTP-Referer` and `X-Title`. */
  appUrl?: string;
  appName?: string;
}
/** `createDeepSeek` as `@ai-sdk/deepseek` (`deepseek.chat`, `https://api.deepseek.com/v1`). */
export declare function createDeepSeek(settings?: VendorProviderSettings): OpenAICompatibleProvider;
/** `createOpenRouter` as `@openrouter/ai-sdk-provider`'s chat models (`openrouter.chat`). */
export declare function createOpenRouter(settings?: OpenRouterProviderSettings): OpenAICompatibleProvider;
/** The Vercel AI Gateway through its OpenAI-compatible API (`provider/model` ids). */
export declare function createGateway(settings?: VendorProviderSettings): OpenAICompatibleProvider;
/**
 * GitHub Copilot with the stored login (`startDeviceFlow('github-copilot')`); models Copilot
 * serves only through the Responses API go there.
 */
export declare function createGitHubCopilot(settings?: NetworkSettings & { baseURL?: string; headers?: Record<string, string> }): OpenAICompatibleProvider;

// ---- provider registry and model catalogue ----------------------------------------------------

export type ProviderProtocol = 'openai-chat' | 'openai-platform-chat' | 'anthropic-messages' | 'openai-responses' | 'google-generative-ai';
/** How a provider's live model list is fetched. */
export type ModelsListKind = 'openai' | 'anthropic' | 'ollama';

/** A provider as the registry lists it. Never holds a key. */
export interface ProviderInfo {
  id: string;
  name: string;
  protocol: ProviderProtocol;
  baseURL: string;
  /** Where the key is read from at request time; `null` = no key needed (local servers). */
  apiKeyEnvVar: string | null;
  keychainKey: string | null;
  oauth: boolean;
  /** Resells other makers' models: bare model ids prefer first-party providers. */
  aggregator: boolean;
  modelsList: ModelsListKind | null;
  includeUsage: boolean;
  defaultModels: string[];
  headers: Record<string, string>;
  builtin: boolean;
  /** No key needed, or its environment variable is set. */
  hasCredentials: boolean;
}

/** `registerProvider` input. A key is never stored: name its environment variable instead. */
export interface CustomProviderConfig {
  /** Letters, digits, `.`, `_`, `-`; must not be a built-in id. */
  id: string;
  /** Default: the id. */
  name?: string;
  /** Default `openai-chat` (OpenAI-compatible); `anthropic-messages` for Anthropic-compatible servers. */
  protocol?: ProviderProtocol;
  baseURL: string;
  apiKeyEnvVar?: string | null;
  headers?: Record<string, string>;
  defaultModels?: string[];
  includeUsage?: boolean;
  /** Default by protocol (`openai` for OpenAI protocols, `anthropic` for Anthropic). */
  modelsList?: ModelsListKind | null;
}
/** Fields to change; `null` resets one to its default. */
export type CustomProviderPatch = { [K in keyof Omit<CustomProviderConfig, 'id'>]?: CustomProviderConfig[K] | null };

/** USD per million tokens; a missing cache price bills cache tokens as input. */
export interface ModelPrices {
  input: number;
  output: number;
  cacheRead?: number | null;
  cacheWrite?: number | null;
}
export interface ModelCapabilities {
  tools: boolean;
  reasoning: boolean;
  imageInput: boolean;
  structuredOutput: boolean;
}
export interface ModelEntry {
  provider: string;
  id: string;
  name: string;
  contextWindow: number | null;
  maxOutputTokens: number | null;
  /** `null`: not known, or not billed per token. */
  cost: ModelPrices | null;
  capabilities: ModelCapabilities;
  aliases: string[];
}
/** `addModels` input: an entry with the optional fields left out. */
export type ModelEntryInput = Pick<ModelEntry, 'provider' | 'id' | 'name'> & {
  contextWindow?: number | null;
  maxOutputTokens?: number | null;
  cost?: ModelPrices | null;
  capabilities?: Partial<ModelCapabilities>;
  aliases?: string[];
};

export interface ResolvedModel {
  provider: ProviderInfo;
  /** The id sent to the provider (the catalogue id when an alias was given). */
  modelId: string;
  model: ModelEntry | null;
  /** The AI SDK `provider` string of the model, e.g. `deepseek.chat`. */
  modelProvider: string;
}

export interface AvailableModel {
  /** `provider/model`, for `languageModelFromId`. */
  id: string;
  providerId: string;
  modelId: string;
  name: string;
  /** Listed by the provider's live endpoint. */
  live: boolean;
  catalog: ModelEntry | null;
}
export interface AvailableModels {
  models: AvailableModel[];
  /** Providers whose live list failed (their catalogue models are still in `models`). */
  errors: Array<{ providerId: string; message: string }>;
}

export interface ModelCost {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  total: number;
}

/**
 * Where llm-native keeps its files (`providers.json`, `catalog.json`, `usage.sqlite`), and whether
 * each step is recorded in the usage ledger (default on). `configure({ usageLedger })` alone
 * leaves the directory where it is.
 */
export declare function configure(settings?: { configDir?: string; usageLedger?: boolean }): {
  configDir: string;
  providersFile: string;
  /** The ledger file, or `null` when recording is off. */
  usageLedger: string | null;
};
export declare function listProviders(): ProviderInfo[];
export declare function registerProvider(config: CustomProviderConfig): Promise<ProviderInfo>;
export declare function updateProvider(id: string, patch: CustomProviderPatch): Promise<ProviderInfo>;
export declare function removeProvider(id: string): Promise<void>;
/** `'provider/model'` or a bare catalogue id (or alias). */
export declare function resolveModel(modelId: string): ResolvedModel;
/** Adds or replaces (same provider and id) catalogue entries for this process. */
export declare function addModels(models: ModelEntryInput[]): void;
export declare function listModels(): ModelEntry[];
/** Models of providers with credentials, merged with their live lists (cached 5 minutes unless `refresh`). */
export declare function listAvailableModels(options?: { refresh?: boolean; providers?: string[] }): Promise<AvailableModels>;
/** Cost in USD from the catalogue prices; `null` when the model has none. */
export declare function estimateCost(
  modelId: string,
  usage: LanguageModelUsage & { cacheCreationInputTokens?: number },
): ModelCost | null;
// ---- embeddings ---------------------------------------------------------------------------------

export interface EmbeddingModelUsage {
  /** `undefined` when the provider reports none (the AI SDK: `NaN`). */
  tokens: number | undefined;
}
export interface EmbedCallOptions {
  /** Default 2. */
  maxRetries?: number;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
  providerOptions?: Record<string, Record<string, unknown>>;
}
export interface EmbedResult<VALUE = string> {
  readonly value: VALUE;
  readonly embedding: number[];
  readonly usage: EmbeddingModelUsage;
  readonly providerMetadata?: Record<string, Record<string, unknown>>;
  readonly response?: { headers?: Record<string, string>; body?: unknown };
}
export interface EmbedManyResult<VALUE = string> {
  readonly values: VALUE[];
  readonly embeddings: number[][];
  readonly usage: EmbeddingModelUsage;
  readonly providerMetadata?: Record<string, Record<string, unknown>>;
  readonly responses?: Array<{ headers?: Record<string, string>; body?: unknown } | undefined>;
}
/** `embed` as in `ai@5`: one value, one call. */
export declare function embed(options: EmbedCallOptions & { model: EmbeddingModel<string>; value: string }): Promise<EmbedResult<string>>;
/**
 * `embedMany` as in `ai@5`: the values split into calls by the model's limits (2,048 values;
 * OpenAI: 300,000 bytes), `maxParallelCalls` at once (default all), in the values' order.
 */
export declare function embedMany(
  options: EmbedCallOptions & { model: EmbeddingModel<string>; values: string[]; maxParallelCalls?: number },
): Promise<EmbedManyResult<string>>;
/** The cosine similarity of two vectors of the same length (0 when either is all zeros). */
export declare function cosineSimilarity(vector1: number[], vector2: number[]): number;

/** What `updateCatalog` installed. */
export interface CatalogUpdate {
  /** The catalogue's date (`YYYY-MM-DD`: its own, else the day it was loaded). */
  date: string;
  /** The URL or file it came from. */
  source: string;
  sha256: string;
  models: number;
  /** Where it is kept for later processes (`<configDir>/catalog.json`). */
  file: string;
}
/**
 * Loads a newer model catalogue (models.json's format or models.dev's `api.json`), checked against
 * `sha256` when given and entry by entry, and keeps it under `configDir` for later processes. A bad
 * or unverifiable catalogue changes nothing: `CatalogUpdateError` says why.
 */
export declare function updateCatalog(source: { url: string; sha256?: string } | { file: string; sha256?: string }): Promise<CatalogUpdate>;

/** Totals of the steps the usage ledger recorded. */
export interface UsageTotals {
  steps: number;
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** From the catalogue prices; `null` when no step had one. */
  costUsd: number | null;
  durationMs: number;
  errors: number;
  aborted: number;
}
export interface UsageQuery {
  /** From this time (inclusive): a Date, ms since the epoch, or a date string. */
  since?: Date | number | string;
  /** Before this time (exclusive). */
  until?: Date | number | string;
  provider?: string;
  model?: string;
  groupBy?: UsageGroupBy | UsageGroupBy[];
}
export type UsageGroupBy = 'provider' | 'model' | 'day';
/** Totals over `<configDir>/usage.sqlite` (every process's steps); `groups` when `groupBy` is given (days in UTC). */
export declare function queryUsage(query?: UsageQuery): Promise<{
  total: UsageTotals;
  groups: Array<UsageTotals & { provider?: string; model?: string; day?: string }>;
}>;
/** `stopWhen` condition: stop once the call's steps cost more than `usd` (catalogue prices). */
export declare function costExceeds(usd: number): StopCondition<any>;

/** A model for `'provider/model'` from the registry; its key is read natively per request. */
export declare function languageModelFromId(modelId: string): LanguageModel;

/** What a fallback chain falls through on: the class of the error a model failed with. */
export type FallbackErrorClass = 'rate-limit' | 'overloaded' | 'context-length' | 'auth' | 'unavailable';
export interface FallbackOptions {
  /** Error classes that move the call to the next model (default: all five). */
  fallbackOn?: FallbackErrorClass[];
  /** The rest of a provider and credential after a 429 without `retry-after` (default 30,000; 0: none). */
  cooldownMs?: number;
  /**
   * Called (and awaited) for each model passed over, as the step's parts are read: before the
   * serving model's `start-step` reaches the app (the next model is already being tried).
   */
  onFallback?: (event: { error: unknown; errorClass: FallbackErrorClass; provider: string; modelId: string }) => void | PromiseLike<void>;
}
/** Where a step's `providerMetadata.llmNative.fallback` says which model of a chain served. */
export interface FallbackMetadata {
  index: number;
  provider: string;
  modelId: string;
  attempts: Array<{ provider: string; modelId: string; errorClass: FallbackErrorClass; message: string; statusCode?: number }>;
}
/**
 * A model that is a chain of models: one failing before its first content with an error of a
 * `fallbackOn` class hands the call to the next (a context overflow only to a larger context
 * window). It stands for its first model (`provider`, `modelId`); each step's `response.modelId`
 * names the one that served.
 */
export declare function withFallbacks(models: Array<LanguageModel | string>, options?: FallbackOptions): LanguageModel;

// ---- streamText -------------------------------------------------------------------------------

type ValueOf<T> = T[keyof T];

/** A call of one of `TOOLS`, its input typed by that tool's schema. */
export type StaticToolCall<TOOLS extends ToolSet = ToolSet> = ValueOf<{
  [NAME in keyof TOOLS]: {
    type: 'tool-call';
    toolCallId: string;
    toolName: NAME & string;
    input: InferToolInput<TOOLS[NAME]>;
    providerExecuted?: boolean;
    dynamic?: false | undefined;
    invalid?: false | undefined;
    error?: never;
    providerMetadata?: ProviderMetadata;
  };
}>;
/** A call of a dynamic tool, of an unknown tool, or with input that failed its schema (`invalid`). */
export interface DynamicToolCall {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  input: unknown;
  providerExecuted?: boolean;
  dynamic: true;
  providerMetadata?: ProviderMetadata;
  invalid?: boolean;
  error?: unknown;
}
export type TypedToolCall<TOOLS extends ToolSet = ToolSet> = StaticToolCall<TOOLS> | DynamicToolCall;

export type StaticToolResult<TOOLS extends ToolSet = ToolSet> = ValueOf<{
  [NAME in keyof TOOLS]: {
    type: 'tool-result';
    toolCallId: string;
    toolName: NAME & string;
    input: InferToolInput<TOOLS[NAME]>;
    output: InferToolOutput<TOOLS[NAME]>;
    providerExecuted?: boolean;
    providerMetadata?: ProviderMetadata;
    dynamic?: false | undefined;
    preliminary?: boolean;
  };
}>;
export interface DynamicToolResult {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  input: unknown;
  output: unknown;
  providerExecuted?: boolean;
  providerMetadata?: ProviderMetadata;
  dynamic: true;
  preliminary?: boolean;
}
export type TypedToolResult<TOOLS extends ToolSet = ToolSet> = StaticToolResult<TOOLS> | DynamicToolResult;

export type StaticToolError<TOOLS extends ToolSet = ToolSet> = ValueOf<{
  [NAME in keyof TOOLS]: {
    type: 'tool-error';
    toolCallId: string;
    toolName: NAME & string;
    input: InferToolInput<TOOLS[NAME]>;
    error: unknown;
    providerExecuted?: boolean;
    providerMetadata?: ProviderMetadata;
    dynamic?: false | undefined;
  };
}>;
export interface DynamicToolError {
  type: 'tool-error';
  toolCallId: string;
  toolName: string;
  input: unknown;
  error: unknown;
  providerExecuted?: boolean;
  providerMetadata?: ProviderMetadata;
  dynamic: true;
}
export type TypedToolError<TOOLS extends ToolSet = ToolSet> = StaticToolError<TOOLS> | DynamicToolError;

/** A file the model generated (images of Gemini, …). */
export interface GeneratedFile {
  readonly base64: string;
  readonly uint8Array: Uint8Array;
  readonly mediaType: string;
}
export type Source =
  | { type: 'source'; sourceType: 'url'; id: string; url: string; title?: string; providerMetadata?: ProviderMetadata }
  | { type: 'source'; sourceType: 'document'; id: string; mediaType: string; title: string; filename?: string; providerMetadata?: ProviderMetadata };

export interface ResponseMetadata {
  id: string;
  timestamp: Date;
  modelId: string;
  headers?: Record<string, string>;
}

/** A part of a step's `content`. */
export type ContentPart<TOOLS extends ToolSet = ToolSet> =
  | { type: 'text'; text: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning'; text: string; providerMetadata?: ProviderMetadata }
  | Source
  | { type: 'file'; file: GeneratedFile; providerMetadata?: ProviderMetadata }
  | TypedToolCall<TOOLS>
  | TypedToolResult<TOOLS>
  | TypedToolError<TOOLS>;

export type TextStreamPart<TOOLS extends ToolSet = ToolSet> =
  | { type: 'start' }
  | { type: 'start-step'; request: { body?: unknown }; warnings: CallWarning[] }
  | { type: 'text-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-delta'; id: string; text: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-delta'; id: string; text: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'tool-input-start'; id: string; toolName: string; providerMetadata?: ProviderMetadata; providerExecuted?: boolean; dynamic?: boolean }
  | { type: 'tool-input-delta'; id: string; delta: string; providerMetadata?: ProviderMetadata }
  | { type: 'tool-input-end'; id: string; providerMetadata?: ProviderMetadata }
  | Source
  | { type: 'file'; file: GeneratedFile }
  | TypedToolCall<TOOLS>
  | TypedToolResult<TOOLS>
  | TypedToolError<TOOLS>
  | { type: 'raw'; rawValue: unknown }
  | {
      type: 'finish-step';
      finishReason: FinishReason;
      usage: LanguageModelUsage;
      providerMetadata: ProviderMetadata | undefined;
      response: ResponseMetadata;
      /** llm-native's addition: the step's cost from the model catalogue, when it has prices. */
      cost?: ModelCost;
    }
  | { type: 'finish'; finishReason: FinishReason; totalUsage: LanguageModelUsage; totalCost?: ModelCost }
  | { type: 'error'; error: unknown }
  | { type: 'abort' };

export interface StepResult<TOOLS extends ToolSet = ToolSet> {
  readonly content: Array<ContentPart<TOOLS>>;
  readonly text: string;
  readonly reasoning: Array<{ type: 'reasoning'; text: string; providerMetadata?: ProviderMetadata }>;
  readonly reasoningText: string | undefined;
  readonly files: GeneratedFile[];
  readonly sources: Source[];
  readonly toolCalls: Array<TypedToolCall<TOOLS>>;
  readonly staticToolCalls: Array<StaticToolCall<TOOLS>>;
  readonly dynamicToolCalls: DynamicToolCall[];
  readonly toolResults: Array<TypedToolResult<TOOLS>>;
  readonly staticToolResults: Array<StaticToolResult<TOOLS>>;
  readonly dynamicToolResults: DynamicToolResult[];
  readonly finishReason: FinishReason;
  readonly usage: LanguageModelUsage;
  readonly warnings: CallWarning[] | undefined;
  readonly request: { body?: unknown };
  readonly response: ResponseMetadata & { messages: Array<AssistantModelMessage | ToolModelMessage> };
  readonly providerMetadata: ProviderMetadata | undefined;
  /** llm-native's addition: the step's cost from the model catalogue, when it has prices. */
  readonly cost?: ModelCost;
}

/** An async-iterable stream that also offers the ReadableStream methods apps commonly use. */
export interface AsyncIterableStream<T> extends AsyncIterable<T> {
  getReader(): ReadableStreamDefaultReader<T>;
  pipeThrough<U>(transform: ReadableWritablePair<U, T>, options?: StreamPipeOptions): ReadableStream<U>;
  pipeTo(destination: WritableStream<T>, options?: StreamPipeOptions): Promise<void>;
  tee(): [ReadableStream<T>, ReadableStream<T>];
  readonly locked: boolean;
}

/** Options of the UI message stream responses: the stream's, a `ResponseInit`, SSE extras. */
export type UIMessageStreamResponseInit = ResponseInit & {
  consumeSseStream?: (options: { stream: ReadableStream<string> }) => void | PromiseLike<void>;
  /** Sends `: keep-alive` SSE comments when the stream is quiet this long. */
  keepAliveMs?: number;
};

/** `PARTIAL_OUTPUT`: what `experimental_partialOutputStream` yields (`Output.object`: a deep-partial object). */
export interface StreamTextResult<TOOLS extends ToolSet = ToolSet, PARTIAL_OUTPUT = never> {
  readonly fullStream: AsyncIterableStream<TextStreamPart<TOOLS>>;
  readonly textStream: AsyncIterableStream<string>;
  readonly text: Promise<string>;
  readonly content: Promise<Array<ContentPart<TOOLS>>>;
  readonly reasoning: Promise<StepResult<TOOLS>['reasoning']>;
  readonly reasoningText: Promise<string | undefined>;
  readonly files: Promise<GeneratedFile[]>;
  readonly sources: Promise<Source[]>;
  readonly toolCalls: Promise<Array<TypedToolCall<TOOLS>>>;
  readonly staticToolCalls: Promise<Array<StaticToolCall<TOOLS>>>;
  readonly dynamicToolCalls: Promise<DynamicToolCall[]>;
  readonly toolResults: Promise<Array<TypedToolResult<TOOLS>>>;
  readonly staticToolResults: Promise<Array<StaticToolResult<TOOLS>>>;
  readonly dynamicToolResults: Promise<DynamicToolResult[]>;
  readonly finishReason: Promise<FinishReason>;
  readonly usage: Promise<LanguageModelUsage>;
  readonly totalUsage: Promise<LanguageModelUsage>;
  readonly warnings: Promise<CallWarning[] | undefined>;
  readonly steps: Promise<Array<StepResult<TOOLS>>>;
  readonly request: Promise<{ body?: unknown }>;
  readonly response: Promise<StepResult<TOOLS>['response']>;
  readonly providerMetadata: Promise<ProviderMetadata | undefined>;
  /** With `experimental_output`: each new partial output; throws `NoOutputSpecifiedError` without. */
  readonly experimental_partialOutputStream: AsyncIterableStream<PARTIAL_OUTPUT>;
  consumeStream(options?: { onError?: (error: unknown) => void }): Promise<void>;
  toUIMessageStream<UI_MESSAGE extends UIMessage = UIMessage>(options?: UIMessageStreamOptions<UI_MESSAGE>): AsyncIterableStream<InferUIMessageChunk<UI_MESSAGE>>;
  toUIMessageStreamResponse<UI_MESSAGE extends UIMessage = UIMessage>(options?: UIMessageStreamOptions<UI_MESSAGE> & UIMessageStreamResponseInit): Response;
  pipeUIMessageStreamToResponse<UI_MESSAGE extends UIMessage = UIMessage>(
    response: import('node:http').ServerResponse,
    options?: UIMessageStreamOptions<UI_MESSAGE> & UIMessageStreamResponseInit,
  ): Promise<void>;
  toTextStreamResponse(init?: ResponseInit): Response;
  pipeTextStreamToResponse(response: import('node:http').ServerResponse, init?: ResponseInit): Promise<void>;
}

// ---- UI messages (what `useChat` holds) ---------------------------------------------------------

/** `useChat`'s `status`. */
export type ChatStatus = 'submitted' | 'streaming' | 'ready' | 'error';
export type UIDataTypes = Record<string, unknown>;
export interface UITool { input: unknown; output: unknown | undefined }
export type UITools = Record<string, UITool>;
export type InferUITool<TOOL extends Tool> = { input: InferToolInput<TOOL>; output: InferToolOutput<TOOL> };
export type InferUITools<TOOLS extends ToolSet> = { [NAME in keyof TOOLS & string]: InferUITool<TOOLS[NAME]> };

export interface UIMessage<METADATA = unknown, DATA_PARTS extends UIDataTypes = UIDataTypes, TOOLS extends UITools = UITools> {
  id: string;
  role: 'system' | 'user' | 'assistant';
  metadata?: METADATA;
  parts: Array<UIMessagePart<DATA_PARTS, TOOLS>>;
}
export type UIMessagePart<DATA_TYPES extends UIDataTypes = UIDataTypes, TOOLS extends UITools = UITools> =
  | TextUIPart | ReasoningUIPart | ToolUIPart<TOOLS> | DynamicToolUIPart | SourceUrlUIPart | SourceDocumentUIPart
  | FileUIPart | DataUIPart<DATA_TYPES> | StepStartUIPart;
export interface TextUIPart { type: 'text'; text: string; state?: 'streaming' | 'done'; providerMetadata?: ProviderMetadata }
export interface ReasoningUIPart { type: 'reasoning'; id?: string; text: string; state?: 'streaming' | 'done'; providerMetadata?: ProviderMetadata }
export interface SourceUrlUIPart { type: 'source-url'; sourceId: string; url: string; title?: string; providerMetadata?: ProviderMetadata }
export interface SourceDocumentUIPart {
  type: 'source-document'; sourceId: string; mediaType: string; title: string; filename?: string; providerMetadata?: ProviderMetadata;
}
export interface FileUIPart { type: 'file'; mediaType: string; filename?: string; url: string; providerMetadata?: ProviderMetadata }
export interface StepStartUIPart { type: 'step-start' }
export type DataUIPart<DATA_TYPES extends UIDataTypes = UIDataTypes> = ValueOf<{
  [NAME in keyof DATA_TYPES & string]: { type: `data-${NAME}`; id?: string; data: DATA_TYPES[NAME] };
}>;
type DeepPartial<T> = T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
type AsUITool<TOOL extends UITool | Tool> = TOOL extends Tool ? InferUITool<TOOL> : TOOL;
/** A tool call's state in a UI message, from streaming input to output or error. */
export type UIToolInvocation<TOOL extends UITool | Tool> = { toolCallId: string; providerExecuted?: boolean } & (
  | { state: 'input-streaming'; input: DeepPartial<AsUITool<TOOL>['input']> | undefined; rawInput?: string; output?: never; errorText?: never }
  | { state: 'input-available'; input: AsUITool<TOOL>['input']; output?: never; errorText?: never; callProviderMetadata?: ProviderMetadata }
  | {
      state: 'output-available'; input: AsUITool<TOOL>['input']; output: AsUITool<TOOL>['output']; errorText?: never;
      callProviderMetadata?: ProviderMetadata; preliminary?: boolean;
    }
  | {
      state: 'output-error'; input: AsUITool<TOOL>['input'] | undefined; rawInput?: unknown; output?: never; errorText: string;
      callProviderMetadata?: ProviderMetadata;
    }
);
export type ToolUIPart<TOOLS extends UITools = UITools> = ValueOf<{
  [NAME in keyof TOOLS & string]: { type: `tool-${NAME}` } & UIToolInvocation<TOOLS[NAME]>;
}>;
export type DynamicToolUIPart = { type: 'dynamic-tool'; dynamic?: false; toolName: string; toolCallId: string; title?: string; providerExecuted?: boolean } & (
  | { state: 'input-streaming'; input: unknown | undefined; rawInput?: string; output?: never; errorText?: never }
  | { state: 'input-available'; input: unknown; output?: never; errorText?: never; callProviderMetadata?: ProviderMetadata }
  | { state: 'output-available'; input: unknown; output: unknown; errorText?: never; callProviderMetadata?: ProviderMetadata; preliminary?: boolean }
  | { state: 'output-error'; input: unknown; output?: never; errorText: string; callProviderMetadata?: ProviderMetadata }
);
export type InferUIMessageMetadata<T extends UIMessage> = T extends UIMessage<infer METADATA> ? METADATA : unknown;
export type InferUIMessageData<T extends UIMessage> = T extends UIMessage<unknown, infer DATA_TYPES> ? DATA_TYPES : UIDataTypes;
export type InferUIMessageTools<T extends UIMessage> = T extends UIMessage<unknown, UIDataTypes, infer TOOLS> ? TOOLS : UITools;

export type DataUIMessageChunk<DATA_TYPES extends UIDataTypes = UIDataTypes> = ValueOf<{
  [NAME in keyof DATA_TYPES & string]: { type: `data-${NAME}`; id?: string; data: DATA_TYPES[NAME]; transient?: boolean };
}>;
/** One chunk of the AI SDK v5 UI message stream (what `useChat` reads). */
export type UIMessageChunk<METADATA = unknown, DATA_TYPES extends UIDataTypes = UIDataTypes> =
  | { type: 'text-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-delta'; delta: string; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-delta'; id: string; delta: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'error'; errorText: string }
  | { type: 'tool-input-available'; toolCallId: string; toolName: string; input: unknown; providerExecuted?: boolean; providerMetadata?: ProviderMetadata; dynamic?: boolean }
  | {
      type: 'tool-input-error'; toolCallId: string; toolName: string; input: unknown; providerExecuted?: boolean;
      providerMetadata?: ProviderMetadata; dynamic?: boolean; errorText: string;
    }
  | { type: 'tool-output-available'; toolCallId: string; output: unknown; providerExecuted?: boolean; dynamic?: boolean; preliminary?: boolean }
  | { type: 'tool-output-error'; toolCallId: string; errorText: string; providerExecuted?: boolean; dynamic?: boolean }
  | { type: 'tool-input-start'; toolCallId: string; toolName: string; providerExecuted?: boolean; dynamic?: boolean }
  | { type: 'tool-input-delta'; toolCallId: string; inputTextDelta: string }
  | { type: 'source-url'; sourceId: string; url: string; title?: string; providerMetadata?: ProviderMetadata }
  | { type: 'source-document'; sourceId: string; mediaType: string; title: string; filename?: string; providerMetadata?: ProviderMetadata }
  | { type: 'file'; url: string; mediaType: string; providerMetadata?: ProviderMetadata }
  | DataUIMessageChunk<DATA_TYPES>
  | { type: 'start-step' }
  | { type: 'finish-step' }
  | { type: 'start'; messageId?: string; messageMetadata?: METADATA }
  | { type: 'finish'; finishReason?: FinishReason; messageMetadata?: METADATA }
  | { type: 'abort' }
  | { type: 'message-metadata'; messageMetadata: METADATA };
export type InferUIMessageChunk<T extends UIMessage> = UIMessageChunk<InferUIMessageMetadata<T>, InferUIMessageData<T>>;

export type UIMessageStreamOnFinishCallback<UI_MESSAGE extends UIMessage = UIMessage> = (event: {
  messages: UI_MESSAGE[];
  isContinuation: boolean;
  isAborted: boolean;
  responseMessage: UI_MESSAGE;
  finishReason?: FinishReason;
}) => void | PromiseLike<void>;
export interface UIMessageStreamOptions<UI_MESSAGE extends UIMessage = UIMessage> {
  originalMessages?: UI_MESSAGE[];
  generateMessageId?: IdGenerator;
  onFinish?: UIMessageStreamOnFinishCallback<UI_MESSAGE>;
  messageMetadata?: (options: { part: TextStreamPart }) => InferUIMessageMetadata<UI_MESSAGE> | undefined;
  sendReasoning?: boolean;
  sendSources?: boolean;
  sendStart?: boolean;
  sendFinish?: boolean;
  /** Turns an error into the text sent to the client (default: "An error occurred."). */
  onError?: (error: unknown) => string;
}

export interface UIMessageStreamWriter<UI_MESSAGE extends UIMessage = UIMessage> {
  write(part: InferUIMessageChunk<UI_MESSAGE>): void;
  /** Forwards every chunk of another UI message stream (e.g. `result.toUIMessageStream()`). */
  merge(stream: { getReader(): ReadableStreamDefaultReader<InferUIMessageChunk<UI_MESSAGE>> }): void;
  onError: ((error: unknown) => string) | undefined;
}
/** A UI message stream the app writes (its own chunks, merged streams), as ai@5. */
export declare function createUIMessageStream<UI_MESSAGE extends UIMessage = UIMessage>(options: {
  execute: (options: { writer: UIMessageStreamWriter<UI_MESSAGE> }) => PromiseLike<void> | void;
  onError?: (error: unknown) => string;
  originalMessages?: UI_MESSAGE[];
  onFinish?: UIMessageStreamOnFinishCallback<UI_MESSAGE>;
  generateId?: IdGenerator;
}): ReadableStream<InferUIMessageChunk<UI_MESSAGE>>;
/** Serves a UI message stream as SSE with the `x-vercel-ai-ui-message-stream: v1` header. */
export declare function createUIMessageStreamResponse(options: UIMessageStreamResponseInit & { stream: ReadableStream<UIMessageChunk<any, any>> }): Response;
export declare function pipeUIMessageStreamToResponse(
  options: UIMessageStreamResponseInit & { response: import('node:http').ServerResponse; stream: ReadableStream<UIMessageChunk<any, any>> },
): void;
/** UI messages (`useChat`'s) as the model messages `streamText` takes, as ai@5 converts them. */
export declare function convertToModelMessages(
  messages: Array<Omit<UIMessage, 'id'>>,
  options?: { tools?: ToolSet; ignoreIncompleteToolCalls?: boolean; convertDataPart?: (part: DataUIPart<any>) => TextPart | FilePart | undefined },
): ModelMessage[];

export type StopCondition<TOOLS extends ToolSet = ToolSet> = (options: { steps: Array<StepResult<TOOLS>> }) => boolean | PromiseLike<boolean>;
export declare function stepCountIs(stepCount: number): StopCondition<any>;
export declare function hasToolCall(toolName: string): StopCondition<any>;

export interface PrepareStepResult<TOOLS extends ToolSet = ToolSet> {
  model?: LanguageModel | string;
  toolChoice?: ToolChoice<TOOLS>;
  activeTools?: Array<keyof TOOLS>;
  system?: string;
  messages?: ModelMessage[];
}
export type PrepareStepFunction<TOOLS extends ToolSet = ToolSet> = (options: {
  steps: Array<StepResult<TOOLS>>;
  stepNumber: number;
  model: LanguageModel;
  messages: ModelMessage[];
}) => PrepareStepResult<TOOLS> | undefined | void | PromiseLike<PrepareStepResult<TOOLS> | undefined | void>;

export type StreamTextTransform<TOOLS extends ToolSet = ToolSet> = (options: {
  tools: TOOLS;
  stopStream: () => void;
}) => TransformStream<TextStreamPart<TOOLS>, TextStreamPart<TOOLS>>;
export declare function smoothStream<TOOLS extends ToolSet = ToolSet>(options?: {
  delayInMs?: number | null;
  chunking?: 'word' | 'line' | RegExp | ((buffer: string) => string | undefined | null);
}): StreamTextTransform<TOOLS>;

/** An OpenTelemetry attribute value (`@opentelemetry/api` `AttributeValue`). */
export type AttributeValue =
  | string | number | boolean
  | Array<null | undefined | string> | Array<null | undefined | number> | Array<null | undefined | boolean>;
/**
 * An OpenTelemetry `Tracer` (`@opentelemetry/api`): what llm-native calls of it. Any tracer of an
 * OpenTelemetry SDK (or `trace.getTracer(…)`) is one.
 */
export interface TelemetryTracer {
  startSpan(name: string, options?: { attributes?: Record<string, AttributeValue | undefined> }, context?: any): any;
  startActiveSpan(name: string, options: { attributes?: Record<string, AttributeValue | undefined> }, context: any, fn: (span: any) => any): any;
}
/** AI SDK v5 `TelemetrySettings`: the spans `ai.streamText` / `ai.generateText` emit (docs/migration.md). */
export interface TelemetrySettings {
  /** Records spans (default false; off, nothing is looked up or built). */
  isEnabled?: boolean;
  /** Records the prompt, messages, tools and tool choice (default true). */
  recordInputs?: boolean;
  /** Records the response text and tool calls, tool arguments and results (default true). */
  recordOutputs?: boolean;
  /** Groups the telemetry by function: `operation.name`, `resource.name`, `ai.telemetry.functionId`. */
  functionId?: string;
  /** Added to every span as `ai.telemetry.metadata.<key>`. */
  metadata?: Record<string, AttributeValue>;
  /** The tracer to use; default `trace.getTracer('ai')` of `@opentelemetry/api` (then installed by the app). */
  tracer?: TelemetryTracer;
}

export interface CallSettings<TOOLS extends ToolSet = ToolSet> {
  /** A model object, or a `provider/model` id resolved by the Rust registry. */
  model: LanguageModel | string;
  system?: string;
  prompt?: string | ModelMessage[];
  messages?: ModelMessage[];
  tools?: TOOLS;
  toolChoice?: ToolChoice<TOOLS>;
  maxOutputTokens?: number;
  temperature?: number;
  topP?: number;
  topK?: number;
  presencePenalty?: number;
  frequencyPenalty?: number;
  stopSequences?: string[];
  seed?: number;
  /** Extra request headers; `undefined`/`null` removes a provider header. */
  headers?: Record<string, string | undefined | null>;
  providerOptions?: ProviderOptions;
  abortSignal?: AbortSignal;
  /** Extra attempts for retryable request failures before streaming starts (default 2). */
  maxRetries?: number;
  /** Per-call limits, over the provider's (llm-native extension). */
  timeouts?: Timeouts;
  /** Limits on the call, each step, the gap between chunks, the first content and tools (`ai@6` shape). */
  timeout?: TimeoutConfiguration;
  /** When to stop the tool loop (default `stepCountIs(1)`). */
  stopWhen?: StopCondition<NoInfer<TOOLS>> | Array<StopCondition<NoInfer<TOOLS>>>;
  prepareStep?: PrepareStepFunction<TOOLS>;
  activeTools?: Array<keyof TOOLS>;
  experimental_activeTools?: Array<keyof TOOLS>;
  experimental_context?: unknown;
  /** OpenTelemetry spans as ai@5 emits them. */
  experimental_telemetry?: TelemetrySettings;
  /** Fixes a call of an unknown tool or with invalid input (`null`: leave it invalid). */
  experimental_repairToolCall?: ToolCallRepairFunction<TOOLS>;
  onStepFinish?: (step: StepResult<TOOLS>) => void | PromiseLike<void>;
  /**
   * ai@6's setting (ai@7: `include`). `requestBody: false`: steps (and `start-step` parts) carry
   * no `request.body`, and no host keeps or sends one (the webview gets megabytes less per step).
   * Default: included, as in ai@5.
   */
  experimental_include?: { requestBody?: boolean };
  include?: { requestBody?: boolean };
  /** @deprecated v4 spelling of `maxOutputTokens`. */
  maxTokens?: number;
  /** @deprecated v4 spelling of `stopWhen: stepCountIs(n)`. */
  maxSteps?: number;
}

export interface StreamTextOptions<TOOLS extends ToolSet = ToolSet> extends CallSettings<TOOLS> {
  includeRawChunks?: boolean;
  experimental_transform?: StreamTextTransform<TOOLS> | Array<StreamTextTransform<TOOLS>>;
  onChunk?: (event: { chunk: TextStreamPart<TOOLS> }) => void | PromiseLike<void>;
  /** Called for every `error` part. Default: `console.error`. */
  onError?: (event: { error: unknown }) => void;
  onFinish?: (event: StepResult<TOOLS> & { steps: Array<StepResult<TOOLS>>; totalUsage: LanguageModelUsage }) => void | PromiseLike<void>;
  onAbort?: (event: { steps: Array<StepResult<TOOLS>> }) => void | PromiseLike<void>;
}

export declare function streamText<TOOLS extends ToolSet = ToolSet, OUTPUT = never>(
  options: StreamTextOptions<TOOLS> & { experimental_output?: Output<OUTPUT> },
): StreamTextResult<TOOLS, [OUTPUT] extends [never] ? never : OUTPUT extends string ? string : DeepPartial<OUTPUT>>;

/** `OUTPUT`: the `experimental_output` (`Output.object({ schema })`'s type). */
export interface GenerateTextResult<TOOLS extends ToolSet = ToolSet, OUTPUT = never> extends StepResult<TOOLS> {
  readonly steps: Array<StepResult<TOOLS>>;
  readonly totalUsage: LanguageModelUsage;
  /** The last step's text parsed; throws `NoOutputSpecifiedError` without `experimental_output`. */
  readonly experimental_output: OUTPUT;
}
export declare function generateText<TOOLS extends ToolSet = ToolSet, OUTPUT = never>(
  options: CallSettings<TOOLS> & { experimental_output?: Output<OUTPUT> },
): Promise<GenerateTextResult<TOOLS, OUTPUT>>;

// --- structured output (generateObject / streamObject / Output) ------------------------------

/** What `experimental_output` takes: `Output.text()` or `Output.object({ schema })`. */
export interface Output<OUTPUT = unknown> {
  readonly type: 'text' | 'object';
  readonly responseFormat: { type: 'text' } | { type: 'json'; schema?: JSONSchema7 };
  parseOutput(options: { text: string }, context: { response: LanguageModelResponseMetadata; usage: LanguageModelUsage; finishReason: FinishReason }): Promise<OUTPUT>;
}
export declare const Output: {
  text(): Output<string>;
  object<OBJECT>(options: { schema: FlexibleSchema<OBJECT> }): Output<OBJECT>;
};

export type RepairTextFunction = (options: { text: string; error: JSONParseError | TypeValidationError }) => Promise<string | null>;

type ObjectCallSettings = Omit<CallSettings, 'tools' | 'toolChoice' | 'stopWhen' | 'prepareStep' | 'activeTools' | 'experimental_activeTools' | 'experimental_repairToolCall' | 'onStepFinish' | 'maxSteps'> & {
  /** ai@5 accepts it and ignores it: every provider uses its native JSON mode. */
  mode?: 'auto' | 'json' | 'tool';
  experimental_repairText?: RepairTextFunction;
};
type SchemaNaming = { schemaName?: string; schemaDescription?: string };
type ArrayOutput<ELEMENT> = { output: 'array'; schema: FlexibleSchema<ELEMENT> } & SchemaNaming;
type EnumOutput<ENUM extends string> = { output: 'enum'; enum: ENUM[] };
type NoSchemaOutput = { output: 'no-schema' };
type ObjectOutput<OBJECT> = { output?: 'object'; schema: FlexibleSchema<OBJECT> } & SchemaNaming;

export interface LanguageModelResponseMetadata {
  id: string;
  timestamp: Date;
  modelId: string;
  headers?: Record<string, string>;
}

export interface GenerateObjectResult<OBJECT> {
  readonly object: OBJECT;
  readonly reasoning: string | undefined;
  readonly finishReason: FinishReason;
  readonly usage: LanguageModelUsage;
  readonly warnings: CallWarning[] | undefined;
  readonly request: { body?: unknown };
  readonly response: LanguageModelResponseMetadata & { body?: unknown };
  readonly providerMetadata: ProviderMetadata | undefined;
  toJsonResponse(init?: ResponseInit): Response;
}
export declare function generateObject<ELEMENT>(options: ObjectCallSettings & ArrayOutput<ELEMENT>): Promise<GenerateObjectResult<ELEMENT[]>>;
export declare function generateObject<ENUM extends string>(options: ObjectCallSettings & EnumOutput<ENUM>): Promise<GenerateObjectResult<ENUM>>;
export declare function generateObject(options: ObjectCallSettings & NoSchemaOutput): Promise<GenerateObjectResult<JSONValue>>;
export declare function generateObject<OBJECT>(options: ObjectCallSettings & ObjectOutput<OBJECT>): Promise<GenerateObjectResult<OBJECT>>;

export type ObjectStreamPart<PARTIAL> =
  | { type: 'object'; object: PARTIAL }
  | { type: 'text-delta'; textDelta: string }
  | { type: 'error'; error: unknown }
  | { type: 'finish'; finishReason: FinishReason; usage: LanguageModelUsage; providerMetadata?: ProviderMetadata; response: LanguageModelResponseMetadata };

export interface StreamObjectResult<PARTIAL, RESULT, ELEMENT_STREAM> {
  readonly object: Promise<RESULT>;
  readonly usage: Promise<LanguageModelUsage>;
  readonly providerMetadata: Promise<ProviderMetadata | undefined>;
  readonly warnings: Promise<CallWarning[] | undefined>;
  readonly request: Promise<{ body?: unknown }>;
  readonly response: Promise<LanguageModelResponseMetadata>;
  readonly finishReason: Promise<FinishReason>;
  readonly partialObjectStream: AsyncIterableStream<PARTIAL>;
  /** Array output only: each element once it is complete. */
  readonly elementStream: ELEMENT_STREAM;
  readonly textStream: AsyncIterableStream<string>;
  readonly fullStream: AsyncIterableStream<ObjectStreamPart<PARTIAL>>;
  toTextStreamResponse(init?: ResponseInit): Response;
  pipeTextStreamToResponse(response: unknown, init?: ResponseInit): void;
}
type StreamObjectCallbacks<RESULT> = {
  onError?: (event: { error: unknown }) => void;
  onFinish?: (event: { usage: LanguageModelUsage; object: RESULT | undefined; error: unknown | undefined; response: LanguageModelResponseMetadata; warnings: CallWarning[] | undefined; providerMetadata: ProviderMetadata | undefined }) => void | PromiseLike<void>;
};
export declare function streamObject<ELEMENT>(options: ObjectCallSettings & ArrayOutput<ELEMENT> & StreamObjectCallbacks<ELEMENT[]>): StreamObjectResult<ELEMENT[], ELEMENT[], AsyncIterableStream<ELEMENT>>;
export declare function streamObject<ENUM extends string>(options: ObjectCallSettings & EnumOutput<ENUM> & StreamObjectCallbacks<ENUM>): StreamObjectResult<string, ENUM, never>;
export declare function streamObject(options: ObjectCallSettings & NoSchemaOutput & StreamObjectCallbacks<JSONValue>): StreamObjectResult<JSONValue, JSONValue, never>;
export declare function streamObject<OBJECT>(options: ObjectCallSettings & ObjectOutput<OBJECT> & StreamObjectCallbacks<OBJECT>): StreamObjectResult<DeepPartial<OBJECT>, OBJECT, never>;

// ---- registries -------------------------------------------------------------------------------

export interface Provider {
  languageModel(modelId: string): LanguageModel;
}
export interface ProviderRegistryProvider {
  languageModel(id: string): LanguageModel;
  registerProvider(options: { id: string; provider: Provider }): void;
}
export declare function createProviderRegistry(
  providers: Record<string, Provider>,
  options?: { separator?: string },
): ProviderRegistryProvider;
export declare function customProvider(options: {
  languageModels?: Record<string, LanguageModel>;
  fallbackProvider?: Provider;
}): Provider;

// ---- errors -----------------------------------------------------------------------------------

export declare class AISDKError extends Error {
  constructor(options: { name: string; message: string; cause?: unknown });
  readonly cause?: unknown;
  static isInstance(error: unknown): error is AISDKError;
}
export declare class APICallError extends AISDKError {
  readonly url: string;
  readonly requestBodyValues: unknown;
  readonly statusCode?: number;
  readonly responseHeaders?: Record<string, string>;
  readonly responseBody?: string;
  readonly isRetryable: boolean;
  readonly data?: unknown;
  static isInstance(error: unknown): error is APICallError;
}
export declare class InvalidPromptError extends AISDKError {
  readonly prompt?: unknown;
  static isInstance(error: unknown): error is InvalidPromptError;
}
export declare class InvalidArgumentError extends AISDKError {
  readonly argument?: string;
  static isInstance(error: unknown): error is InvalidArgumentError;
}
export declare class LoadAPIKeyError extends AISDKError {
  static isInstance(error: unknown): error is LoadAPIKeyError;
}
export declare class UnsupportedFunctionalityError extends AISDKError {
  readonly functionality: string;
  static isInstance(error: unknown): error is UnsupportedFunctionalityError;
}
export declare class JSONParseError extends AISDKError {
  readonly text: string;
  static isInstance(error: unknown): error is JSONParseError;
}
/** `generateObject` / `streamObject` / `experimental_output` got no valid object. */
export declare class NoObjectGeneratedError extends AISDKError {
  readonly text: string | undefined;
  readonly response: LanguageModelResponseMetadata | undefined;
  readonly usage: LanguageModelUsage | undefined;
  readonly finishReason: FinishReason | undefined;
  static isInstance(error: unknown): error is NoObjectGeneratedError;
}
export declare class NoOutputSpecifiedError extends AISDKError {
  static isInstance(error: unknown): error is NoOutputSpecifiedError;
}
export declare class InvalidResponseDataError extends AISDKError {
  readonly data: unknown;
  static isInstance(error: unknown): error is InvalidResponseDataError;
}
export declare class TypeValidationError extends AISDKError {
  readonly value: unknown;
  static isInstance(error: unknown): error is TypeValidationError;
}
/** `convertToModelMessages` met a message it cannot convert. */
export declare class MessageConversionError extends AISDKError {
  readonly originalMessage: unknown;
  static isInstance(error: unknown): error is MessageConversionError;
}
/** A URL in the prompt that the model does not take could not be downloaded. */
export declare class DownloadError extends AISDKError {
  readonly url: string;
  readonly statusCode?: number;
  readonly statusText?: string;
  static isInstance(error: unknown): error is DownloadError;
}
export declare class NoSuchToolError extends AISDKError {
  readonly toolName: string;
  readonly availableTools?: string[];
  static isInstance(error: unknown): error is NoSuchToolError;
}
/** A tool call as the model sent it (`LanguageModelV2ToolCall`): its input is JSON text. */
export interface LanguageModelToolCall {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  input: string;
  providerExecuted?: boolean;
  providerMetadata?: Record<string, Record<string, unknown>>;
}
/** `experimental_repairToolCall`, as in ai@5. */
export type ToolCallRepairFunction<TOOLS = Record<string, Tool>> = (options: {
  system: string | undefined;
  messages: ModelMessage[];
  toolCall: LanguageModelToolCall;
  tools: TOOLS;
  inputSchema: (options: { toolName: string }) => Record<string, unknown>;
  error: NoSuchToolError | InvalidToolInputError;
}) => Promise<LanguageModelToolCall | null>;
/** `experimental_repairToolCall` threw: `cause` is what it threw. */
export declare class ToolCallRepairError extends AISDKError {
  readonly originalError: NoSuchToolError | InvalidToolInputError;
  static isInstance(error: unknown): error is ToolCallRepairError;
}
export declare class InvalidToolInputError extends AISDKError {
  readonly toolName: string;
  readonly toolInput: string;
  static isInstance(error: unknown): error is InvalidToolInputError;
}
export declare class NoSuchModelError extends AISDKError {
  readonly modelId: string;
  readonly modelType: string;
  static isInstance(error: unknown): error is NoSuchModelError;
}
/** An unknown provider in a `provider/model` id (a `NoSuchModelError`, as in the AI SDK). */
export declare class NoSuchProviderError extends NoSuchModelError {
  readonly providerId: string;
  readonly availableProviders: string[];
  static isInstance(error: unknown): error is NoSuchProviderError;
}
/** The providers file could not be read or written (a bad file is moved aside, see the message). */
export declare class LoadSettingError extends AISDKError {
  static isInstance(error: unknown): error is LoadSettingError;
}
export declare class NoOutputGeneratedError extends AISDKError {
  static isInstance(error: unknown): error is NoOutputGeneratedError;
}
/** A wait ran out: connecting, waiting for the response head, or between stream chunks. */
declare class TimeoutErrorBase extends AISDKError {
  readonly timeoutMs: number;
  readonly url: string;
  /** Connect and first-byte timeouts are retried (maxRetries); an idle timeout mid-stream is not. */
  readonly isRetryable: boolean;
}
export declare class ConnectTimeoutError extends TimeoutErrorBase {
  static isInstance(error: unknown): error is ConnectTimeoutError;
}
export declare class FirstByteTimeoutError extends TimeoutErrorBase {
  static isInstance(error: unknown): error is FirstByteTimeoutError;
}
export declare class IdleTimeoutError extends TimeoutErrorBase {
  static isInstance(error: unknown): error is IdleTimeoutError;
}
/** `firstContentMs` passed with no text, reasoning or tool part (retried under `maxRetries`). */
export declare class FirstContentTimeoutError extends TimeoutErrorBase {
  static isInstance(error: unknown): error is FirstContentTimeoutError;
}
/** `timeout.stepMs` passed during one step (request, retries and answer). */
export declare class StepTimeoutError extends TimeoutErrorBase {
  static isInstance(error: unknown): error is StepTimeoutError;
}
/** `timeout.totalMs` (or a number `timeout`) passed during the call. */
export declare class TotalTimeoutError extends TimeoutErrorBase {
  static isInstance(error: unknown): error is TotalTimeoutError;
}
/** A tool's `execute` ran longer than its `toolMs`. */
export declare class ToolTimeoutError extends AISDKError {
  readonly toolName: string;
  readonly toolCallId: string;
  readonly timeoutMs: number;
  static isInstance(error: unknown): error is ToolTimeoutError;
}

/** A bug in llm-native (a panic in a call's Rust task), reported as an error part instead of a silent end. */
export declare class InternalError extends AISDKError {
  static isInstance(error: unknown): error is InternalError;
}
/** `queryUsage` could not read the usage ledger (recording never throws). */
export declare class UsageLedgerError extends AISDKError {
  readonly path: string;
  static isInstance(error: unknown): error is UsageLedgerError;
}
/** `updateCatalog` refused a catalogue (hash, format, an entry) or could not get it. */
export declare class CatalogUpdateError extends AISDKError {
  static isInstance(error: unknown): error is CatalogUpdateError;
}
export declare class RetryError extends AISDKError {
  readonly reason: string;
  readonly errors: unknown[];
  readonly lastError: unknown;
  static isInstance(error: unknown): error is RetryError;
}

// ---- Credentials: API keys in the OS keychain, OAuth logins. Nothing here returns a secret. ----

export type OAuthProviderId = 'anthropic' | 'openai' | 'github-copilot' | 'qwen-code';

/** A credential store or login failure. */
export declare class AuthError extends AISDKError {
  readonly reason: 'keychain-unavailable' | 'store' | 'state-mismatch' | 'login-required' | 'oauth' | 'timeout';
  static isInstance(error: unknown): error is AuthError;
}

export interface OAuthClientSettings {
  clientId?: string;
  authorizeUrl?: string;
  tokenUrl?: string;
  redirectUri?: string;
  scopes?: string;
  /** Anthropic: the betas a Claude Pro/Max token is sent with (default: Claude Code's set). */
  betas?: string[];
}
export interface CopilotClientSettings {
  clientId?: string;
  /** GitHub Enterprise (`company.ghe.com`): sets every endpoint below, which still win. */
  enterpriseDomain?: string;
  deviceCodeUrl?: string;
  accessTokenUrl?: string;
  copilotTokenUrl?: string;
  /** The Copilot API (default: the provider's; `https://copilot-api.<domain>` for Enterprise). */
  apiBaseUrl?: string;
  scope?: string;
  /** `editor-version`, `editor-plugin-version`, `user-agent`, `copilot-integration-id`. */
  editorHeaders?: Record<string, string>;
}
/** Qwen Code: the CLI's credentials file (default `~/.qwen/oauth_creds.json`) and token endpoint. */
export interface QwenCodeSettings {
  credentialsFile?: string;
  tokenUrl?: string;
  clientId?: string;
  /** The API when the file names no `resource_url`. */
  defaultBaseUrl?: string;
}
/** Where a ChatGPT login's requests go: the Codex Responses backend (every value configurable). */
export interface ChatGptBackendSettings {
  /** Default `https://chatgpt.com/backend-api/codex`. */
  baseUrl?: string;
  /** The `originator` header and authorize parameter (default `codex_cli_rs`). */
  originator?: string;
  /** Further headers (default `OpenAI-Beta: responses=experimental`). */
  headers?: Record<string, string>;
  /** `instructions` for a call without a system prompt. */
  instructions?: string;
}
export interface AuthConfig {
  /**
   * `'file'`: when no OS keychain is reachable, keep credentials in `<configDir>/credentials.json`
   * (mode 0600, replaced atomically). Off (`'none'`) unless the app opts in.
   */
  fallbackStore?: 'file' | 'none';
  /** Default `$XDG_CONFIG_HOME/llm-native` (or `~/.config/llm-native`). */
  configDir?: string;
  /** Keychain service name of every entry (default `llm-native`). */
  keychainService?: string;
  /** Refresh OAuth access tokens this long before they expire (default 60,000 ms). */
  refreshSkewMs?: number;
  /** How long the OpenAI login's loopback listener waits for the browser (default 300,000 ms). */
  loopbackTimeoutMs?: number;
  /** OAuth endpoints; the defaults are the real ones. */
  oauth?: { anthropic?: OAuthClientSettings; openai?: OAuthClientSettings; githubCopilot?: CopilotClientSettings; qwenCode?: QwenCodeSettings };
  chatgpt?: ChatGptBackendSettings;
}
export interface AuthStatus {
  providerId: string;
  apiKey: boolean;
  oauth: boolean;
  /** Expiry of the stored OAuth access token (Unix ms). */
  expiresAt?: number;
}
export interface StartOAuthOptions {
  /** OpenAI: loopback listener port (default: the redirect URI's, 1455; `0` = any free port). */
  port?: number;
  /** OpenAI: how long to wait for the browser, ms. */
  timeoutMs?: number;
}
export interface DeviceFlow {
  userCode: string;
  verificationUri: string;
  /** Seconds between polls. */
  interval: number;
  /** Seconds until the code expires. */
  expiresIn: number;
}

export declare function configureAuth(options?: AuthConfig): void;
/** Stores the key in the OS keychain (service `llm-native`, account `api-key:<providerId>`). */
export declare function setApiKey(providerId: string, key: string): Promise<void>;
export declare function hasApiKey(providerId: string): Promise<boolean>;
/** `true` when a key was deleted. */
export declare function deleteApiKey(providerId: string): Promise<boolean>;
export declare function authStatus(providerId: string): Promise<AuthStatus>;
export declare function hasOAuth(providerId: string): Promise<boolean>;
/** Forgets the stored OAuth login; `true` when there was one. */
export declare function logout(providerId: string): Promise<boolean>;
/** Anthropic: open `url`, then pass the code shown to `completeOAuth`. OpenAI: open `url`; a loopback listener takes the redirect. */
export declare function startOAuth(providerId: 'anthropic' | 'openai', options?: StartOAuthOptions): Promise<{ url: string; state: string }>;
/** Anthropic: `{ code, state }` (the pasted `code#state` works as `code`). OpenAI: `{ state }`, resolves once the browser came back. */
export declare function completeOAuth(providerId: 'anthropic' | 'openai', options: { code?: string; state?: string }): Promise<AuthStatus>;
export declare function startDeviceFlow(providerId: 'github-copilot'): Promise<DeviceFlow>;
/** Polls (honouring `interval` and `slow_down`) until approved, denied or expired. */
export declare function pollDeviceFlow(providerId: 'github-copilot'): Promise<AuthStatus>;
