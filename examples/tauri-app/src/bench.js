// The webview bench (bench/tauri.mjs starts the app with LLM_NATIVE_E2E_MODE=bench): the Node
// benches' workloads timed in the page, through the llm-native plugin, against the AI SDK running
// in the page and the page's own `fetch` of the same bytes. Warm: one warm-up of each, then rounds
// alternating them.
import { invoke } from '@tauri-apps/api/core';
import { createAnthropic, createOpenAICompatible, streamText, tool, jsonSchema } from 'llm-native';
// The AI SDK as an app runs it in a webview today: the repository's own ai@5 and providers (the
// differential tests' devDependencies), which Vite finds in the root's node_modules. Bench only.
import * as ai from 'ai';
import { createAnthropic as aiAnthropic } from '@ai-sdk/anthropic';
import { createOpenAICompatible as aiOpenAICompatible } from '@ai-sdk/openai-compatible';

const KEY = 'sk-bench-webview-0123456789';
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function timed(fn) {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Runs `clients` (name → async fn) alternately, `rounds` times after a warm-up; medians in ms. */
async function alternate(clients, rounds) {
  const names = Object.keys(clients);
  for (const name of names) await clients[name]();
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? [...names].reverse() : names) samples[name].push(await timed(clients[name]));
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]));
}

/** Reads a response's body to the end; its byte count. */
async function drain(res) {
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const reader = res.body.getReader();
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.length;
  }
}

export async function runBench(baseUrl) {
  const origin = new URL(baseUrl).origin;
  const setup = await (await fetch(`${origin}/bench/setup`)).json();
  const status = document.getElementById('status');

  // 1. The 100k-delta Anthropic stream: `for await` over `fullStream`, against reading the body.
  status.textContent = `bench: ${setup.deltas} deltas`;
  const anthropic = createAnthropic({ baseURL: baseUrl, apiKey: KEY })('claude-sonnet-4-5');
  /** `for await` over `fullStream` of `lib`'s `streamText` on `model`, its deltas counted. */
  const readStream = async (lib, model) => {
    let deltas = 0;
    for await (const part of lib.streamText({ model, prompt: 'go', maxRetries: 0 }).fullStream) {
      if (part.type === 'text-delta') deltas++;
      else if (part.type === 'error') throw part.error;
    }
    if (deltas !== setup.deltas) throw new Error(`saw ${deltas} deltas, not ${setup.deltas}`);
  };
  const stream = await alternate({
    'llm-native': () => readStream({ streamText }, anthropic),
    'raw-fetch': async () => {
      const bytes = await drain(await fetch(`${origin}/raw/messages`, { method: 'POST', body: '{}' }));
      if (bytes !== setup.streamBytes) throw new Error(`the raw read got ${bytes} bytes, not ${setup.streamBytes}`);
    },
  }, setup.rounds);
  // The AI SDK takes seconds per stream here: fewer rounds, on their own.
  const aiAnthropicModel = aiAnthropic({ baseURL: `${origin}/ai/v1`, apiKey: KEY })('claude-sonnet-4-5');
  Object.assign(stream, await alternate({ 'ai@5': () => readStream(ai, aiAnthropicModel) }, setup.aiRounds));

  // 2. An agent step over a long history: the call options cross the IPC, a short reply comes back.
  status.textContent = `bench: a step over ${setup.messages.length} messages`;
  const chat = createOpenAICompatible({ name: 'bench', baseURL: baseUrl, apiKey: KEY, includeUsage: true })('m');
  const tools = { read_file: tool({ description: 'Reads a file', inputSchema: jsonSchema(setup.readFileSchema) }) };
  const phases = { startStep: [], firstText: [] };
  const aiChat = aiOpenAICompatible({ name: 'bench', baseURL: `${origin}/ai/v1`, apiKey: KEY, includeUsage: true })('m');
  const aiTools = { read_file: ai.tool({ description: 'Reads a file', inputSchema: ai.jsonSchema(setup.readFileSchema) }) };
  /** One step of `lib`'s `streamText` over the history; `phases` gets llm-native's part times. */
  const agentStep = async (lib, model, tools, include, phases) => {
    let calls = 0;
    const t0 = performance.now();
    for await (const part of lib.streamText({ model, messages: setup.messages, tools, maxRetries: 0, ...include }).fullStream) {
      if (part.type === 'start-step') phases?.startStep.push(performance.now() - t0);
      else if (part.type === 'text-delta' && part.text === ' word0') phases?.firstText.push(performance.now() - t0);
      else if (part.type === 'tool-call') calls++;
      else if (part.type === 'error') throw part.error;
    }
    if (calls !== 1) throw new Error(`saw ${calls} tool calls`);
  };
  const step = await alternate({
    'llm-native': () => agentStep({ streamText }, chat, tools, {}, phases),
    // ai@6's setting: the plugin does not send the request body back.
    'llm-native, requestBody: false': () => agentStep({ streamText }, chat, tools, { experimental_include: { requestBody: false } }),
    'ai@5': () => agentStep(ai, aiChat, aiTools, {}),
    'raw-fetch': async () => {
      // What an app's own code would do: serialise its body, POST it, read the reply.
      await drain(await fetch(`${origin}/raw/chat/completions`, { method: 'POST', body: JSON.stringify(setup.rawBody) }));
    },
  }, setup.rounds);

  // Where a step's time goes on the page: serialising the call options, parsing a body that size.
  const options = { prompt: setup.messages, tools: [{ type: 'function', name: 'read_file', inputSchema: setup.readFileSchema }] };
  const text = JSON.stringify(options);
  const bytes = new TextEncoder().encode(text);
  const costs = await alternate({
    stringify: async () => JSON.stringify(options),
    parse: async () => JSON.parse(text),
    toApp: async () => invoke('bench_sink', bytes),
    fromApp: async () => invoke('bench_source', { bytes: bytes.length }),
    // (20 in a row: one is below the clock's 1 ms step.)
    roundTrips: async () => { for (let i = 0; i < 20; i++) await invoke('bench_source', { bytes: 0 }); },
  }, setup.rounds);
  step.phases = {
    'start-step part': median(phases.startStep),
    'first text-delta': median(phases.firstText),
    'JSON.stringify of the options': costs.stringify,
    'JSON.parse of that text': costs.parse,
    'its bytes over the IPC to the app': costs.toApp,
    'as many bytes from the app': costs.fromApp,
    'an IPC round trip': costs.roundTrips / 20,
  };

  status.textContent = 'bench: done';
  return { stream, step, userAgent: navigator.userAgent };
}
