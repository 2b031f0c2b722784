// A small coding-assistant backend written against the AI SDK v5. Three calls a desktop coding
// app makes: an agent loop with tools (streamText), a title for the conversation (generateText),
// and a compaction of the history into a summary (generateText fed `response.messages`).
//
// Moving it from the AI SDK to llm-native changed only the two import lines below; the AI SDK
// version has `from 'ai'` and `from '@ai-sdk/openai-compatible'` there (the examples test runs
// both against the same local server and compares their output).
import { streamText, generateText, tool, jsonSchema, stepCountIs } from 'llm-native';
import { createOpenAICompatible } from 'llm-native';

const files = {
  'src/parse.js': 'export function parse(s) { return JSON.parse(s) }',
  'README.md': '# demo project',
};

const provider = createOpenAICompatible({
  name: 'local',
  baseURL: process.env.LLM_BASE_URL ?? 'http://127.0.0.1:8787/v1',
  apiKey: process.env.LLM_API_KEY ?? 'local',
  includeUsage: true,
});
const model = provider(process.env.LLM_MODEL ?? 'gpt-4.1-mini');

const tools = {
  list_files: tool({
    description: 'List the files of the project',
    inputSchema: jsonSchema({ type: 'object', properties: {} }),
    execute: async () => Object.keys(files),
  }),
  read_file: tool({
    description: 'Read a file of the project',
    inputSchema: jsonSchema({ type: 'object', properties: { path: { type: 'string' } }, required: ['path'] }),
    execute: async ({ path }) => files[path] ?? `no such file: ${path}`,
  }),
};

const history = [{ role: 'user', content: 'Why does parse crash on empty input?' }];

// 1. The agent loop: stream text and tool activity as it happens.
const agent = streamText({
  model,
  system: 'You are a coding assistant. Use the tools to look at the code.',
  messages: history,
  tools,
  stopWhen: stepCountIs(5),
});
for await (const part of agent.fullStream) {
  if (part.type === 'text-delta') process.stdout.write(part.text);
  if (part.type === 'tool-call') console.log(`[tool] ${part.toolName}(${JSON.stringify(part.input)})`);
  if (part.type === 'tool-result') console.log(`[result] ${JSON.stringify(part.output)}`);
  if (part.type === 'error') console.log(`[error] ${part.error?.message ?? part.error}`);
}
const steps = await agent.steps;
const usage = await agent.totalUsage;
console.log(`\n[agent] ${steps.length} steps, ${usage.totalTokens} tokens, finish: ${await agent.finishReason}`);
history.push(...(await agent.response).messages);

// 2. A title for the conversation.
const { text: title } = await generateText({
  model,
  system: 'Write a title of at most five words for this conversation.',
  prompt: history[0].content,
});
console.log(`[title] ${title}`);

// 3. Compaction: the whole history (tool calls and results included) summarised.
const summary = await generateText({
  model,
  system: 'Summarise the conversation so far for a later turn.',
  messages: [...history, { role: 'user', content: 'Summarise.' }],
});
console.log(`[summary] ${summary.text} (${summary.usage.inputTokens} in / ${summary.usage.outputTokens} out)`);
console.log(`[history] ${history.map((m) => m.role).join(' ')}`);
