// `npm run demo`: a short agent loop through llm-native. The model is asked about this project's
// README; it calls a real `read_file` tool (which reads the file from this checkout), then answers
// from what came back. Reasoning is dimmed, text streams live, and a usage and cost line ends it.
//
// With no key it runs on llm-native's local scripted model (127.0.0.1, no network). With a key in
// the environment or the keychain (OPENAI_API_KEY, ANTHROPIC_API_KEY, …, or `llm-native keys set`)
// the same loop runs against that provider; LLM_NATIVE_DEMO_MODEL=provider/model picks one.
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { streamText, tool, jsonSchema, stepCountIs, listProviders, configureAuth } from '../index.js';
import { startLocalLanguageModel } from '../cli/local-model.mjs';
import { renderStream } from '../cli/render-stream.mjs';
import { style } from '../cli/terminal.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The first of these whose provider has a credential (environment, keychain or login) is used. */
const REAL_MODELS = [
  'openai/gpt-4.1-mini',
  'anthropic/claude-haiku-4-5',
  'google/gemini-2.5-flash',
  'deepseek/deepseek-chat',
  'groq/llama-3.3-70b-versatile',
  'xai/grok-3-mini',
  'mistral/mistral-small-latest',
];

async function pickModel() {
  configureAuth({});
  const chosen = process.env.LLM_NATIVE_DEMO_MODEL;
  const credentialed = new Set(listProviders().filter((p) => p.hasCredentials && p.apiKeyEnvVar).map((p) => p.id));
  const real = chosen ?? REAL_MODELS.find((id) => credentialed.has(id.split('/')[0]));
  if (real) return { model: real, label: real, close: async () => {} };
  const local = await startLocalLanguageModel();
  return {
    ...local,
    note: `llm-native's local scripted model at ${local.url}: no key, no network (set OPENAI_API_KEY or run \`llm-native keys set openai\` for a real provider)`,
  };
}

const readFile = tool({
  description: 'Reads a text file of the project (a path relative to its root).',
  inputSchema: jsonSchema({
    type: 'object',
    properties: { path: { type: 'string', description: 'e.g. README.md' } },
    required: ['path'],
    additionalProperties: false,
  }),
  async execute({ path: relative }) {
    const file = path.resolve(ROOT, relative);
    if (!file.startsWith(`${ROOT}${path.sep}`)) throw new Error(`${relative} is outside the project`);
    const text = await fs.readFile(file, 'utf8');
    // Enough for a summary; a whole long file would only cost tokens.
    return text.length > 12000 ? `${text.slice(0, 12000)}\n…(truncated)` : text;
  },
});

const { model, label, note, close } = await pickModel();
const { dim } = style(process.stderr);
console.error(dim(`llm-native demo — ${note ?? label}\n`));
const started = performance.now();
const result = streamText({
  model,
  system: 'You are a concise assistant with access to the files of a software project.',
  prompt: process.argv[2] ?? 'What is this project? Read its README.md and tell me in two sentences.',
  tools: { read_file: readFile },
  stopWhen: stepCountIs(4),
  onError: () => {},
});
const failed = await renderStream(result, label);
const steps = await result.steps.catch(() => []);
console.error(dim(`${steps.length} steps, ${(performance.now() - started).toFixed(0)} ms`));
await close();
if (failed) {
  console.error(`error: ${failed.message}`);
  process.exitCode = 1;
}
