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

export interface Schema<T = unknown> {
  readonly jsonSchema: JSONSchema7;
  readonly validate?: (value: unknown) => { success: true; value: T } | { success: false; error: Error };
  readonly _type?: T;
}

export interface Tool<INPUT = any, OUTPUT = any> {
  description?: string;
  /** A `jsonSchema()` schema, a zod v4 schema, or a zod v3 schema (with zod-to-json-schema installed). */
  inputSchema?: Schema<INPUT> | JSONSchema7 | { _zod: unknown } | { _def: unknown };
  /** v4 spelling of `inputSchema` (accepted). */
  parameters?: Tool<INPUT, OUTPUT>['inputSchema'];
  /** A value, a promise, or an async iterable whose items are preliminary results (the last is final). */
  execute?: (input: INPUT, options: ToolCallOptions) => OUTPUT | Promise<OUTPUT> | AsyncIterable<OUTPUT>;
  /** How the output is shown to the model (default: text for strings, JSON otherwise). */
  toModelOutput?: (output: OUTPUT) => ToolResultOutput;
  type?: 'function' | 'dynamic';
  providerOptions?: ProviderOptions;
}
export interface ToolCallOptions {
  toolCallId: string;
  messages: ModelMessage[];
  abortSignal?: AbortSignal;
  experimental_context?: unknown;
}
export type ToolSet = Record<string, Tool>;
export type ToolChoice<TOOLS extends ToolSet = ToolSet> =
  | 'auto' | 'none' | 'required' | { type: 'tool'; toolName: Extract<keyof TOOLS, string> };

export declare function tool<INPUT = any, OUTPUT = any>(tool: Tool<INPUT, OUTPUT>): Tool<INPUT, OUTPUT>;
export declare function jsonSchema<T = unknown>(
  schema: JSONSchema7,
  options?: { validate?: Schema<T>['validate'] },
): Schema<T>;

// ---- models and providers ---------------------------------------------------------------------

/** A model from an llm-native provider; its credentials live in the native addon. */
export interface LanguageModel {
  readonly specificationVersion: 'v2';
  readonly provider: string;
  readonly modelId: string;
  readonly supportedUrls: Record<string, RegExp[]>;
}

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
  /** A Chat Completions model. */
  chat(modelId: string): LanguageModel;
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
}
export declare function createGoogleGenerativeAI(settings?: GoogleGenerativeAIProviderSettings): GoogleGenerativeAIProvider;
export declare const google: GoogleGenerativeAIProvider;
export declare function createOpenAICompatible(settings: OpenAICompatibleProviderSettings): OpenAICompatibleProvider;
export declare function createOpenAI(settings?: OpenAIProviderSettings): OpenAIProvider;
export declare const openai: OpenAIProvider;

// ---- provider registry and model catalogue ----------------------------------------------------

export type ProviderProtocol = 'openai-chat' | 'anthropic-messages' | 'openai-responses' | 'google-generative-ai';
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

/** Where `providers.json` lives; default the OS config directory (e.g. `~/.config/llm-native`). Reads the file now. */
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
export declare function costExceeds(usd: number): StopCondition;

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

export interface TypedToolCall {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  input: unknown;
  providerMetadata?: ProviderMetadata;
  dynamic?: boolean;
  invalid?: boolean;
  error?: unknown;
}

export interface ResponseMetadata {
  id: string;
  timestamp: Date;
  modelId: string;
  headers?: Record<string, string>;
}

export type TextStreamPart =
  | { type: 'start' }
  | { type: 'start-step'; request: { body?: unknown }; warnings: CallWarning[] }
  | { type: 'text-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-delta'; id: string; text: string; providerMetadata?: ProviderMetadata }
  | { type: 'text-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-start'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-delta'; id: string; text: string; providerMetadata?: ProviderMetadata }
  | { type: 'reasoning-end'; id: string; providerMetadata?: ProviderMetadata }
  | { type: 'tool-input-start'; id: string; toolName: string; dynamic?: boolean }
  | { type: 'tool-input-delta'; id: string; delta: string }
  | { type: 'tool-input-end'; id: string }
  | ({ type: 'tool-call' } & TypedToolCall)
  | { type: 'tool-error'; toolCallId: string; toolName: string; input: unknown; error: unknown; dynamic?: boolean }
  | { type: 'tool-result'; toolCallId: string; toolName: string; input: unknown; output: unknown; preliminary?: boolean; dynamic?: boolean }
  | { type: 'raw'; rawValue: unknown }
  | {
      type: 'finish-step';
      finishReason: FinishReason;
      usage: LanguageModelUsage;
      providerMetadata?: ProviderMetadata;
      response: ResponseMetadata;
      /** llm-native's addition: the step's cost from the model catalogue, when it has prices. */
      cost?: ModelCost;
    }
  | { type: 'finish'; finishReason: FinishReason; totalUsage: LanguageModelUsage; totalCost?: ModelCost }
  | { type: 'error'; error: unknown }
  | { type: 'abort' };

export interface StepResult {
  content: Array<Record<string, unknown>>;
  text: string;
  reasoning: Array<{ type: 'reasoning'; text: string; providerMetadata?: ProviderMetadata }>;
  reasoningText: string | undefined;
  files: unknown[];
  sources: unknown[];
  toolCalls: TypedToolCall[];
  staticToolCalls: TypedToolCall[];
  dynamicToolCalls: TypedToolCall[];
  toolResults: unknown[];
  staticToolResults: unknown[];
  dynamicToolResults: unknown[];
  finishReason: FinishReason;
  usage: LanguageModelUsage;
  warnings: CallWarning[] | undefined;
  request: { body?: unknown };
  response: ResponseMetadata & { messages: Array<AssistantModelMessage | ToolModelMessage> };
  providerMetadata: ProviderMetadata | undefined;
  /** llm-native's addition: the step's cost from the model catalogue, when it has prices. */
  cost?: ModelCost;
}

/** An async-iterable stream that also offers the ReadableStream methods apps commonly use. */
export interface AsyncIterableStream<T> extends AsyncIterable<T> {
  getReader(): ReadableStreamDefaultReader<T>;
  pipeThrough<U>(transform: ReadableWritablePair<U, T>, options?: StreamPipeOptions): ReadableStream<U>;
  pipeTo(destination: WritableStream<T>, options?: StreamPipeOptions): Promise<void>;
  tee(): [ReadableStream<T>, ReadableStream<T>];
  readonly locked: boolean;
}

export interface StreamTextResult {
  readonly fullStream: AsyncIterableStream<TextStreamPart>;
  readonly textStream: AsyncIterableStream<string>;
  readonly text: Promise<string>;
  readonly content: Promise<StepResult['content']>;
  readonly reasoning: Promise<StepResult['reasoning']>;
  readonly reasoningText: Promise<string | undefined>;
  readonly files: Promise<unknown[]>;
  readonly sources: Promise<unknown[]>;
  readonly toolCalls: Promise<TypedToolCall[]>;
  readonly staticToolCalls: Promise<TypedToolCall[]>;
  readonly dynamicToolCalls: Promise<TypedToolCall[]>;
  readonly toolResults: Promise<unknown[]>;
  readonly staticToolResults: Promise<unknown[]>;
  readonly dynamicToolResults: Promise<unknown[]>;
  readonly finishReason: Promise<FinishReason>;
  readonly usage: Promise<LanguageModelUsage>;
  readonly totalUsage: Promise<LanguageModelUsage>;
  readonly warnings: Promise<CallWarning[] | undefined>;
  readonly steps: Promise<StepResult[]>;
  readonly request: Promise<{ body?: unknown }>;
  readonly response: Promise<StepResult['response']>;
  readonly providerMetadata: Promise<ProviderMetadata | undefined>;
  consumeStream(options?: { onError?: (error: unknown) => void }): Promise<void>;
  toUIMessageStream(options?: UIMessageStreamOptions): AsyncIterableStream<UIMessageChunk>;
  toUIMessageStreamResponse(options?: UIMessageStreamOptions & ResponseInit & { consumeSseStream?: (o: { stream: ReadableStream<string> }) => void }): Response;
  pipeUIMessageStreamToResponse(
    response: import('node:http').ServerResponse,
    options?: UIMessageStreamOptions & ResponseInit & { consumeSseStream?: (o: { stream: ReadableStream<string> }) => void },
  ): Promise<void>;
  toTextStreamResponse(init?: ResponseInit): Response;
  pipeTextStreamToResponse(response: import('node:http').ServerResponse, init?: ResponseInit): Promise<void>;
}

/** One chunk of the AI SDK v5 UI message stream (what `useChat` reads). */
export type UIMessageChunk = { type: string; [key: string]: unknown };
export interface UIMessage {
  id: string;
  role: 'system' | 'user' | 'assistant';
  metadata?: unknown;
  parts: Array<{ type: string; [key: string]: unknown }>;
}
export interface UIMessageStreamOptions {
  originalMessages?: UIMessage[];
  generateMessageId?: () => string;
  onFinish?: (event: {
    messages: UIMessage[];
    responseMessage: UIMessage;
    isContinuation: boolean;
    isAborted: boolean;
    finishReason?: FinishReason;
  }) => void | Promise<void>;
  messageMetadata?: (options: { part: TextStreamPart }) => unknown;
  sendReasoning?: boolean;
  sendSources?: boolean;
  sendStart?: boolean;
  sendFinish?: boolean;
  /** Turns an error into the text sent to the client (default: "An error occurred."). */
  onError?: (error: unknown) => string;
}

export type StopCondition = (options: { steps: StepResult[] }) => boolean | PromiseLike<boolean>;
export declare function stepCountIs(stepCount: number): StopCondition;
export declare function hasToolCall(toolName: string): StopCondition;

export interface PrepareStepResult<TOOLS extends ToolSet = ToolSet> {
  model?: LanguageModel | string;
  toolChoice?: ToolChoice<TOOLS>;
  activeTools?: Array<keyof TOOLS>;
  system?: string;
  messages?: ModelMessage[];
}
export type PrepareStepFunction<TOOLS extends ToolSet = ToolSet> = (options: {
  steps: StepResult[];
  stepNumber: number;
  model: LanguageModel;
  messages: ModelMessage[];
}) => PrepareStepResult<TOOLS> | undefined | void | PromiseLike<PrepareStepResult<TOOLS> | undefined | void>;

export type StreamTextTransform<TOOLS extends ToolSet = ToolSet> = (options: {
  tools: TOOLS;
  stopStream: () => void;
}) => TransformStream<TextStreamPart, TextStreamPart>;
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
  stopWhen?: StopCondition | StopCondition[];
  prepareStep?: PrepareStepFunction<TOOLS>;
  activeTools?: Array<keyof TOOLS>;
  experimental_activeTools?: Array<keyof TOOLS>;
  experimental_context?: unknown;
  /** OpenTelemetry spans as ai@5 emits them. */
  experimental_telemetry?: TelemetrySettings;
  /** Fixes a call of an unknown tool or with invalid input (`null`: leave it invalid). */
  experimental_repairToolCall?: ToolCallRepairFunction<TOOLS>;
  onStepFinish?: (step: StepResult) => void | Promise<void>;
  /** @deprecated v4 spelling of `maxOutputTokens`. */
  maxTokens?: number;
  /** @deprecated v4 spelling of `stopWhen: stepCountIs(n)`. */
  maxSteps?: number;
}

export interface StreamTextOptions<TOOLS extends ToolSet = ToolSet> extends CallSettings<TOOLS> {
  includeRawChunks?: boolean;
  experimental_transform?: StreamTextTransform<TOOLS> | Array<StreamTextTransform<TOOLS>>;
  onChunk?: (event: { chunk: TextStreamPart }) => void;
  /** Called for every `error` part. Default: `console.error`. */
  onError?: (event: { error: unknown }) => void;
  onFinish?: (event: StepResult & { steps: StepResult[]; totalUsage: LanguageModelUsage }) => void;
  onAbort?: (event: { steps: StepResult[] }) => void;
}

export declare function streamText<TOOLS extends ToolSet = ToolSet>(options: StreamTextOptions<TOOLS>): StreamTextResult;

export interface GenerateTextResult extends StepResult {
  readonly steps: StepResult[];
  readonly totalUsage: LanguageModelUsage;
}
export declare function generateText<TOOLS extends ToolSet = ToolSet>(options: CallSettings<TOOLS>): Promise<GenerateTextResult>;

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
export declare class InvalidResponseDataError extends AISDKError {
  readonly data: unknown;
  static isInstance(error: unknown): error is InvalidResponseDataError;
}
export declare class TypeValidationError extends AISDKError {
  readonly value: unknown;
  static isInstance(error: unknown): error is TypeValidationError;
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

export type OAuthProviderId = 'anthropic' | 'openai' | 'github-copilot';

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
}
export interface CopilotClientSettings {
  clientId?: string;
  deviceCodeUrl?: string;
  accessTokenUrl?: string;
  copilotTokenUrl?: string;
  scope?: string;
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
  oauth?: { anthropic?: OAuthClientSettings; openai?: OAuthClientSettings; githubCopilot?: CopilotClientSettings };
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
