// Type-level interop (checked by interop.test.mjs): llm-native's models and middleware in ai@5's
// functions, ai@5's (and any @ai-sdk/provider) models and middleware in llm-native's.
import * as ai from 'ai';
import { MockLanguageModelV2 as AiMock } from 'ai/test';
import { createOpenAICompatible as aiCompatible } from '@ai-sdk/openai-compatible';
import {
  streamText, generateText, createOpenAICompatible, wrapLanguageModel, wrapProvider, extractReasoningMiddleware,
  defaultSettingsMiddleware, simulateStreamingMiddleware, type LanguageModelMiddleware, type LanguageModelV2,
} from '../index.js';
import { MockLanguageModelV2, convertArrayToReadableStream, convertReadableStreamToArray, mockId, mockValues } from '../test.js';

const ours = createOpenAICompatible({ name: 'x', baseURL: 'http://127.0.0.1:1/v1' })('m');
const theirs = aiCompatible({ name: 'x', baseURL: 'http://127.0.0.1:1/v1' })('m');

// llm-native's model and wrapped models in ai@5.
ai.streamText({ model: ours, prompt: 'hi' });
ai.streamText({ model: wrapLanguageModel({ model: ours, middleware: extractReasoningMiddleware({ tagName: 'think' }) }), prompt: 'hi' });
const wrappedByAi: ai.LanguageModel = ai.wrapLanguageModel({ model: ours, middleware: ai.simulateStreamingMiddleware() });

// ai@5's and @ai-sdk/provider models in llm-native.
streamText({ model: new AiMock(), prompt: 'hi' });
streamText({ model: theirs, prompt: 'hi' });
void generateText({ model: wrappedByAi, prompt: 'hi' });

// Middleware either way.
const cooler: LanguageModelMiddleware = { transformParams: async ({ params }) => ({ ...params, temperature: 0 }) };
ai.wrapLanguageModel({ model: theirs, middleware: cooler });
const model: LanguageModelV2 = wrapLanguageModel({
  model: theirs,
  middleware: [cooler, defaultSettingsMiddleware({ settings: { maxOutputTokens: 10 } }), simulateStreamingMiddleware(), ai.extractReasoningMiddleware({ tagName: 'x' })],
});
wrapProvider({ provider: { languageModel: () => model }, languageModelMiddleware: cooler }).languageModel('m');

// llm-native/test.
const mock = new MockLanguageModelV2({ doStream: { stream: convertArrayToReadableStream([{ type: 'text-start', id: '1' }]) } });
ai.streamText({ model: mock, prompt: 'hi' });
streamText({ model: mock, prompt: 'hi' });
const next: () => string = mockId({ prefix: 'call' });
const pick: () => number = mockValues(1, 2);
void convertReadableStreamToArray(new ReadableStream<number>()).then((n: number[]) => [n, next(), pick()]);
