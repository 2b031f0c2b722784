// `npm run demo`: streams a reply through llm-native.
// With a provider key in the environment it talks to that provider; without one it starts the
// project's local server, which replays a real OpenAI transcript from fixtures/.
import { streamText, createOpenAI, createOpenAICompatible } from '../index.js';
import { startServer, sendSse, fixtureBody, openaiTextDeltasBody } from './fixture-server.mjs';

/** Real providers the demo knows, first configured one wins. */
const REAL = [
  { env: 'OPENAI_API_KEY', name: 'openai', model: 'gpt-4o-mini', make: () => createOpenAI() },
  { env: 'DEEPSEEK_API_KEY', name: 'deepseek', model: 'deepseek-chat', baseURL: 'https://api.deepseek.com/v1' },
  { env: 'GROQ_API_KEY', name: 'groq', model: 'llama-3.3-70b-versatile', baseURL: 'https://api.groq.com/openai/v1' },
  { env: 'XAI_API_KEY', name: 'xai', model: 'grok-3-mini', baseURL: 'https://api.x.ai/v1' },
];

async function pickModel() {
  const real = REAL.find((p) => process.env[p.env]);
  if (real) {
    // The key is read here only to hand it to Rust; createOpenAI reads its own from the environment natively.
    const provider = real.make?.() ??
      createOpenAICompatible({ name: real.name, baseURL: real.baseURL, apiKey: process.env[real.env], includeUsage: true });
    const modelId = process.env.LLM_NATIVE_DEMO_MODEL ?? real.model;
    return { model: provider(modelId), label: `${real.name}/${modelId}`, close: () => {} };
  }
  let body;
  try {
    body = fixtureBody('openai__chat_openai-text.chunks.txt');
  } catch {
    body = openaiTextDeltasBody('No fixtures found, so this is a built-in reply from the local demo server.'.split(/(?= )/));
  }
  // Small pieces with a short pause, so the streaming is visible.
  const server = await startServer((req, _b, res) => sendSse(res, body, { chunkSize: 300, delayMs: 8 }));
  const provider = createOpenAICompatible({ name: 'local', baseURL: `${server.url}/v1`, apiKey: 'local-demo', includeUsage: true });
  return { model: provider('gpt-4.1-nano'), label: `local replay server at ${server.url} (set OPENAI_API_KEY for a real provider)`, close: server.close };
}

const { model, label, close } = await pickModel();
console.error(`llm-native demo — ${label}\n`);
const started = performance.now();
const result = streamText({
  model,
  system: 'You are a concise assistant.',
  prompt: process.argv[2] ?? 'Invent a new holiday and describe its traditions.',
});
let firstPartMs;
for await (const part of result.fullStream) {
  if (part.type === 'text-delta') {
    firstPartMs ??= performance.now() - started;
    process.stdout.write(part.text);
  } else if (part.type === 'error') {
    console.error('\nerror:', part.error.message);
  }
}
const usage = await result.totalUsage.catch(() => undefined);
console.error(
  `\n\nfinish: ${await result.finishReason.catch(() => 'error')}, usage: ${JSON.stringify(usage ?? {})}, ` +
  `first text after ${firstPartMs?.toFixed(1) ?? '-'} ms, total ${(performance.now() - started).toFixed(1)} ms`,
);
await close();
