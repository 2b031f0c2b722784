// Types of `llm-native/test`: test doubles of the same shape as `ai/test`.
import type {
  LanguageModelV2, LanguageModelV2CallOptions, LanguageModelV2GenerateResult, LanguageModelV2StreamResult,
} from './index.js';

export { simulateReadableStream } from './index.js';

type Answer<OPTIONS, RESULT> = ((options: OPTIONS) => PromiseLike<RESULT> | RESULT) | RESULT | RESULT[];

/** A LanguageModelV2 that records its calls (`doGenerateCalls`, `doStreamCalls`) and answers as told. */
export declare class MockLanguageModelV2 implements LanguageModelV2 {
  readonly specificationVersion: 'v2';
  readonly provider: string;
  readonly modelId: string;
  doGenerateCalls: LanguageModelV2CallOptions[];
  doStreamCalls: LanguageModelV2CallOptions[];
  doGenerate: LanguageModelV2['doGenerate'];
  doStream: LanguageModelV2['doStream'];
  get supportedUrls(): PromiseLike<Record<string, RegExp[]>>;
  constructor(options?: {
    provider?: string;
    modelId?: string;
    supportedUrls?: Record<string, RegExp[]> | (() => PromiseLike<Record<string, RegExp[]>>);
    doGenerate?: Answer<LanguageModelV2CallOptions, LanguageModelV2GenerateResult>;
    doStream?: Answer<LanguageModelV2CallOptions, LanguageModelV2StreamResult>;
  });
}

export interface EmbeddingModelV2CallOptions<VALUE> { values: VALUE[]; abortSignal?: AbortSignal; providerOptions?: Record<string, Record<string, unknown>>; headers?: Record<string, string | undefined> }
export interface EmbeddingModelV2Result { embeddings: number[][]; usage?: { tokens: number }; providerMetadata?: Record<string, Record<string, unknown>>; response?: { headers?: Record<string, string>; body?: unknown } }

/** An EmbeddingModelV2 that records its calls (`doEmbedCalls`) and answers as told. */
export declare class MockEmbeddingModelV2<VALUE = string> {
  readonly specificationVersion: 'v2';
  readonly provider: string;
  readonly modelId: string;
  readonly maxEmbeddingsPerCall: number | undefined;
  readonly supportsParallelCalls: boolean;
  doEmbedCalls: Array<EmbeddingModelV2CallOptions<VALUE>>;
  doEmbed: (options: EmbeddingModelV2CallOptions<VALUE>) => Promise<EmbeddingModelV2Result>;
  constructor(options?: {
    provider?: string;
    modelId?: string;
    maxEmbeddingsPerCall?: number | null;
    supportsParallelCalls?: boolean;
    doEmbed?: Answer<EmbeddingModelV2CallOptions<VALUE>, EmbeddingModelV2Result>;
  });
}

export declare function convertArrayToReadableStream<T>(values: T[]): ReadableStream<T>;
export declare function convertArrayToAsyncIterable<T>(values: T[]): AsyncIterable<T>;
export declare function convertReadableStreamToArray<T>(stream: ReadableStream<T>): Promise<T[]>;
/** Ids `<prefix>-0`, `<prefix>-1`, … (prefix `id`). */
export declare function mockId(options?: { prefix?: string }): () => string;
/** Returns the values in turn, then the last one again. */
export declare function mockValues<T>(...values: T[]): () => T;
