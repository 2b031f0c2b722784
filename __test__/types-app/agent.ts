// A realistic ai@5 app with its imports swapped to llm-native: an agent loop with zod-typed tools
// (zod 4 and zod 3), the generic result types, UI message types, provider factories with `fetch`.
// types.test.mjs compiles it with `tsc --strict`; it must have no errors.
import {
  streamText, generateText, tool, dynamicTool, stepCountIs, zodSchema, jsonSchema, convertToModelMessages,
  createUIMessageStream, createUIMessageStreamResponse, safeValidateTypes, parsePartialJson, generateId, createIdGenerator,
  simulateReadableStream, createOpenAI, createAnthropic, createOpenAICompatible, createGoogleGenerativeAI,
  type StreamTextResult, type GenerateTextResult, type StepResult, type TextStreamPart, type UIMessage, type UIMessagePart,
  type ChatStatus, type InferToolInput, type InferToolOutput, type InferUITools, type ToolSet, type ModelMessage,
} from '../../index.js';
import { z } from 'zod';
import { z as z3 } from 'zod3';

const loggingFetch: typeof globalThis.fetch = async (input, init) => globalThis.fetch(input, init);
const openai = createOpenAI({ apiKey: 'k', fetch: loggingFetch });
const anthropic = createAnthropic({ fetch: loggingFetch });
const google = createGoogleGenerativeAI({ fetch: loggingFetch });
const local = createOpenAICompatible({ name: 'local', baseURL: 'http://127.0.0.1:1/v1', fetch: loggingFetch });

const readFile = tool({
  description: 'Read a file',
  inputSchema: z.object({ path: z.string(), maxBytes: z.number().optional() }),
  execute: async ({ path, maxBytes }) => ({ path, content: 'x'.repeat(maxBytes ?? 1) }),
});
const grep = tool({
  description: 'Search',
  inputSchema: z3.object({ pattern: z3.string(), files: z3.array(z3.string()) }),
  execute: async ({ pattern, files }) => files.filter((f) => f.includes(pattern)),
});
const tools = { readFile, grep, mcp: dynamicTool({ inputSchema: jsonSchema({ type: 'object' }), execute: async (input) => input }) } satisfies ToolSet;
type Tools = typeof tools;

const input: InferToolInput<typeof readFile> = { path: 'a' };
const output: InferToolOutput<typeof grep> = ['a'];
void input; void output;

export type ChatMessage = UIMessage<{ createdAt: number }, { status: { phase: string } }, InferUITools<Tools>>;

export async function agent(messages: ChatMessage[]): Promise<string> {
  const result: StreamTextResult<Tools, never> = streamText({
    model: Math.random() > 0.5 ? openai('gpt-5') : anthropic('claude-sonnet-4-5'),
    messages: convertToModelMessages(messages),
    tools,
    stopWhen: stepCountIs(8),
    onStepFinish: (step: StepResult<Tools>) => {
      for (const call of step.toolCalls) {
        if (call.dynamic) continue;
        if (call.toolName === 'readFile') console.log(call.input.path);
        else if (call.toolName === 'grep') console.log(call.input.pattern.length);
      }
    },
  });
  for await (const part of result.fullStream) {
    const p: TextStreamPart<Tools> = part;
    if (p.type === 'tool-result' && !p.dynamic && p.toolName === 'readFile') console.log(p.output.content);
    if (p.type === 'file') console.log(p.file.mediaType, p.file.base64.length);
  }
  const stream = createUIMessageStream<ChatMessage>({
    originalMessages: messages,
    execute: ({ writer }) => {
      writer.write({ type: 'data-status', data: { phase: 'start' } });
      writer.merge(result.toUIMessageStream<ChatMessage>({ messageMetadata: () => ({ createdAt: Date.now() }) }));
    },
    onFinish: ({ responseMessage }) => {
      const parts: Array<UIMessagePart<{ status: { phase: string } }, InferUITools<Tools>>> = responseMessage.parts;
      for (const part of parts) if (part.type === 'tool-readFile' && part.state === 'output-available') console.log(part.output.content);
    },
  });
  createUIMessageStreamResponse({ stream, keepAliveMs: 15_000 });
  const status: ChatStatus = 'streaming';
  const g: GenerateTextResult<Tools, never> = await generateText({ model: google('gemini-2.5-flash'), prompt: 'title', tools });
  const history: ModelMessage[] = g.response.messages;
  const checked = await safeValidateTypes({ value: {}, schema: zodSchema(z.object({ a: z.string() })) });
  const a: string = checked.success ? checked.value.a : '';
  const partial = await parsePartialJson('{"a":');
  const id: string = generateId() + createIdGenerator({ prefix: 'msg' })();
  const chunks = simulateReadableStream({ chunks: ['a'], chunkDelayInMs: null });
  void local; void chunks;
  return `${status} ${history.length} ${a} ${partial.state} ${id} ${await result.text}`;
}
